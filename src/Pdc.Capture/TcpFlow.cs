namespace Pdc.Capture;

/// <summary>
/// One direction of a TCP connection: puts its segments back into sequence order. Positions are
/// kept as 64-bit offsets from the start of the stream, so the 32-bit sequence number may wrap.
/// </summary>
internal sealed class TcpFlow
{
    private readonly List<BufferedSegment> buffered = [];
    private readonly CaptureStatistics statistics;
    private readonly int maxBufferedBytes;
    private bool started;
    private bool synSeen;
    private uint initialSequence;

    // Sequence number of stream offset 0: the byte after the SYN, or the first byte seen mid-session.
    private uint baseSequence;
    private long nextOffset;

    // Bytes known lost that the next payload reports.
    private long pendingGap;
    private long? finOffset;
    private long bufferedCharge;

    public TcpFlow(FlowKey key, CaptureStatistics statistics, int maxBufferedBytes)
    {
        Key = key;
        this.statistics = statistics;
        this.maxBufferedBytes = maxBufferedBytes;
    }

    public FlowKey Key { get; }

    private uint NextSequence => unchecked(baseSequence + (uint)nextOffset);

    /// <summary>Takes one segment; adds to <paramref name="output"/> whatever is now in sequence.</summary>
    /// <param name="payload">The captured payload bytes, possibly fewer than the segment declared.</param>
    public void Accept(in TransportSegment segment, ReadOnlyMemory<byte> payload, PacketOrigin origin, List<CapturePayload> output)
    {
        var dataSequence = segment.SequenceNumber;
        if ((segment.Flags & TcpFlags.Syn) != 0)
        {
            AcceptSyn(segment.SequenceNumber, output);
            dataSequence = unchecked(dataSequence + 1);
        }
        else if (!started)
        {
            // The capture began mid-session: the first segment seen starts the stream.
            Start(dataSequence);
        }

        // The signed 32-bit distance from the expected sequence number places the segment, across wrap-around.
        var offset = nextOffset + unchecked((int)(dataSequence - NextSequence));
        if (segment.DeclaredLength > 0)
        {
            AcceptData(offset, segment.DeclaredLength, payload, origin, output);
        }

        if ((segment.Flags & TcpFlags.Fin) != 0)
        {
            finOffset = offset + segment.DeclaredLength;
        }
    }

    /// <summary>Gives up waiting: delivers all buffered data, reporting the holes before it as gaps.</summary>
    public void Flush(List<CapturePayload> output)
    {
        while (buffered.Count > 0)
        {
            SkipToFirstBuffered();
            Drain(output);
        }

        if (finOffset is { } fin && fin > nextOffset)
        {
            statistics.RecordGap(fin - nextOffset);
            nextOffset = fin;
        }
    }

    private void AcceptSyn(uint sequence, List<CapturePayload> output)
    {
        if (synSeen && sequence == initialSequence)
        {
            return;
        }

        // A capture that began mid-session may show the SYN after the data it precedes.
        var lateCopy = started && !synSeen && unchecked(sequence + 1) == baseSequence;
        if (!lateCopy)
        {
            // Any other SYN opens a new connection on the same ports.
            if (started)
            {
                Flush(output);
            }

            Start(unchecked(sequence + 1));
        }

        synSeen = true;
        initialSequence = sequence;
    }

    private void Start(uint sequence)
    {
        started = true;
        baseSequence = sequence;
        nextOffset = 0;
        pendingGap = 0;
        finOffset = null;
    }

    private void AcceptData(long offset, int declaredLength, ReadOnlyMemory<byte> payload, PacketOrigin origin, List<CapturePayload> output)
    {
        var end = offset + declaredLength;
        if (end <= nextOffset)
        {
            statistics.TcpRetransmissions++;
            statistics.TcpRetransmittedBytes += declaredLength;
            return;
        }

        if (offset > nextOffset)
        {
            Buffer(offset, payload, origin);
            EnforceLimit(output);
            return;
        }

        var overlap = (int)(nextOffset - offset);
        statistics.TcpRetransmittedBytes += Math.Min(overlap, payload.Length);
        if (overlap < payload.Length)
        {
            Deliver(payload[overlap..], origin.Advance(overlap), output);
        }

        if (end > nextOffset)
        {
            // The snapshot length cut the segment: its tail is lost for good.
            statistics.RecordGap(end - nextOffset);
            pendingGap += end - nextOffset;
            nextOffset = end;
        }

        Drain(output);
    }

    private void Deliver(ReadOnlyMemory<byte> data, PacketOrigin origin, List<CapturePayload> output)
    {
        output.Add(origin.ToPayload(Key, data, pendingGap));
        pendingGap = 0;
        nextOffset += data.Length;
    }

    /// <summary>Copies the parts of a future segment that fill holes in the buffer; bytes buffered first win.</summary>
    private void Buffer(long offset, ReadOnlyMemory<byte> payload, PacketOrigin origin)
    {
        if (payload.IsEmpty)
        {
            // Cut to nothing by the snapshot length: there is nothing to keep.
            return;
        }

        var end = offset + payload.Length;
        var cursor = offset;
        var index = FirstEndingAfter(offset);
        var inserted = 0L;
        while (cursor < end)
        {
            var holeEnd = index < buffered.Count ? Math.Min(end, buffered[index].StreamOffset) : end;
            if (holeEnd > cursor)
            {
                var start = (int)(cursor - offset);
                var piece = new BufferedSegment(cursor, payload[start..(int)(holeEnd - offset)].ToArray(), origin.Advance(start));
                buffered.Insert(index, piece);
                bufferedCharge += piece.Charge;
                inserted += piece.Data.Length;
                index++;
            }

            cursor = index < buffered.Count ? Math.Max(holeEnd, buffered[index].End) : end;
            index++;
        }

        statistics.TcpRetransmittedBytes += payload.Length - inserted;
        if (inserted == 0)
        {
            statistics.TcpRetransmissions++;
        }
        else
        {
            statistics.TcpOutOfOrderSegments++;
        }
    }

    private int FirstEndingAfter(long offset)
    {
        var low = 0;
        var high = buffered.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (buffered[middle].End <= offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void EnforceLimit(List<CapturePayload> output)
    {
        if (bufferedCharge <= maxBufferedBytes)
        {
            return;
        }

        statistics.TcpBufferLimitHits++;
        while (bufferedCharge > maxBufferedBytes)
        {
            SkipToFirstBuffered();
            Drain(output);
        }
    }

    private void SkipToFirstBuffered()
    {
        var gap = buffered[0].StreamOffset - nextOffset;
        statistics.RecordGap(gap);
        pendingGap += gap;
        nextOffset = buffered[0].StreamOffset;
    }

    /// <summary>Delivers the buffered segments that the stream has now reached.</summary>
    private void Drain(List<CapturePayload> output)
    {
        var count = 0;
        while (count < buffered.Count && buffered[count].StreamOffset <= nextOffset)
        {
            var head = buffered[count++];
            bufferedCharge -= head.Charge;
            var overlap = (int)Math.Min(nextOffset - head.StreamOffset, head.Data.Length);
            statistics.TcpRetransmittedBytes += overlap;
            if (overlap < head.Data.Length)
            {
                Deliver(head.Data.AsMemory(overlap), head.Origin.Advance(overlap), output);
            }
        }

        buffered.RemoveRange(0, count);
    }
}
