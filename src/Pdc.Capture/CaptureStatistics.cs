namespace Pdc.Capture;

/// <summary>What reading a capture found, updated as payloads are read.</summary>
public sealed class CaptureStatistics
{
    private readonly long[] skipped = new long[Enum.GetValues<PacketSkipReason>().Length];

    /// <summary>Packet records and blocks read, whether or not they gave a payload.</summary>
    public long Packets { get; internal set; }

    /// <summary>Captured bytes of those packets (the link-layer frames).</summary>
    public long PacketBytes { get; internal set; }

    /// <summary>pcapng blocks of kinds that carry no packets the reader uses (name resolution, statistics, custom...), skipped by their length.</summary>
    public long SkippedBlocks { get; internal set; }

    public long Payloads { get; internal set; }

    public long PayloadBytes { get; internal set; }

    /// <summary>Flows seen: each direction of a TCP connection counts once, as does each UDP direction.</summary>
    public long Flows { get; internal set; }

    /// <summary>TCP segments whose data had all been seen before.</summary>
    public long TcpRetransmissions { get; internal set; }

    /// <summary>Bytes dropped as already seen: whole retransmissions and the overlapping parts of others.</summary>
    public long TcpRetransmittedBytes { get; internal set; }

    /// <summary>TCP segments that arrived ahead of a missing one and waited in the buffer.</summary>
    public long TcpOutOfOrderSegments { get; internal set; }

    /// <summary>Places where a TCP flow lost bytes (never captured, or cut by the snapshot length).</summary>
    public long TcpGaps { get; internal set; }

    public long TcpGapBytes { get; internal set; }

    /// <summary>Times a flow's out-of-order buffer reached its limit, so that missing bytes were declared lost early.</summary>
    public long TcpBufferLimitHits { get; internal set; }

    /// <summary>Packets that gave no payload, by reason.</summary>
    public IReadOnlyDictionary<PacketSkipReason, long> SkippedPackets => Enum.GetValues<PacketSkipReason>()
        .Where(reason => skipped[(int)reason] > 0)
        .ToDictionary(reason => reason, reason => skipped[(int)reason]);

    public long Skipped(PacketSkipReason reason) => skipped[(int)reason];

    internal void RecordSkipped(PacketSkipReason reason) => skipped[(int)reason]++;

    internal void RecordGap(long bytes)
    {
        TcpGaps++;
        TcpGapBytes += bytes;
    }
}
