using System.Net;
using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>A snapshot of one path to a device.</summary>
public sealed record PathStatistics
{
    public required string Endpoint { get; init; }

    public required ConnectionMode Mode { get; init; }

    public required ConnectionState State { get; init; }

    /// <summary>The bound UDP socket or the listener, once started (the port that port 0 was given).</summary>
    public IPEndPoint? LocalEndpoint { get; init; }

    public bool IsActive { get; init; }

    public long Connects { get; init; }

    /// <summary>Data frames decoded on this path (delivered or not).</summary>
    public long FramesReceived { get; init; }

    public long BytesReceived { get; init; }

    public long ConfigFramesReceived { get; init; }

    /// <summary>Data frames decoded while another path was active (kept only to judge this path's health).</summary>
    public long StandbyFrames { get; init; }

    public long CommandsSent { get; init; }

    public long CommandTimeouts { get; init; }

    /// <summary>Refused by the decoder, by reason (only reasons that occurred).</summary>
    public IReadOnlyList<RejectionCount> Rejections { get; init; } = [];

    /// <summary>Refused by the ingest, by reason (only reasons that occurred).</summary>
    public IReadOnlyDictionary<IngestRejection, long> Refusals { get; init; } = new Dictionary<IngestRejection, long>();

    public long CrcErrors => Rejections.Where(r => r.Reason == FrameRejection.BadCrc).Sum(r => r.Frames);

    /// <summary>Frames (or garbage runs) refused by the decoder for <paramref name="reason"/>.</summary>
    public long Rejected(FrameRejection reason) => Rejections.Where(r => r.Reason == reason).Sum(r => r.Frames);

    public long Refused(IngestRejection reason) => Refusals.GetValueOrDefault(reason);
}
