using System.Buffers;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// Decodes a buffer to the end and describes every result (status, reason, frame bytes, and what was decoded from
/// them), so that two decodings of the same bytes can be compared whole. It also holds the reader to its contract:
/// each call consumes bytes or asks for more, so the number of calls is bounded by the buffer's length.
/// </summary>
internal static class StreamOutcome
{
    public static List<string> Decode(ReadOnlySequence<byte> buffer, StreamDecoder? decoder = null)
    {
        decoder ??= new StreamDecoder();
        var outcome = new List<string>();
        var length = buffer.Length;
        for (var calls = 0; ; calls++)
        {
            Assert.True(calls <= length, "more calls than bytes: the decoder went round without consuming");
            var before = buffer.Length;
            var status = decoder.TryReadFrame(ref buffer, out var frame);
            if (status == FrameReadStatus.NeedMoreData)
            {
                outcome.Add($"need more, {buffer.Length} left");
                return outcome;
            }

            Assert.True(buffer.Length < before, $"{status} without consuming");
            outcome.Add(Describe(status, frame));
        }
    }

    public static string Describe(FrameReadStatus status, DecodedFrame frame)
    {
        if (status != FrameReadStatus.Frame)
        {
            return $"{status} {frame.Rejection} {frame.SkippedBytes}";
        }

        Assert.True(ReferenceCrc.IsValid(frame.Bytes), "a frame with a wrong CHK was handed out");
        var decoded = frame.Data is { } data ? Convert.ToHexString(Encoded.Data(data))
            : frame.Config is { } config ? Convert.ToHexString(Encoded.Config(config))
            : frame.Command is { } command ? $"{command.Command} {Convert.ToHexString(command.ExtendedData.Span)}"
            : frame.Header is { } header ? header.Text
            : "fragment";
        return $"{frame.FrameHeader.Type} {Convert.ToHexString(frame.Bytes)} {decoded}";
    }
}
