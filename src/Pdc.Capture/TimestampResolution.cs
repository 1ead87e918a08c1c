namespace Pdc.Capture;

/// <summary>
/// The unit of a pcapng timestamp as the if_tsresol option encodes it: the low 7 bits are an
/// exponent n, the high bit chooses 2^-n seconds over 10^-n seconds. Conversions are exact to
/// the nanosecond (rounded down where the unit is finer).
/// </summary>
internal readonly record struct TimestampResolution(byte Code)
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>What pcapng assumes when an interface has no if_tsresol option.</summary>
    public static TimestampResolution Microseconds { get; } = new(6);

    public static TimestampResolution Nanoseconds { get; } = new(9);

    private bool IsPowerOfTwo => (Code & 0x80) != 0;

    private int Exponent => Code & 0x7F;

    /// <summary>Nanoseconds since the epoch for a count of units; saturates instead of overflowing on corrupt values.</summary>
    public long ToNanoseconds(ulong units, long offsetSeconds)
    {
        Int128 nanoseconds;
        if (IsPowerOfTwo)
        {
            // units * 10^9 < 2^94, so the product and any shift up to 127 fit in 128 bits.
            nanoseconds = (Int128)(((UInt128)units * NanosecondsPerSecond) >> Exponent);
        }
        else if (Exponent <= 9)
        {
            nanoseconds = (Int128)units * PowerOfTen(9 - Exponent);
        }
        else
        {
            // A divisor past 10^19 exceeds any 64-bit count.
            nanoseconds = Exponent - 9 > 19 ? 0 : (Int128)(units / PowerOfTen(Exponent - 9));
        }

        nanoseconds += (Int128)offsetSeconds * NanosecondsPerSecond;
        return (long)Int128.Clamp(nanoseconds, long.MinValue, long.MaxValue);
    }

    /// <summary>The count of units for a time, rounded down; throws if it does not fit in 64 bits.</summary>
    public ulong FromNanoseconds(long nanoseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanoseconds);
        UInt128 units;
        if (IsPowerOfTwo)
        {
            units = Exponent > 63 ? UInt128.MaxValue : ((UInt128)(ulong)nanoseconds << Exponent) / NanosecondsPerSecond;
        }
        else if (Exponent <= 9)
        {
            units = (ulong)nanoseconds / PowerOfTen(9 - Exponent);
        }
        else
        {
            units = Exponent - 9 > 19 ? UInt128.MaxValue : (UInt128)(ulong)nanoseconds * PowerOfTen(Exponent - 9);
        }

        if (units > ulong.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(nanoseconds), nanoseconds, $"the time does not fit in a 64-bit count of the interface's units (if_tsresol 0x{Code:x2})");
        }

        return (ulong)units;
    }

    private static ulong PowerOfTen(int exponent)
    {
        var result = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
