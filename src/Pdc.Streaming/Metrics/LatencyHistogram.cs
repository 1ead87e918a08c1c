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
    private const int TotalBuckets = LinearLimit + ((MaxExponent - 4) * SubBuckets);

    private readonly long[] buckets = new long[TotalBuckets];

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

    /// <summary>The buckets that hold something, for a snapshot that a later one can be compared with (<see cref="LatencyStatistics.Since"/>).</summary>
    internal BucketCount[] NonEmptyBuckets()
    {
        var used = 0;
        foreach (var count in buckets)
        {
            used += count == 0 ? 0 : 1;
        }

        var result = new BucketCount[used];
        for (int i = 0, j = 0; i < buckets.Length; i++)
        {
            if (buckets[i] != 0)
            {
                result[j++] = new BucketCount(i, buckets[i]);
            }
        }

        return result;
    }

    /// <summary>
    /// What was recorded between two snapshots of one histogram: the later's buckets less the earlier's. Minimum
    /// and maximum are the bounds of the lowest and highest bucket left, within the later snapshot's exact ones.
    /// </summary>
    internal static LatencyHistogram Between(BucketCount[] earlier, BucketCount[] later, long sumMicroseconds, long minMicroseconds, long maxMicroseconds)
    {
        var window = new LatencyHistogram();
        foreach (var (bucket, count) in later)
        {
            window.buckets[bucket] += count;
        }

        foreach (var (bucket, count) in earlier)
        {
            window.buckets[bucket] -= count;
        }

        var lowest = Array.FindIndex(window.buckets, c => c > 0);
        if (lowest < 0)
        {
            return window;
        }

        var highest = Array.FindLastIndex(window.buckets, c => c > 0);
        window.Count = window.buckets.Sum();
        window.SumMicroseconds = sumMicroseconds;
        window.MinMicroseconds = Math.Max(lowest == 0 ? 0 : UpperBound(lowest - 1) + 1, minMicroseconds);
        window.MaxMicroseconds = Math.Min(UpperBound(highest), maxMicroseconds);
        return window;
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

    internal readonly record struct BucketCount(int Bucket, long Count);
}
