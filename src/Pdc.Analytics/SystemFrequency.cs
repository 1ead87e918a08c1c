using Pdc.Protocol;

namespace Pdc.Analytics;

/// <summary>
/// The system frequency (or ROCOF) as the median of the selected PMUs' valid values: one PMU with a bad value
/// cannot move it. Uses its own scratch array, so it allocates nothing per frame.
/// </summary>
internal sealed class SystemFrequency
{
    private readonly int[] pmus;
    private readonly double[] scratch;

    public SystemFrequency(int[] pmus)
    {
        this.pmus = pmus;
        scratch = new double[pmus.Length];
    }

    public int PmuCount => pmus.Length;

    /// <summary>How many PMUs were valid in the last frame measured.</summary>
    public int ValidCount { get; private set; }

    /// <summary>The median frequency in Hz, or NaN when no selected PMU is valid.</summary>
    public double Measure(DataFrame frame) => MedianOf(frame.Stat, frame.Frequency);

    /// <summary>The median of the PMUs' reported ROCOF (DFREQ) in Hz/s, or NaN when no selected PMU is valid.</summary>
    public double MeasureRocof(DataFrame frame) => MedianOf(frame.Stat, frame.Rocof);

    private double MedianOf(ushort[] stat, float[] values)
    {
        var count = 0;
        foreach (var pmu in pmus)
        {
            double value = values[pmu];
            if (ConfigLookup.IsValid(stat[pmu]) && double.IsFinite(value))
            {
                scratch[count++] = value;
            }
        }

        ValidCount = count;
        return count == 0 ? double.NaN : Median(scratch.AsSpan(0, count));
    }

    /// <summary>The median of <paramref name="values"/> (reordered in place) by quickselect.</summary>
    public static double Median(Span<double> values)
    {
        var upperIndex = values.Length / 2;
        var upper = Select(values, upperIndex);
        if ((values.Length & 1) == 1)
        {
            return upper;
        }

        // After selection everything left of upperIndex is no larger: the lower middle is their maximum.
        var lower = double.NegativeInfinity;
        for (var i = 0; i < upperIndex; i++)
        {
            lower = Math.Max(lower, values[i]);
        }

        return (lower + upper) / 2;
    }

    private static double Select(Span<double> values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        while (left < right)
        {
            var pivot = values[left + ((right - left) / 2)];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                break;
            }
        }

        return values[k];
    }
}
