using System.Buffers;
using System.Text;

namespace Pdc.Protocol;

/// <summary>A header frame: free text (ASCII) describing the data source.</summary>
public sealed record HeaderFrame(ProtocolVersion Version, ushort IdCode, FrameTimestamp Timestamp, string Text)
{
    public static HeaderFrame Read(ReadOnlySpan<byte> frame)
    {
        var header = FrameHeader.Read(frame);
        var text = Encoding.Latin1.GetString(frame[FrameHeader.Size..^FrameHeader.CrcSize]);
        return new HeaderFrame((ProtocolVersion)header.Version, header.IdCode, header.Timestamp, text);
    }

    public int Write(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var textSize = Encoding.Latin1.GetByteCount(Text);
        var size = FrameHeader.MinimumFrameSize + textSize;
        if (size > ushort.MaxValue)
        {
            throw new InvalidOperationException($"A header frame of {size} bytes exceeds the 65535-byte FRAMESIZE limit.");
        }

        var span = writer.GetSpan(size)[..size];
        new FrameHeader(FrameType.Header, (byte)Version, (ushort)size, IdCode, Timestamp.Soc, Timestamp.FracSecWord).Write(span);
        Encoding.Latin1.GetBytes(Text, span[FrameHeader.Size..]);
        FrameChecksum.Append(span);
        writer.Advance(size);
        return size;
    }
}
