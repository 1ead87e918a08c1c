using Pdc.Protocol;

namespace Pdc.Simulation.Time;

/// <summary>
/// The report instants of a rate: instant n lies exactly n/rate seconds after the Unix epoch, so instant k of a
/// second carries FRACSEC = k·TIME_BASE/rate. Instants are computed from their index, never by adding periods,
/// so a sender that follows them cannot drift.
/// </summary>
public readonly record struct ReportSchedule
{
    private const long NanosecondsPerSecond = 1_000_000_000;
    private const uint MaxTimeBase = 0x00FF_FFFF;

    public ReportSchedule(int framesPerSecond, uint timeBase)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeBase, MaxTimeBase);
        if (timeBase == 0 || timeBase % framesPerSecond != 0)
        {
            throw new ArgumentException($"TIME_BASE {timeBase} is not a multiple of {framesPerSecond} frames/s, so FRACSEC could not be exact.", nameof(timeBase));
        }

        FramesPerSecond = framesPerSecond;
        TimeBase = timeBase;
    }

    public int FramesPerSecond { get; }

    /// <summary>TIME_BASE: FRACSEC counts in units of 1/TIME_BASE seconds.</summary>
    public uint TimeBase { get; }

    /// <summary>
    /// The TIME_BASE to use for a rate: 1,000,000 (microseconds) when the rate divides it, else the least
    /// multiple of both (3,000,000 for 30, 60, 120 or 240 frames/s), else the largest multiple of the rate in 24 bits.
    /// </summary>
    public static uint TimeBaseFor(int framesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerSecond, 1);
        const long Microseconds = 1_000_000;
        var leastCommonMultiple = Microseconds / GreatestCommonDivisor(Microseconds, framesPerSecond) * framesPerSecond;
        return leastCommonMultiple <= MaxTimeBase
            ? (uint)leastCommonMultiple
            : (uint)(MaxTimeBase / framesPerSecond * framesPerSecond);
    }

    /// <summary>Index of the first instant at or after <paramref name="unixNanoseconds"/>.</summary>
    public long IndexAtOrAfter(long unixNanoseconds)
    {
        var seconds = Math.DivRem(unixNanoseconds, NanosecondsPerSecond, out var rest);
        var within = ((rest * FramesPerSecond) + NanosecondsPerSecond - 1) / NanosecondsPerSecond;
        return (seconds * FramesPerSecond) + within;
    }

    /// <summary>Index of the instant nearest to <paramref name="unixNanoseconds"/>.</summary>
    public long NearestIndex(long unixNanoseconds)
    {
        var seconds = Math.DivRem(unixNanoseconds, NanosecondsPerSecond, out var rest);
        return (seconds * FramesPerSecond) + (((rest * FramesPerSecond) + (NanosecondsPerSecond / 2)) / NanosecondsPerSecond);
    }

    /// <summary>Nanoseconds since the epoch of instant <paramref name="index"/>, rounded down.</summary>
    public long ToUnixNanoseconds(long index)
    {
        var seconds = Math.DivRem(index, FramesPerSecond, out var within);
        return (seconds * NanosecondsPerSecond) + (within * NanosecondsPerSecond / FramesPerSecond);
    }

    /// <summary>SOC and the exact FRACSEC of instant <paramref name="index"/>.</summary>
    public FrameTimestamp ToTimestamp(long index, TimeQuality quality = default)
    {
        var seconds = Math.DivRem(index, FramesPerSecond, out var within);
        return FrameTimestamp.Create((uint)seconds, (uint)(within * (TimeBase / FramesPerSecond)), quality);
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
