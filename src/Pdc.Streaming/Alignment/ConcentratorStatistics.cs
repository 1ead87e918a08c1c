
using Pdc.Streaming.Metrics;

namespace Pdc.Streaming.Alignment;

/// <summary>A concentrator's counts at one moment: how instants were published, and per device what arrived.</summary>
public sealed record ConcentratorStatistics(
    long Published,
    long PublishedComplete,
    long PublishedEarly,
    long PublishedAtTimeout,
    long PublishedEmpty,
    long SkippedInstants,
    long UnknownDeviceFrames,
    LatencyStatistics PublicationLatency,
    IReadOnlyList<DeviceAlignmentSnapshot> Devices)
{
    internal static ConcentratorStatistics From(AlignmentStatistics s, LatencyHistogram latency) => new(
        s.Published,
        s.PublishedComplete,
        s.PublishedEarly,
        s.PublishedAtTimeout,
        s.PublishedEmpty,
        s.SkippedInstants,
        s.UnknownDeviceFrames,
        LatencyStatistics.From(latency),
        s.Devices.Values.Select(DeviceAlignmentSnapshot.From).OrderBy(d => d.IdCode).ToArray());
}
