using System.Buffers;
using System.Buffers.Binary;
using Pdc.Protocol;

namespace Pdc.Replay.Recording;

/// <summary>
/// One direction of a recorded connection: its next TCP sequence number, and what a new file needs so that the
/// direction decodes from its first packet there: the last config frame it carried (every fragment of a CFG-3)
/// and the start of a frame that the previous file cut.
/// </summary>
internal sealed class RecordedFlow
{
    private readonly FrameReader reader = new();
    private readonly List<byte[]> config3 = [];
    private byte[] held = new byte[4096];
    private int heldLength;
    private byte[][] lastConfig = [];

    /// <summary>Sequence number of the next byte, when the connection is TCP.</summary>
    public uint NextSequence { get; set; } = 1;

    /// <summary>The number of the file this direction last carried bytes in.</summary>
    public int LastFile { get; set; }

    /// <summary>Reads along <paramref name="bytes"/> (a TCP chunk, or a whole datagram) for config frames and an unfinished frame.</summary>
    public void Follow(ReadOnlySpan<byte> bytes, bool datagram)
    {
        if (heldLength + bytes.Length > held.Length)
        {
            Array.Resize(ref held, Math.Max(held.Length * 2, heldLength + bytes.Length));
        }

        bytes.CopyTo(held.AsSpan(heldLength));
        heldLength += bytes.Length;
        var buffer = new ReadOnlySequence<byte>(held, 0, heldLength);
        while (reader.TryReadFrame(ref buffer, out var frame) is var status && status != FrameReadStatus.NeedMoreData)
        {
            if (status == FrameReadStatus.Frame)
            {
                Note(frame.Header.Type, frame.Bytes);
            }
        }

        // A datagram never continues in the next one; a byte stream does.
        var rest = datagram ? 0 : (int)buffer.Length;
        held.AsSpan(heldLength - rest, rest).CopyTo(held);
        heldLength = rest;
    }

    /// <summary>The config frames to repeat at the start of a new file, one per datagram or back to back on a stream.</summary>
    public IReadOnlyList<byte[]> LastConfig => lastConfig;

    /// <summary>The start of a frame whose end has not come yet.</summary>
    public ReadOnlySpan<byte> Unfinished => held.AsSpan(0, heldLength);

    private void Note(FrameType type, ReadOnlySpan<byte> frame)
    {
        if (type == FrameType.Config2)
        {
            lastConfig = [frame.ToArray()];
            return;
        }

        if (type != FrameType.Config3 || frame.Length < FrameHeader.MinimumFrameSize + 2)
        {
            return;
        }

        var continuation = BinaryPrimitives.ReadUInt16BigEndian(frame[FrameHeader.Size..]);
        if (continuation is ConfigFrameWriter.OnlyFragment or 1)
        {
            config3.Clear();
        }

        config3.Add(frame.ToArray());
        if (continuation is ConfigFrameWriter.OnlyFragment or ConfigFrameWriter.LastFragment)
        {
            lastConfig = [.. config3];
            config3.Clear();
        }
    }
}
