namespace Pdc.Protocol;

/// <summary>
/// A configuration frame (CFG-1, CFG-2 or CFG-3): what a stream's data frames contain and how to read them.
/// Immutable once built; decoders keep one per IDCODE and swap it whole when the config changes.
/// </summary>
public sealed class ConfigFrame
{
    public ConfigFrame(
        FrameType type,
        ProtocolVersion version,
        ushort idCode,
        FrameTimestamp timestamp,
        uint timeBase,
        IReadOnlyList<PmuConfig> pmus,
        short dataRate)
    {
        if (type is not (FrameType.Config1 or FrameType.Config2 or FrameType.Config3))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "A configuration frame is CFG-1, CFG-2 or CFG-3.");
        }

        if (timeBase is 0 or > 0x00FF_FFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(timeBase), timeBase, "TIME_BASE is 1..16777215.");
        }

        Type = type;
        Version = version;
        IdCode = idCode;
        Timestamp = timestamp;
        TimeBase = timeBase;
        Pmus = [.. pmus];
        DataRate = dataRate;
        DataFrameSize = FrameHeader.MinimumFrameSize + Pmus.Sum(p => p.DataBlockSize);
        PhasorCount = Pmus.Sum(p => p.Phasors.Count);
        AnalogCount = Pmus.Sum(p => p.Analogs.Count);
        DigitalCount = Pmus.Sum(p => p.Digitals.Count);
    }

    public FrameType Type { get; }

    public ProtocolVersion Version { get; }

    /// <summary>The stream's IDCODE (of the PMU, or of the PDC that concentrates several PMUs).</summary>
    public ushort IdCode { get; }

    public FrameTimestamp Timestamp { get; }

    /// <summary>TIME_BASE: FRACSEC counts in units of 1/TIME_BASE seconds.</summary>
    public uint TimeBase { get; }

    public IReadOnlyList<PmuConfig> Pmus { get; }

    /// <summary>DATA_RATE: frames per second when positive, seconds per frame when negative.</summary>
    public short DataRate { get; }

    /// <summary>The exact FRAMESIZE of every data frame of this config.</summary>
    public int DataFrameSize { get; }

    public int PhasorCount { get; }

    public int AnalogCount { get; }

    public int DigitalCount { get; }

    /// <summary>The same config sent again at another time: shares the PMU descriptions.</summary>
    public ConfigFrame WithTimestamp(FrameTimestamp timestamp) => new(Type, Version, IdCode, timestamp, TimeBase, Pmus, DataRate);

    public double FramesPerSecond => DataRate switch
    {
        > 0 => DataRate,
        < 0 => -1.0 / DataRate,
        _ => 0,
    };
}
