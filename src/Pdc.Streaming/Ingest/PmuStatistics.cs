namespace Pdc.Streaming.Ingest;

/// <summary>A snapshot of one PMU of an input: what its STAT words said in the delivered frames.</summary>
public sealed record PmuStatistics(
    ushort IdCode,
    string StationName,
    long Frames,
    long SyncErrors,
    long DataErrors,
    long ConfigChangeFlags,
    ushort ConfigChangeCount);
