using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// The report instants of one rate: instant k lies at k/rate seconds after the epoch. Index arithmetic is
/// integer, so instants never drift, whatever the rate and TIME_BASE.
/// </summary>
public readonly record struct ReportGrid(int FramesPerSecond)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Index of the instant nearest to a frame time, and how far (ns, signed) the time is from it.</summary>
    public long Nearest(FrameTimestamp time, uint timeBase, out long offsetNanoseconds)
    {
        var fraction = (long)time.FractionOfSecond;
        var within = ((2 * fraction * FramesPerSecond) + timeBase) / (2L * timeBase);
        var index = ((long)time.Soc * FramesPerSecond) + within;

        // The distance in units of 1/(TIME_BASE × rate) s is exact; a frame on the grid, the rule, needs no second division.
        var distance = (fraction * FramesPerSecond) - (within * timeBase);
        offsetNanoseconds = distance == 0 ? 0 : distance * NanosecondsPerSecond / ((long)timeBase * FramesPerSecond);
        return index;
    }

    /// <summary>Index of the instant at or before <paramref name="unixNanoseconds"/>.</summary>
    public long AtOrBefore(long unixNanoseconds)
    {
        var seconds = Math.DivRem(unixNanoseconds, NanosecondsPerSecond, out var rest);
        return (seconds * FramesPerSecond) + (rest * FramesPerSecond / NanosecondsPerSecond);
    }

    /// <summary>Nanoseconds since the epoch of instant <paramref name="index"/>, rounded down.</summary>
    public long ToUnixNanoseconds(long index)
    {
        var seconds = Math.DivRem(index, FramesPerSecond, out var within);
        return (seconds * NanosecondsPerSecond) + (within * NanosecondsPerSecond / FramesPerSecond);
    }

    /// <summary>The SOC/FRACSEC of instant <paramref name="index"/> in <paramref name="timeBase"/>, FRACSEC rounded to nearest.</summary>
    public FrameTimestamp ToTimestamp(long index, uint timeBase, TimeQuality quality = default)
    {
        var seconds = Math.DivRem(index, FramesPerSecond, out var within);
        var fraction = ((2 * within * timeBase) + FramesPerSecond) / (2L * FramesPerSecond);
        return FrameTimestamp.Create((uint)seconds, (uint)fraction, quality);
    }
}
