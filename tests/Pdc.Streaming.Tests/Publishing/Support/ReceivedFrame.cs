using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>One frame a test subscriber received: its bytes, and what our decoder made of them (copied).</summary>
internal sealed record ReceivedFrame(FrameType Type, ushort IdCode, byte[] Bytes, FrameRejection Rejection)
{
    public ConfigFrame? Config { get; init; }

    public DataFrame? Data { get; init; }

    public string? HeaderText { get; init; }

    public static ReceivedFrame From(DecodedFrame frame) => new(frame.FrameHeader.Type, frame.FrameHeader.IdCode, frame.Bytes.ToArray(), frame.Rejection)
    {
        Config = frame.Config,
        Data = frame.Data is { } data ? Copy.Of(data) : null,
        HeaderText = frame.Header?.Text,
    };

    public override string ToString() => $"{Type} from {IdCode}, {Bytes.Length} bytes{(Rejection == FrameRejection.None ? string.Empty : $", rejected: {Rejection}")}";
}
