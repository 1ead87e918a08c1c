namespace Pdc.Streaming.Metrics;

/// <summary>A latency distribution: arrival minus frame time for ingest (negative when the source's clock runs ahead), publication delays for the concentrator and outputs.</summary>
public sealed record LatencyStatistics(long Count, TimeSpan Min, TimeSpan Mean, TimeSpan P50, TimeSpan P99, TimeSpan Max)
{
    public static LatencyStatistics Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    internal static LatencyStatistics From(LatencyHistogram histogram) => histogram.Count == 0
        ? Empty
        : new(
            histogram.Count,
            TimeSpan.FromMicroseconds(histogram.MinMicroseconds),
            TimeSpan.FromMicroseconds((double)histogram.SumMicroseconds / histogram.Count),
            TimeSpan.FromMicroseconds(histogram.Percentile(0.5)),
            TimeSpan.FromMicroseconds(histogram.Percentile(0.99)),
            TimeSpan.FromMicroseconds(histogram.MaxMicroseconds));
}
