using Pdc.Protocol;

namespace Pdc.Capture;

/// <summary>One flow of a capture (a TCP direction, a UDP flow, a raw file) and the C37.118 decoder reading it.</summary>
public sealed class CaptureFlow
{
    internal CaptureFlow(FlowKey key)
    {
        Key = key;
    }

    public FlowKey Key { get; }

    public StreamDecoder Decoder { get; } = new();

    /// <summary>Bytes lost from the flow in the capture itself (TCP segments never captured).</summary>
    public long LostBytes { get; internal set; }

    /// <summary>Bytes of frames the capture cut short (the end of a UDP datagram or of the file).</summary>
    public long TruncatedBytes { get; internal set; }

    internal FlowBuffer Pending { get; } = new();
}
