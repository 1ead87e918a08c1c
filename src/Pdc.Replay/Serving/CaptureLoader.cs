using System.Buffers.Binary;
using System.Net;
using Pdc.Capture;
using Pdc.Protocol;

namespace Pdc.Replay.Serving;

/// <summary>
/// Reads a capture into the streams it carries: every flow with data frames, grouped by sender address and
/// IDCODE (a PMU that was reconnected to is one stream, not one per connection), in order of their first data
/// frame, each frame with the config and header frames the flow carried before it.
/// </summary>
internal static class CaptureLoader
{
    public static IReadOnlyList<CapturedStream> Load(CaptureReader reader, CancellationToken cancellation = default)
    {
        var streams = new Dictionary<(IPAddress? Sender, ushort IdCode), CapturedStream>();
        var flows = new Dictionary<FlowKey, FlowDescriptions>();
        new CaptureStreamDecoder().Run(
            reader,
            (flow, packetNanoseconds, frame) =>
            {
                if (!flows.TryGetValue(flow.Key, out var described))
                {
                    described = new FlowDescriptions();
                    flows[flow.Key] = described;
                }

                if (frame.Data is not { } data)
                {
                    described.Note(frame);
                    return;
                }

                var key = (flow.Key.SourceAddress, frame.FrameHeader.IdCode);
                if (!streams.TryGetValue(key, out var stream))
                {
                    stream = new CapturedStream(frame.FrameHeader.IdCode, flow.Key.ToString());
                    streams[key] = stream;
                }

                var frameTime = data.Timestamp.ToUnixNanoseconds(data.Config.TimeBase);
                stream.Add(frame.Bytes, packetNanoseconds ?? frameTime, frameTime, described.For(data.Config));
            },
            cancellation: cancellation);
        return [.. streams.Values];
    }

    /// <summary>The latest config and header frames of one flow, as bytes, and the description built from them.</summary>
    private sealed class FlowDescriptions
    {
        private readonly List<byte[]> config3Fragments = [];
        private byte[]? config1;
        private byte[]? config2;
        private byte[][]? config3;
        private byte[]? header;
        private StreamDescription? current;

        public void Note(in DecodedFrame frame)
        {
            if (frame.Rejection != FrameRejection.None)
            {
                return;
            }

            switch (frame.FrameHeader.Type)
            {
                case FrameType.Config1 when frame.Config is not null:
                    config1 = frame.Bytes.ToArray();
                    break;
                case FrameType.Config2 when frame.Config is not null:
                    config2 = frame.Bytes.ToArray();
                    break;
                case FrameType.Config3:
                    // Fragments come before the frame that completes the config; only a complete set is kept.
                    if (BinaryPrimitives.ReadUInt16BigEndian(frame.Bytes[FrameHeader.Size..]) is ConfigFrameWriter.OnlyFragment or 1)
                    {
                        config3Fragments.Clear();
                    }

                    config3Fragments.Add(frame.Bytes.ToArray());
                    if (frame.Config is null)
                    {
                        return;
                    }

                    config3 = [.. config3Fragments];
                    config3Fragments.Clear();
                    break;
                case FrameType.Header:
                    header = frame.Bytes.ToArray();
                    break;
                default:
                    return;
            }

            current = null;
        }

        public StreamDescription For(ConfigFrame config)
        {
            if (current is null || !ReferenceEquals(current.Config, config))
            {
                current = new StreamDescription(config, config1, config2, config3, header);
            }

            return current;
        }
    }
}
