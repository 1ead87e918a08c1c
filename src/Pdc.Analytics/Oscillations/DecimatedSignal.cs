namespace Pdc.Analytics.Oscillations;

/// <summary>
/// One signal's recent history at the analysis rate: block means of <c>factor</c> frame samples (the
/// anti-alias filter), NaN where fewer than half were valid. Angle differences are unwrapped first so that
/// a crossing of ±180° is not a jump.
/// </summary>
internal sealed class DecimatedSignal
{
    private readonly double[] ring;
    private readonly int factor;
    private readonly bool unwrapDegrees;
    private long count;
    private double sum;
    private int taken;
    private int phase;
    private AngleUnwrapper unwrapper;

    public DecimatedSignal(int capacity, int factor, bool unwrapDegrees)
    {
        ring = new double[capacity];
        this.factor = factor;
        this.unwrapDegrees = unwrapDegrees;
    }

    /// <summary>Decimated samples recorded so far.</summary>
    public long Count => count;

    /// <summary>Adds one frame's value (NaN when invalid); true when it completed a decimated sample.</summary>
    public bool Add(double value)
    {
        if (unwrapDegrees)
        {
            value = unwrapper.Unwrap(value);
        }

        if (!double.IsNaN(value))
        {
            sum += value;
            taken++;
        }

        if (++phase < factor)
        {
            return false;
        }

        ring[(int)(count++ % ring.Length)] = taken * 2 > factor ? sum / taken : double.NaN;
        sum = 0;
        taken = 0;
        phase = 0;
        return true;
    }

    /// <summary>The latest decimated sample, NaN if none.</summary>
    public double Latest => count == 0 ? double.NaN : ring[(int)((count - 1) % ring.Length)];

    /// <summary>
    /// Copies the latest <c>destination.Length</c> samples, oldest first, bridging runs of up to
    /// <paramref name="maxGap"/> missing samples by linear interpolation (or holding the nearest value at the
    /// ends). False when not enough samples exist yet or a longer run is missing.
    /// </summary>
    public bool TryCopyLatest(Span<double> destination, int maxGap)
    {
        var n = destination.Length;
        if (count < n || n > ring.Length)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            destination[i] = ring[(int)((count - n + i) % ring.Length)];
        }

        var lastValid = -1;
        for (var i = 0; i <= n; i++)
        {
            if (i < n && double.IsNaN(destination[i]))
            {
                continue;
            }

            var gap = i - lastValid - 1;
            if (gap > maxGap || (lastValid < 0 && i == n))
            {
                return false;
            }

            for (var j = lastValid + 1; j < i; j++)
            {
                destination[j] = lastValid < 0 ? destination[i]
                    : i == n ? destination[lastValid]
                    : destination[lastValid] + ((destination[i] - destination[lastValid]) * (j - lastValid) / (i - lastValid));
            }

            lastValid = i;
        }

        return true;
    }
}
