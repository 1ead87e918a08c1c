using Pdc.Protocol;
using Pdc.Streaming.Metrics;

namespace Pdc.Streaming.Ingest;

/// <summary>An immutable snapshot of one input: its paths, what was delivered, and how it was connected.</summary>
public sealed record InputStatistics
{
    public required string Name { get; init; }

    public required ushort IdCode { get; init; }

    /// <summary>The active path's state, or else the most advanced state of any path.</summary>
    public required ConnectionState State { get; init; }

    /// <summary>The path whose frames are delivered, or null when none is healthy.</summary>
    public string? ActivePath { get; init; }

    public required IReadOnlyList<PathStatistics> Paths { get; init; }

    public required IReadOnlyList<PmuStatistics> Pmus { get; init; }

    /// <summary>Data frames handed to the sink (each once, whatever the number of PMUs in it).</summary>
    public long FramesDelivered { get; init; }

    /// <summary>Report instants skipped between delivered frames (a late frame that fills a gap is no longer missing).</summary>
    public long MissingReports { get; init; }

    /// <summary>Frames whose report instant was already delivered (on this path or another), dropped.</summary>
    public long Duplicates { get; init; }

    /// <summary>Frames older than the newest delivered one.</summary>
    public long OutOfOrder { get; init; }

    /// <summary>Delivered frames whose FRACSEC time quality says the source is not locked to UTC.</summary>
    public long TimeQualityDegraded { get; init; }

    /// <summary>Delivered frames in which any PMU's STAT reports a sync error.</summary>
    public long SyncErrors { get; init; }

    /// <summary>Times the config in force changed (a new CFGCNT or layout; the first config does not count).</summary>
    public long ConfigChanges { get; init; }

    /// <summary>Times the active path moved to another path.</summary>
    public long Failovers { get; init; }

    public required LatencyStatistics Latency { get; init; }

    public double ConfiguredFrameRate { get; init; }

    /// <summary>Frames delivered per second of frame time, over the last window of at least a second (0 when nothing came for 3 s).</summary>
    public double MeasuredFrameRate { get; init; }

    public string? HeaderText { get; init; }

    /// <summary>The last state transitions of the input's paths, oldest first.</summary>
    public required IReadOnlyList<ConnectionTransition> History { get; init; }

    /// <summary>The last changes of the active path, oldest first.</summary>
    public required IReadOnlyList<ActivePathChange> ActivePathHistory { get; init; }

    public long BytesReceived => Paths.Sum(p => p.BytesReceived);

    public long CrcErrors => Paths.Sum(p => p.CrcErrors);

    public long Rejected(FrameRejection reason) => Paths.Sum(p => p.Rejected(reason));

    public long Refused(IngestRejection reason) => Paths.Sum(p => p.Refused(reason));
}
