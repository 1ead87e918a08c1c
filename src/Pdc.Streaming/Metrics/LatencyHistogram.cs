using System.Numerics;

namespace Pdc.Streaming.Metrics;

/// <summary>
/// Arrival latency in microseconds, in a fixed set of log-linear buckets (16 per octave, so a percentile is
/// within about 6 % of the truth) from 0 to about 4.8 hours: recording allocates nothing and costs a few
/// instructions. Exact count, sum, minimum and maximum are kept beside the buckets. Single writer.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBuckets = 16;
    private const int LinearLimit = 2 * SubBuckets;
    private const int MaxExponent = 34;
    private const long Largest = (1L << (MaxExponent + 1)) - 1;
    private const int BucketCount = LinearLimit + ((MaxExponent - 4) * SubBuckets);

    private readonly long[] buckets = new long[BucketCount];

    public long Count { get; private set; }

    public long SumMicroseconds { get; private set; }

    public long MinMicroseconds { get; private set; } = long.MaxValue;

    public long MaxMicroseconds { get; private set; } = long.MinValue;

    /// <summary>Records one latency; a negative one (the source's clock ahead of ours) counts in the lowest bucket but keeps its sign in the minimum.</summary>
    public void Record(long microseconds)
    {
        Count++;
        SumMicroseconds += microseconds;
        MinMicroseconds = Math.Min(MinMicroseconds, microseconds);
        MaxMicroseconds = Math.Max(MaxMicroseconds, microseconds);
        buckets[BucketOf(Math.Clamp(microseconds, 0, Largest))]++;
    }

    /// <summary>The smallest bucket bound below which at least <paramref name="fraction"/> of the values lie, capped at the maximum seen.</summary>
    public long Percentile(double fraction)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return Math.Min(UpperBound(i), MaxMicroseconds);
            }
        }

        return MaxMicroseconds;
    }

    internal static int BucketOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var top = (int)(value >> (exponent - 4));
        return LinearLimit + ((exponent - 5) * SubBuckets) + (top - SubBuckets);
    }

    internal static long UpperBound(int bucket)
    {
        if (bucket < LinearLimit)
        {
            return bucket;
        }

        var exponent = ((bucket - LinearLimit) / SubBuckets) + 5;
        var top = ((bucket - LinearLimit) % SubBuckets) + SubBuckets;
        return ((long)(top + 1) << (exponent - 4)) - 1;
    }
}
