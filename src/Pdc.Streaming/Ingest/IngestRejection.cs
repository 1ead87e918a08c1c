namespace Pdc.Streaming.Ingest;

/// <summary>Why the ingest refused a frame that the decoder accepted, or bytes the decoder never saw.</summary>
public enum IngestRejection
{
    /// <summary>A data frame whose IDCODE is not the input's.</summary>
    UnexpectedIdCode,

    /// <summary>A datagram that ended inside a frame (UDP carries whole frames).</summary>
    PartialDatagram,

    /// <summary>A command frame sent to Pdc by the device.</summary>
    UnexpectedCommand,
}
