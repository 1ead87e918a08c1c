namespace Pdc.Streaming.Metrics;

/// <summary>A latency distribution: arrival minus frame time for ingest (negative when the source's clock runs ahead), publication delays for the concentrator and outputs.</summary>
public sealed record LatencyStatistics(long Count, TimeSpan Min, TimeSpan Mean, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public static LatencyStatistics Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    // The snapshot's buckets and exact sum, kept (private, so neither serialized nor compared) so that a later
    // snapshot can give the distribution in between.
    private LatencyHistogram.BucketCount[] Buckets { get; init; } = [];

    private long SumMicroseconds { get; init; }

    /// <summary>
    /// The distribution of what was recorded after <paramref name="earlier"/>, a snapshot of the same histogram: a
    /// measurement window that leaves out a warm-up or an earlier incident. Percentiles have the histogram's
    /// resolution (about 6 %); so do the minimum and maximum, which the snapshots do not keep for the window alone.
    /// </summary>
    public LatencyStatistics Since(LatencyStatistics earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (earlier.Count > Count)
        {
            throw new ArgumentException("The earlier snapshot holds more than this one: they are not of one histogram, in order.", nameof(earlier));
        }

        var minMicroseconds = (long)Min.TotalMicroseconds;
        var maxMicroseconds = (long)Max.TotalMicroseconds;
        return From(LatencyHistogram.Between(earlier.Buckets, Buckets, SumMicroseconds - earlier.SumMicroseconds, minMicroseconds, maxMicroseconds));
    }

    /// <summary>Equal when the figures are: the buckets kept for <see cref="Since"/> are not compared.</summary>
    public bool Equals(LatencyStatistics? other) =>
        other is not null && (Count, Min, Mean, P50, P99, Max) == (other.Count, other.Min, other.Mean, other.P50, other.P99, other.Max);

    public override int GetHashCode() => HashCode.Combine(Count, Min, Mean, P50, P99, Max);

    internal static LatencyStatistics From(LatencyHistogram histogram) => histogram.Count == 0
        ? Empty
        : new(
            histogram.Count,
            TimeSpan.FromMicroseconds(histogram.MinMicroseconds),
            TimeSpan.FromMicroseconds((double)histogram.SumMicroseconds / histogram.Count),
            TimeSpan.FromMicroseconds(histogram.Percentile(0.5)),
            TimeSpan.FromMicroseconds(histogram.Percentile(0.99)),
            TimeSpan.FromMicroseconds(histogram.MaxMicroseconds))
        {
            Buckets = histogram.NonEmptyBuckets(),
            SumMicroseconds = histogram.SumMicroseconds,
        };
}
