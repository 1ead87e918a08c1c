using System.Buffers;
using System.Buffers.Binary;
using Pdc.Protocol;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// The bytes of a config or header frame (a CFG-3 may be several fragments), written once per stream config and
/// stamped with the time each time it is sent: a copy into a pooled buffer, a new SOC/FRACSEC and CHK per frame.
/// </summary>
internal sealed class FrameTemplate
{
    private readonly byte[] frames;

    private FrameTemplate(byte[] frames)
    {
        this.frames = frames;
    }

    public static FrameTemplate Write(Action<IBufferWriter<byte>> write)
    {
        var writer = new ArrayBufferWriter<byte>();
        write(writer);
        return new FrameTemplate(writer.WrittenSpan.ToArray());
    }

    public FrameBuffer Stamp(FrameBufferPool pool, FrameTimestamp time)
    {
        var buffer = pool.Rent(frames.Length, out var span);
        frames.CopyTo(span);
        var offset = 0;
        while (offset < span.Length)
        {
            var frame = span.Slice(offset, BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]));
            BinaryPrimitives.WriteUInt32BigEndian(frame[6..], time.Soc);
            BinaryPrimitives.WriteUInt32BigEndian(frame[10..], time.FracSecWord);
            FrameChecksum.Append(frame);
            offset += frame.Length;
        }

        return buffer;
    }
}
