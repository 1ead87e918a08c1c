namespace Pdc.Replay.Recording;

/// <summary>Where a recording goes and when it starts a new file.</summary>
public sealed class RecorderOptions
{
    /// <summary>The folder the pcapng files are written to (created if missing).</summary>
    public required string Directory { get; init; }

    /// <summary>Start a new file once the current one holds this many bytes; null: no limit.</summary>
    public long? RotateBytes { get; init; }

    /// <summary>Start a new file once the current one spans this long (by arrival time); null: no limit.</summary>
    public TimeSpan? RotateAfter { get; init; }

    /// <summary>Record what Pdc sent too (commands to devices, frames to subscribers), not only what it received.</summary>
    public bool RecordSent { get; init; }

    /// <summary>Chunks of bytes waiting for the writer; beyond this (a disk too slow) new chunks are dropped and counted.</summary>
    public int QueueChunks { get; init; } = 16_384;

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Directory);
        if (RotateBytes is { } bytes)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 4096, nameof(RotateBytes));
        }

        if (RotateAfter is { } after)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(after, TimeSpan.FromSeconds(1), nameof(RotateAfter));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(QueueChunks, 1);
    }
}
