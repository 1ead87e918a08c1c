namespace Pdc.Protocol;

/// <summary>
/// One frame as <see cref="StreamDecoder"/> understood it. Exactly one of <see cref="Data"/>,
/// <see cref="Config"/>, <see cref="Command"/> and <see cref="Header"/> is set for an accepted frame (none for
/// a CFG-3 fragment that awaits the rest). <see cref="Data"/> is the decoder's reused storage: copy what you keep.
/// </summary>
public readonly ref struct DecodedFrame
{
    public DecodedFrame(RawFrame raw, FrameRejection rejection = FrameRejection.None)
    {
        FrameHeader = raw.Header;
        Bytes = raw.Bytes;
        Rejection = rejection == FrameRejection.None ? raw.Rejection : rejection;
        SkippedBytes = rejection == FrameRejection.None ? raw.SkippedBytes : raw.Bytes.Length;
    }

    public FrameHeader FrameHeader { get; }

    /// <summary>The frame's bytes, SYNC through CHK (empty for skipped garbage).</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    public FrameRejection Rejection { get; }

    public long SkippedBytes { get; }

    public DataFrame? Data { get; init; }

    public ConfigFrame? Config { get; init; }

    public CommandFrame? Command { get; init; }

    public HeaderFrame? Header { get; init; }
}
