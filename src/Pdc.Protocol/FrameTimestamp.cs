namespace Pdc.Protocol;

/// <summary>
/// A frame's time as sent: SOC (seconds since 1970-01-01 UTC) and the FRACSEC word
/// (time-quality byte and the 24-bit fraction, in units of 1/TIME_BASE).
/// </summary>
public readonly record struct FrameTimestamp(uint Soc, uint FracSecWord) : IComparable<FrameTimestamp>
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public uint FractionOfSecond => FracSecWord & 0x00FF_FFFF;

    public TimeQuality TimeQuality => TimeQuality.FromFracSec(FracSecWord);

    public static FrameTimestamp Create(uint soc, uint fractionOfSecond, TimeQuality quality = default) =>
        new(soc, ((uint)quality.Value << 24) | (fractionOfSecond & 0x00FF_FFFF));

    /// <summary>The time as nanoseconds since the Unix epoch, rounded to the nearest nanosecond.</summary>
    public long ToUnixNanoseconds(uint timeBase)
    {
        var fraction = timeBase == 0 ? 0 : ((FractionOfSecond * NanosecondsPerSecond) + (timeBase / 2)) / timeBase;
        return (Soc * NanosecondsPerSecond) + (long)fraction;
    }

    public DateTime ToDateTime(uint timeBase) =>
        DateTime.UnixEpoch.AddTicks(ToUnixNanoseconds(timeBase) / 100);

    /// <summary>The timestamp nearest to <paramref name="unixNanoseconds"/> that TIME_BASE can express.</summary>
    public static FrameTimestamp FromUnixNanoseconds(long unixNanoseconds, uint timeBase, TimeQuality quality = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(timeBase);
        var soc = unixNanoseconds / NanosecondsPerSecond;
        var rest = unixNanoseconds % NanosecondsPerSecond;
        var fraction = ((rest * timeBase) + (NanosecondsPerSecond / 2)) / NanosecondsPerSecond;
        if (fraction >= timeBase)
        {
            soc++;
            fraction -= timeBase;
        }

        return Create((uint)soc, (uint)fraction, quality);
    }

    /// <summary>Orders by time (SOC then fraction), ignoring the time-quality byte.</summary>
    public int CompareTo(FrameTimestamp other)
    {
        var bySecond = Soc.CompareTo(other.Soc);
        return bySecond != 0 ? bySecond : FractionOfSecond.CompareTo(other.FractionOfSecond);
    }

    public static bool operator <(FrameTimestamp left, FrameTimestamp right) => left.CompareTo(right) < 0;

    public static bool operator >(FrameTimestamp left, FrameTimestamp right) => left.CompareTo(right) > 0;

    public static bool operator <=(FrameTimestamp left, FrameTimestamp right) => left.CompareTo(right) <= 0;

    public static bool operator >=(FrameTimestamp left, FrameTimestamp right) => left.CompareTo(right) >= 0;

    public override string ToString() => $"{Soc}.{FractionOfSecond}";
}
