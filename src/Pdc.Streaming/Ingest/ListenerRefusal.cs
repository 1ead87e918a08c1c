namespace Pdc.Streaming.Ingest;

/// <summary>Why the TCP listener closed a connection before handing it to an input.</summary>
public enum ListenerRefusal
{
    /// <summary>Its first frame carries an IDCODE that no input listening here expects.</summary>
    UnknownIdCode,

    /// <summary>The peer closed (or reset) before sending a whole frame.</summary>
    ClosedBeforeIdentification,

    /// <summary>No whole frame within the identification timeout.</summary>
    IdentificationTimeout,

    /// <summary>More bytes than the largest frame without a valid frame among them.</summary>
    NoFrame,
}
