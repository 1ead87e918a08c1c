
using Pdc.Streaming.Metrics;

namespace Pdc.Streaming.Publishing;

/// <summary>One subscriber of an output stream, as of the moment the snapshot was taken.</summary>
public sealed record SubscriberStatistics
{
    public required SubscriberTransport Transport { get; init; }

    /// <summary>The client's address and port (TCP), or the destination's (UDP).</summary>
    public required string RemoteEndPoint { get; init; }

    public required DateTimeOffset ConnectedSince { get; init; }

    /// <summary>Whether data frames are being queued for it (after "turn on"; for UDP, per the command channel).</summary>
    public required bool IsSending { get; init; }

    /// <summary>Frames handed to its socket: data, config and header frames.</summary>
    public required long FramesSent { get; init; }

    public required long BytesSent { get; init; }

    /// <summary>Frames dropped from its queue because it fell too far behind.</summary>
    public required long FramesDropped { get; init; }

    /// <summary>Frames waiting in its queue now.</summary>
    public required int FramesQueued { get; init; }

    /// <summary>Command frames received, including those ignored.</summary>
    public required long CommandsReceived { get; init; }

    /// <summary>Commands not acted on: addressed to another IDCODE, unknown, or CFG-3 asked of a 2005 stream.</summary>
    public required long CommandsIgnored { get; init; }

    /// <summary>Sends that failed without ending the subscription (a UDP destination refusing datagrams).</summary>
    public required long SendErrors { get; init; }

    /// <summary>Time from the concentrator's publication of each data frame to its bytes being handed to this socket.</summary>
    public required LatencyStatistics PublicationLatency { get; init; }

    /// <summary>
    /// Time from each data frame becoming ready (its last device's arrival, or its deadline when one was missing)
    /// to its bytes being handed to this socket: the concentrator's wait and wake-up, plus the above.
    /// </summary>
    public required LatencyStatistics ReadyLatency { get; init; }
}
