namespace Pdc.Capture;

/// <summary>The TCP flows of a capture, each direction reassembled on its own.</summary>
internal sealed class TcpConnections
{
    private readonly Dictionary<WireFlow, TcpFlow> flows = [];

    // Flows in the order they appeared, so that the final flush is deterministic.
    private readonly List<TcpFlow> appearance = [];
    private readonly CaptureStatistics statistics;
    private readonly int maxBufferedBytesPerFlow;
    private TcpFlow? lastFlow;
    private WireFlow lastWire;

    public TcpConnections(CaptureStatistics statistics, int maxBufferedBytesPerFlow)
    {
        this.statistics = statistics;
        this.maxBufferedBytesPerFlow = maxBufferedBytesPerFlow;
    }

    public void Accept(in TransportSegment segment, ReadOnlyMemory<byte> payload, PacketOrigin origin, List<CapturePayload> output)
    {
        // Consecutive segments mostly belong to one flow: a compare is cheaper than hashing two 128-bit addresses.
        var flow = lastFlow is not null && lastWire == segment.Flow ? lastFlow : null;
        if (flow is null && !flows.TryGetValue(segment.Flow, out flow))
        {
            flow = new TcpFlow(segment.Flow.ToFlowKey(), statistics, maxBufferedBytesPerFlow);
            flows.Add(segment.Flow, flow);
            appearance.Add(flow);
            statistics.Flows++;
        }

        (lastFlow, lastWire) = (flow, segment.Flow);

        if ((segment.Flags & TcpFlags.Rst) != 0)
        {
            // Nothing still missing will arrive on either side of a reset connection.
            flow.Flush(output);
            if (flows.TryGetValue(segment.Flow.Reversed(), out var reverse))
            {
                reverse.Flush(output);
            }

            return;
        }

        flow.Accept(segment, payload, origin, output);
    }

    /// <summary>At the end of the capture: delivers whatever still waits, with its gaps.</summary>
    public void FlushAll(List<CapturePayload> output)
    {
        foreach (var flow in appearance)
        {
            flow.Flush(output);
        }
    }
}
