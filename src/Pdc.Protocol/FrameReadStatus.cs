namespace Pdc.Protocol;

/// <summary>What one call to <see cref="FrameReader.TryReadFrame"/> found.</summary>
public enum FrameReadStatus : byte
{
    /// <summary>The buffer holds no complete frame yet; read more bytes, then call again.</summary>
    NeedMoreData,

    /// <summary>A whole frame with a good CRC and a known version.</summary>
    Frame,

    /// <summary>Bytes were skipped for the reason given; call again to go on.</summary>
    Rejected,
}
