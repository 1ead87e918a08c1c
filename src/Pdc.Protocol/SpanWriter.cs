using System.Buffers.Binary;
using System.Text;

namespace Pdc.Protocol;

/// <summary>Big-endian writes into a span whose size the caller computed beforehand.</summary>
internal ref struct SpanWriter
{
    private readonly Span<byte> span;

    public SpanWriter(Span<byte> span, int offset)
    {
        this.span = span;
        Offset = offset;
    }

    public int Offset { get; private set; }

    public void WriteByte(byte value) => span[Offset++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span[Offset..], value);
        Offset += 2;
    }

    public void WriteInt16(short value) => WriteUInt16((ushort)value);

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(span[Offset..], value);
        Offset += 4;
    }

    public void WriteInt32(int value) => WriteUInt32((uint)value);

    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleBigEndian(span[Offset..], value);
        Offset += 4;
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(span.Slice(Offset, 16), bigEndian: true, out _);
        Offset += 16;
    }

    /// <summary>A CFG-1/2 name: Latin-1, cut or padded with spaces to <paramref name="width"/> bytes.</summary>
    public void WriteFixedName(string name, int width)
    {
        var target = span.Slice(Offset, width);
        target.Fill((byte)' ');
        var text = name.Length > width ? name[..width] : name;
        Encoding.Latin1.GetBytes(text, target);
        Offset += width;
    }

    /// <summary>A CFG-3 name: a length byte and up to 255 bytes of UTF-8 (cut at a character boundary).</summary>
    public void WritePrefixedName(string name)
    {
        var fitted = FitPrefixedName(name);
        span[Offset++] = (byte)Encoding.UTF8.GetByteCount(fitted);
        Offset += Encoding.UTF8.GetBytes(fitted, span[Offset..]);
    }

    /// <summary>The longest prefix of <paramref name="name"/> whose UTF-8 form fits a CFG-3 length byte.</summary>
    public static string FitPrefixedName(string name)
    {
        while (Encoding.UTF8.GetByteCount(name) > byte.MaxValue)
        {
            name = name[..^1];
        }

        return name;
    }
}
