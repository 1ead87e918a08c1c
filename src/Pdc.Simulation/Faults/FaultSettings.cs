namespace Pdc.Simulation.Faults;

/// <summary>
/// Faults to inject, as a real PMU on a real network would show them. Network faults act on each stream's data
/// frames (drop, duplicate, reorder, delay jitter, bad CRC, disconnects); clock faults act on the PMUs (a clock
/// offset biases their angles and moves when their frames leave; a time-quality code and the sync-error bit mark
/// their time as untrustworthy). Random choices are seeded: the same seed gives the same faults on the same frames.
/// </summary>
public sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    /// <summary>Share of data frames never sent, 0-100.</summary>
    public double DropPercent { get; init; }

    /// <summary>Share of data frames sent twice, 0-100.</summary>
    public double DuplicatePercent { get; init; }

    /// <summary>Share of data frames held back and sent after the next one, 0-100.</summary>
    public double ReorderPercent { get; init; }

    /// <summary>Share of data frames sent with a corrupted CHK, 0-100.</summary>
    public double BadCrcPercent { get; init; }

    /// <summary>Each data frame leaves up to this many milliseconds late (uniformly drawn).</summary>
    public double JitterMilliseconds { get; init; }

    /// <summary>
    /// How far the PMU's clock is ahead of true time (negative: behind). Its report instants stay exact on its own
    /// clock, so its frames leave this much early, and its angles carry the bias −2π·FNOM·offset.
    /// </summary>
    public double ClockOffsetMilliseconds { get; init; }

    /// <summary>The FRACSEC time-quality code (0 locked; 1-0xB unlocked, time within 10^(code−10) s; 0xF clock failure).</summary>
    public byte TimeQualityCode { get; init; }

    /// <summary>Set STAT bit 13: the PMU has lost time synchronization.</summary>
    public bool SyncError { get; init; }

    /// <summary>Close every TCP client connection this often (seconds since start); 0 never.</summary>
    public double DisconnectEverySeconds { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        Percent(DropPercent, nameof(DropPercent));
        Percent(DuplicatePercent, nameof(DuplicatePercent));
        Percent(ReorderPercent, nameof(ReorderPercent));
        Percent(BadCrcPercent, nameof(BadCrcPercent));
        if (!(JitterMilliseconds >= 0) || double.IsInfinity(JitterMilliseconds))
        {
            throw new ArgumentException($"{nameof(JitterMilliseconds)} is a number of milliseconds, 0 or more, not {JitterMilliseconds}.");
        }

        if (!double.IsFinite(ClockOffsetMilliseconds))
        {
            throw new ArgumentException($"{nameof(ClockOffsetMilliseconds)} is a number of milliseconds, not {ClockOffsetMilliseconds}.");
        }

        if (TimeQualityCode > 0xF)
        {
            throw new ArgumentException($"{nameof(TimeQualityCode)} is a 4-bit code, 0-15, not {TimeQualityCode}.");
        }

        if (!(DisconnectEverySeconds >= 0) || double.IsInfinity(DisconnectEverySeconds))
        {
            throw new ArgumentException($"{nameof(DisconnectEverySeconds)} is a number of seconds, 0 (never) or more, not {DisconnectEverySeconds}.");
        }
    }

    private static void Percent(double value, string name)
    {
        if (!(value is >= 0 and <= 100))
        {
            throw new ArgumentException($"{name} is a percentage, 0-100, not {value}.");
        }
    }
}
