using Pdc.Capture;
using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>Gathers what <c>pdc inspect</c> reports about each flow while a <see cref="CaptureStreamDecoder"/> reads the capture.</summary>
internal sealed class CaptureInspector
{
    private readonly Dictionary<FlowKey, StreamInspection> streams = [];
    private readonly CaptureStreamDecoder decoder;

    /// <param name="presetConfig">A config to decode with when a stream carries none (raw byte-stream files).</param>
    public CaptureInspector(ConfigFrame? presetConfig = null)
    {
        decoder = new CaptureStreamDecoder(presetConfig);
    }

    /// <summary>Called for each decoded frame and each refusal.</summary>
    public FrameVisitor? OnFrame { get; init; }

    /// <summary>Called after each payload with the file offset reached, for progress.</summary>
    public Action<long>? OnProgress { get; init; }

    public CaptureReport Inspect(CaptureReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        decoder.Run(reader, Visit, OnProgress);
        var inspected = decoder.Flows.Select(f => streams.GetValueOrDefault(f.Key)).OfType<StreamInspection>().Where(LooksLikeC37118).ToList();
        return new CaptureReport(reader.Format, inspected, reader.Statistics, reader.Error);
    }

    private void Visit(CaptureFlow flow, long? packetNanoseconds, DecodedFrame frame)
    {
        if (!streams.TryGetValue(flow.Key, out var stream))
        {
            stream = new StreamInspection(flow);
            streams[flow.Key] = stream;
        }

        stream.RecordPacketTime(packetNanoseconds);
        if (frame.Rejection == FrameRejection.None)
        {
            stream.Record(frame);
        }
        else if (frame.Rejection is FrameRejection.NoConfig or FrameRejection.ConfigMismatch or FrameRejection.Malformed)
        {
            stream.RecordRefused(frame.FrameHeader);
        }

        OnFrame?.Invoke(stream, packetNanoseconds, frame);
    }

    /// <summary>A flow with frames, or with refused frames that had a SYNC (not just unrelated traffic).</summary>
    private static bool LooksLikeC37118(StreamInspection stream) =>
        stream.TotalFrames > 0 || stream.Decoder.Rejections.Total > stream.Decoder.Rejections[FrameRejection.BadSync];
}
