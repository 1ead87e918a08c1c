using FsCheck.Fluent;
using FsCheck;
using Pdc.Streaming.Metrics;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Bucket_OfAnyLatency_HoldsItWithinOneSixteenthOfItsValue()
    {
        var latencies = Gen.Choose(0, int.MaxValue).Select(v => (long)v * 16).ToArbitrary();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(500), Prop.ForAll(latencies, value =>
        {
            var bucket = LatencyHistogram.BucketOf(value);
            var upper = LatencyHistogram.UpperBound(bucket);
            var lower = bucket == 0 ? 0 : LatencyHistogram.UpperBound(bucket - 1) + 1;
            Assert.InRange(value, lower, upper);
            Assert.True(upper - lower <= Math.Max(0, value / 16.0), $"bucket {bucket} [{lower}, {upper}] is too wide for {value}");
        }));
    }

    [Fact]
    public void Percentile_OfUniformLatencies_IsWithinTheBucketResolution()
    {
        var histogram = new LatencyHistogram();
        for (var us = 1; us <= 10_000; us++)
        {
            histogram.Record(us);
        }

        Assert.InRange(histogram.Percentile(0.99), 9_900, 9_900 * 17 / 16);
        Assert.InRange(histogram.Percentile(0.5), 5_000, 5_000 * 17 / 16);
        Assert.Equal(10_000, histogram.Percentile(1));
    }

    [Fact]
    public void Statistics_KeepTheExactMinimumMeanAndMaximum_EvenNegativeOrBeyondTheLastBucket()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-250);
        histogram.Record(1_000);
        histogram.Record(100_000_000_000);

        var statistics = LatencyStatistics.From(histogram);

        Assert.Equal(TimeSpan.FromMicroseconds(-250), statistics.Min);
        Assert.Equal(TimeSpan.FromMicroseconds(100_000_000_000), statistics.Max);
        Assert.Equal(TimeSpan.FromMicroseconds((100_000_000_000 + 750) / 3.0), statistics.Mean);
        Assert.Equal(3, statistics.Count);
    }

    [Fact]
    public void Statistics_OfNothing_AreZero() =>
        Assert.Equal(LatencyStatistics.Empty, LatencyStatistics.From(new LatencyHistogram()));

    [Fact]
    public void Since_AnEarlierSnapshot_GivesTheWindowWithoutWhatCameBefore()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 1_000; i++)
        {
            histogram.Record(50_000);
        }

        var afterWarmUp = LatencyStatistics.From(histogram);
        for (var us = 1; us <= 10_000; us++)
        {
            histogram.Record(us);
        }

        var end = LatencyStatistics.From(histogram);
        var window = end.Since(afterWarmUp);

        Assert.InRange(end.P99.TotalMicroseconds, 50_000, 50_000 * 17 / 16);
        Assert.Equal(10_000, window.Count);
        Assert.Equal(5_000.5, window.Mean.TotalMicroseconds, 3);
        Assert.InRange(window.P99.TotalMicroseconds, 9_900, 9_900 * 17 / 16);
        Assert.InRange(window.Max.TotalMicroseconds, 10_000, 10_000 * 17 / 16);
        Assert.Equal(1, window.Min.TotalMicroseconds);
        Assert.Equal(LatencyStatistics.Empty, end.Since(end));
        Assert.Throws<ArgumentException>(() => afterWarmUp.Since(end));
    }
}
