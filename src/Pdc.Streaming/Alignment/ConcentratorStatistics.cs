
using Pdc.Streaming.Metrics;

namespace Pdc.Streaming.Alignment;

/// <summary>A concentrator's counts at one moment: how instants were published, and per device what arrived.</summary>
/// <param name="ConsumerFailures">Aligned frames a consumer (an output, the detectors) threw on; the others still got them.</param>
/// <param name="LastConsumerFailure">The consumer and message of the latest such failure.</param>
public sealed record ConcentratorStatistics(
    long Published,
    long PublishedComplete,
    long PublishedEarly,
    long PublishedAtTimeout,
    long PublishedEmpty,
    long SkippedInstants,
    long UnknownDeviceFrames,
    LatencyStatistics PublicationLatency,
    IReadOnlyList<DeviceAlignmentSnapshot> Devices,
    long ConsumerFailures,
    string? LastConsumerFailure)
{
    internal static ConcentratorStatistics From(AlignmentStatistics s, LatencyHistogram latency, long consumerFailures, string? lastConsumerFailure) => new(
        s.Published,
        s.PublishedComplete,
        s.PublishedEarly,
        s.PublishedAtTimeout,
        s.PublishedEmpty,
        s.SkippedInstants,
        s.UnknownDeviceFrames,
        LatencyStatistics.From(latency),
        s.Devices.Values.Select(DeviceAlignmentSnapshot.From).OrderBy(d => d.IdCode).ToArray(),
        consumerFailures,
        lastConsumerFailure);
}
