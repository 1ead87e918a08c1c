using System.Diagnostics;
using System.Globalization;
using Pdc.Streaming.Alignment;

namespace Pdc.Host.Runtime;

/// <summary>
/// The concentrator's part of the log line written every few seconds: what happened since the previous line (is it
/// healthy now?) beside the totals since start, which an incident an hour ago would otherwise colour for good.
/// </summary>
internal sealed class PublicationSummary
{
    private ConcentratorStatistics? previous;
    private long previousTimestamp;

    /// <summary>Describes <paramref name="now"/> against the statistics of the previous call; one call at a time.</summary>
    public string Describe(ConcentratorStatistics now)
    {
        ArgumentNullException.ThrowIfNull(now);
        var timestamp = Stopwatch.GetTimestamp();
        var text = Describe(now, previous, Stopwatch.GetElapsedTime(previousTimestamp, timestamp));
        (previous, previousTimestamp) = (now, timestamp);
        return text;
    }

    /// <summary>The words for <paramref name="now"/>, and for the interval since <paramref name="before"/> when there was one.</summary>
    private static string Describe(ConcentratorStatistics now, ConcentratorStatistics? before, TimeSpan interval)
    {
        var total = string.Create(
            CultureInfo.InvariantCulture,
            $"{now.Published} instants ({now.PublishedComplete} complete, {now.PublishedAtTimeout} with devices missing), publication p99 {now.PublicationLatency.P99.TotalMilliseconds:0.###} ms");
        if (before is null)
        {
            return $"aligned since start {total}";
        }

        var window = now.PublicationLatency.Since(before.PublicationLatency);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"aligned in the last {interval.TotalSeconds:0} s {now.Published - before.Published} instants ({now.PublishedComplete - before.PublishedComplete} complete, {now.PublishedAtTimeout - before.PublishedAtTimeout} with devices missing), publication p99 {window.P99.TotalMilliseconds:0.###} ms; since start {total}");
    }
}
