namespace Pdc.Protocol;

/// <summary>Why a frame, or the bytes where a frame should have been, was refused.</summary>
public enum FrameRejection : byte
{
    None = 0,

    /// <summary>Bytes skipped while searching for a SYNC word (0xAA and a known frame type).</summary>
    BadSync,

    /// <summary>FRAMESIZE smaller than the smallest frame, larger than allowed, or different from what the config says.</summary>
    BadSize,

    /// <summary>CHK does not match the CRC-CCITT of the frame.</summary>
    BadCrc,

    /// <summary>Version number neither 1 (2005) nor 2 (2011).</summary>
    UnknownVersion,

    /// <summary>A data frame arrived for an IDCODE whose configuration has not been seen.</summary>
    NoConfig,

    /// <summary>A data frame does not fit the configuration in force (size or PMU count differ).</summary>
    ConfigMismatch,

    /// <summary>Inside a frame with a good CRC, a field is out of range (counts that overrun the frame, bad CONT_IDX).</summary>
    Malformed,
}
