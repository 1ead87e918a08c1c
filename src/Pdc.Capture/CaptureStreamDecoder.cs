using System.Buffers;
using Pdc.Protocol;

namespace Pdc.Capture;

/// <summary>
/// Decodes every flow of a capture as C37.118: TCP flows and raw streams as byte streams (a capture gap drops
/// the frame it broke), UDP datagrams one at a time. Used by <c>pdc inspect</c> and by replay.
/// </summary>
public sealed class CaptureStreamDecoder
{
    private readonly Dictionary<FlowKey, CaptureFlow> flows = [];
    private readonly ConfigFrame? presetConfig;
    private CaptureFlow? lastFlow;

    /// <param name="presetConfig">A config to decode with when a flow carries none (raw byte-stream files).</param>
    public CaptureStreamDecoder(ConfigFrame? presetConfig = null)
    {
        this.presetConfig = presetConfig;
    }

    /// <summary>Every flow seen so far, in order of first appearance.</summary>
    public IReadOnlyCollection<CaptureFlow> Flows => flows.Values;

    /// <summary>Reads every payload of <paramref name="reader"/>, calling <paramref name="onFrame"/> for each frame or refusal.</summary>
    /// <param name="onProgress">Called after each payload with the file offset reached.</param>
    public void Run(CaptureReader reader, CaptureFrameHandler onFrame, Action<long>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(onFrame);
        foreach (var payload in reader.ReadPayloads())
        {
            cancellation.ThrowIfCancellationRequested();
            var flow = FlowOf(payload.Flow);
            if (payload.GapBytesBefore > 0)
            {
                flow.LostBytes += payload.GapBytesBefore;
                flow.Pending.Clear();
            }

            Drain(flow, payload, onFrame);
            if (payload.Flow.Transport == TransportProtocol.Udp)
            {
                // A datagram never continues in the next one: what is left is a frame cut short.
                flow.TruncatedBytes += flow.Pending.Length;
                flow.Pending.Clear();
            }

            onProgress?.Invoke(payload.FileOffset + payload.Data.Length);
        }

        foreach (var flow in flows.Values)
        {
            flow.TruncatedBytes += flow.Pending.Length;
            flow.Pending.Clear();
        }
    }

    private CaptureFlow FlowOf(FlowKey key)
    {
        // Most payloads continue the flow of the one before: comparing is cheaper than hashing its addresses.
        if (lastFlow is not null && lastFlow.Key == key)
        {
            return lastFlow;
        }

        if (!flows.TryGetValue(key, out var flow))
        {
            flow = new CaptureFlow(key);
            if (presetConfig is not null)
            {
                flow.Decoder.UseConfig(presetConfig);
            }

            flows[key] = flow;
        }

        lastFlow = flow;
        return flow;
    }

    private static void Drain(CaptureFlow flow, in CapturePayload payload, CaptureFrameHandler onFrame)
    {
        if (flow.Pending.Length > 0)
        {
            flow.Pending.Append(payload.Data.Span);
            var pending = flow.Pending.Pending;
            ReadFrames(flow, ref pending, payload.TimestampNanoseconds, onFrame);
            flow.Pending.Consume(pending);
            return;
        }

        // Nothing held back: whole frames are read from the payload's span itself, anything else from the rest as a
        // sequence, and only an unfinished tail is copied.
        var bytes = payload.Data.Span;
        var read = 0;
        while (flow.Decoder.TryReadWholeFrame(bytes[read..], out var frame))
        {
            read += frame.Bytes.Length;
            onFrame(flow, payload.TimestampNanoseconds, frame);
        }

        if (read < bytes.Length)
        {
            var rest = new ReadOnlySequence<byte>(payload.Data[read..]);
            ReadFrames(flow, ref rest, payload.TimestampNanoseconds, onFrame);
            flow.Pending.Append(rest.FirstSpan);
        }
    }

    private static void ReadFrames(CaptureFlow flow, ref ReadOnlySequence<byte> bytes, long? packetNanoseconds, CaptureFrameHandler onFrame)
    {
        while (flow.Decoder.TryReadFrame(ref bytes, out var frame) != FrameReadStatus.NeedMoreData)
        {
            onFrame(flow, packetNanoseconds, frame);
        }
    }
}
