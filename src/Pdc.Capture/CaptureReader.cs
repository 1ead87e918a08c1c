namespace Pdc.Capture;

/// <summary>
/// Reads a capture file (pcap, pcapng or a raw byte stream) as transport payloads: UDP datagrams,
/// TCP data reassembled in sequence order per direction, or chunks of the raw stream. Reading
/// streams through the file once; bad content never throws but stops reading with <see cref="Error"/> set.
/// </summary>
public sealed class CaptureReader : IDisposable
{
    private const int RawChunkLength = 64 * 1024;

    private readonly CaptureInput input;
    private readonly CaptureReaderOptions options;
    private readonly IFrameSource? frames;
    private bool reading;

    internal CaptureReader(CaptureInput input, CaptureFormat format, CaptureReaderOptions options)
    {
        this.input = input;
        this.options = options;
        Format = format;
        frames = format switch
        {
            CaptureFormat.Pcap => new PcapFrameSource(input, Statistics),
            CaptureFormat.PcapNg => new PcapNgFrameSource(input, Statistics),
            _ => null,
        };
    }

    public CaptureFormat Format { get; }

    /// <summary>Set when a corrupt or truncated structure stopped reading before the end of the file; everything before it was delivered.</summary>
    public CaptureError? Error => frames?.Error;

    /// <summary>Counts of what was read and skipped so far.</summary>
    public CaptureStatistics Statistics { get; } = new();

    /// <summary>
    /// The payloads in file order: each one as soon as the packet that completes it is read, TCP
    /// data in sequence order per flow; what still waits for missing TCP segments comes at the end.
    /// Each payload's <see cref="CapturePayload.Data"/> is valid only until the enumerator moves on.
    /// Can be enumerated once.
    /// </summary>
    public IEnumerable<CapturePayload> ReadPayloads()
    {
        if (reading)
        {
            throw new InvalidOperationException("A capture's payloads can be read only once: open the file again to start over.");
        }

        reading = true;
        return frames is null ? ReadRawStream() : ReadPackets(frames);
    }

    public void Dispose() => input.Dispose();

    private IEnumerable<CapturePayload> ReadPackets(IFrameSource source)
    {
        var tcp = new TcpConnections(Statistics, options.MaxOutOfOrderBytesPerFlow);
        var udpFlows = new Dictionary<WireFlow, FlowKey>();
        var ready = new List<CapturePayload>();
        foreach (var frame in source.ReadFrames())
        {
            if (!TransportSegment.TryDecode(frame.LinkType, frame.Data.Span, out var segment, out var reason))
            {
                Statistics.RecordSkipped(reason);
                continue;
            }

            var payload = frame.Data.Slice(segment.PayloadOffset, segment.CapturedLength);
            var origin = new PacketOrigin(frame.TimestampNanoseconds, frame.InterfaceId, frame.PacketNumber, frame.DataOffset + segment.PayloadOffset);
            if (segment.Flow.Transport == TransportProtocol.Udp)
            {
                ready.Add(origin.ToPayload(UdpFlowKey(udpFlows, segment.Flow), payload, 0));
            }
            else
            {
                tcp.Accept(segment, payload, origin, ready);
            }

            // Indexing, not a nested iterator: this loop runs once a packet and must not allocate.
            for (var i = 0; i < ready.Count; i++)
            {
                Count(ready[i]);
                yield return ready[i];
            }

            ready.Clear();
        }

        tcp.FlushAll(ready);
        foreach (var payload in ready)
        {
            Count(payload);
            yield return payload;
        }
    }

    private FlowKey UdpFlowKey(Dictionary<WireFlow, FlowKey> udpFlows, in WireFlow flow)
    {
        if (!udpFlows.TryGetValue(flow, out var key))
        {
            key = flow.ToFlowKey();
            udpFlows.Add(flow, key);
            Statistics.Flows++;
        }

        return key;
    }

    private IEnumerable<CapturePayload> ReadRawStream()
    {
        while (true)
        {
            var offset = input.Offset;
            var length = input.Fill(RawChunkLength);
            if (length == 0)
            {
                yield break;
            }

            if (offset == 0)
            {
                Statistics.Flows++;
            }

            var chunk = new CapturePayload { Flow = FlowKey.Raw, Data = input.Take(length), FileOffset = offset };
            Count(chunk);
            yield return chunk;
        }
    }

    private void Count(CapturePayload payload)
    {
        Statistics.Payloads++;
        Statistics.PayloadBytes += payload.Data.Length;
    }
}
