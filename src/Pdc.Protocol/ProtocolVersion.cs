namespace Pdc.Protocol;

/// <summary>Version number, bits 3-0 of the second SYNC byte.</summary>
public enum ProtocolVersion : byte
{
    /// <summary>IEEE Std C37.118-2005.</summary>
    Ieee2005 = 1,

    /// <summary>IEEE Std C37.118.2-2011 (adds CFG-3, the extended command frame and the time-quality STAT bits).</summary>
    Ieee2011 = 2,
}
