namespace Pdc.Protocol;

/// <summary>
/// The STAT word of one PMU block in a data frame. Bit meanings follow C37.118.2-2011; bits 15-14
/// read as "data invalid" and "PMU error" in the 2005 standard, which is the same encoding.
/// </summary>
public readonly record struct Stat(ushort Value)
{
    public const ushort DataInvalidBit = 0x8000;
    public const ushort PmuErrorBit = 0x4000;
    public const ushort SyncErrorBit = 0x2000;
    public const ushort SortByArrivalBit = 0x1000;
    public const ushort TriggerBit = 0x0800;
    public const ushort ConfigChangeBit = 0x0400;
    public const ushort DataModifiedBit = 0x0200;

    /// <summary>Bits 15-14: 0 good, 1 PMU error, 2 PMU in test mode, 3 PMU error (do not use values).</summary>
    public int DataError => Value >> 14;

    public bool DataInvalid => (Value & DataInvalidBit) != 0;

    public bool PmuError => (Value & PmuErrorBit) != 0;

    /// <summary>Bit 13: the PMU has lost time synchronization.</summary>
    public bool SyncError => (Value & SyncErrorBit) != 0;

    /// <summary>Bit 12: data sorted by arrival rather than by timestamp (set by a PDC).</summary>
    public bool SortedByArrival => (Value & SortByArrivalBit) != 0;

    public bool Trigger => (Value & TriggerBit) != 0;

    /// <summary>Bit 10: the configuration will change within a minute; re-read it.</summary>
    public bool ConfigChange => (Value & ConfigChangeBit) != 0;

    /// <summary>Bit 9 (2011): data modified by post-processing (e.g. a PDC filling a gap).</summary>
    public bool DataModified => (Value & DataModifiedBit) != 0;

    /// <summary>Bits 8-6 (2011): PMU time quality, the estimated maximum time error.</summary>
    public int PmuTimeQuality => (Value >> 6) & 0x7;

    /// <summary>Bits 5-4: time since the clock unlocked (0 &lt;10 s, 1 &lt;100 s, 2 &lt;1000 s, 3 longer).</summary>
    public int UnlockedTime => (Value >> 4) & 0x3;

    /// <summary>Bits 3-0: trigger reason (0 manual, 1 magnitude low, 2 magnitude high, 3 phase angle, 4 frequency, 5 df/dt, 7 digital, 8-15 user).</summary>
    public int TriggerReason => Value & 0xF;

    public override string ToString() => $"0x{Value:X4}";
}
