using Pdc.Capture;
using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>
/// Reads a capture and decodes every flow in it as C37.118: TCP flows and raw streams as byte streams,
/// UDP datagrams one at a time. Flows with no sign of C37.118 are left out of the report.
/// </summary>
internal sealed class CaptureInspector
{
    private readonly Dictionary<FlowKey, (StreamInspection Stream, FlowBuffer Buffer)> flows = [];
    private readonly ConfigFrame? presetConfig;

    /// <param name="presetConfig">A config to decode with when a stream carries none (raw byte-stream files).</param>
    public CaptureInspector(ConfigFrame? presetConfig = null)
    {
        this.presetConfig = presetConfig;
    }

    /// <summary>Called for each decoded frame and each rejection.</summary>
    public FrameVisitor? OnFrame { get; init; }

    /// <summary>Called after each payload with the file offset reached, for progress.</summary>
    public Action<long>? OnProgress { get; init; }

    public CaptureReport Inspect(CaptureReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        foreach (var payload in reader.ReadPayloads())
        {
            var (stream, buffer) = FlowOf(payload.Flow);
            stream.RecordPacketTime(payload.TimestampNanoseconds);
            if (payload.GapBytesBefore > 0)
            {
                stream.RecordGap(payload.GapBytesBefore);
                buffer.Clear();
            }

            buffer.Append(payload.Data.Span);
            Drain(stream, buffer, payload.TimestampNanoseconds);
            if (payload.Flow.Transport == TransportProtocol.Udp)
            {
                // A datagram never continues in the next one: what is left is a frame cut short.
                stream.TruncatedBytes += buffer.Length;
                buffer.Clear();
            }

            OnProgress?.Invoke(payload.FileOffset + payload.Data.Length);
        }

        foreach (var (stream, buffer) in flows.Values)
        {
            stream.TruncatedBytes += buffer.Length;
        }

        var streams = flows.Values.Select(f => f.Stream).Where(LooksLikeC37118).ToList();
        return new CaptureReport(reader.Format, streams, reader.Statistics, reader.Error);
    }

    /// <summary>A flow with frames, or with refused frames that had a SYNC (not just unrelated traffic).</summary>
    private static bool LooksLikeC37118(StreamInspection stream) =>
        stream.TotalFrames > 0 || stream.Decoder.Rejections.Total > stream.Decoder.Rejections[FrameRejection.BadSync];

    private (StreamInspection Stream, FlowBuffer Buffer) FlowOf(FlowKey key)
    {
        if (!flows.TryGetValue(key, out var flow))
        {
            flow = (new StreamInspection(key), new FlowBuffer());
            if (presetConfig is not null)
            {
                flow.Stream.Decoder.UseConfig(presetConfig);
            }

            flows[key] = flow;
        }

        return flow;
    }

    private void Drain(StreamInspection stream, FlowBuffer buffer, long? packetNanoseconds)
    {
        var pending = buffer.Pending;
        while (true)
        {
            var status = stream.Decoder.TryReadFrame(ref pending, out var frame);
            if (status == FrameReadStatus.NeedMoreData)
            {
                break;
            }

            if (status == FrameReadStatus.Frame)
            {
                stream.Record(frame);
            }
            else if (frame.Rejection is FrameRejection.NoConfig or FrameRejection.ConfigMismatch or FrameRejection.Malformed)
            {
                stream.RecordRefused(frame.FrameHeader);
            }

            OnFrame?.Invoke(stream, packetNanoseconds, frame);
        }

        buffer.Consume(pending);
    }
}
