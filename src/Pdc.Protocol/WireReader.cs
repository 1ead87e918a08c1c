using System.Buffers.Binary;
using System.Text;

namespace Pdc.Protocol;

/// <summary>
/// Big-endian reads over a span that never run past its end: a read beyond the end sets
/// <see cref="Overrun"/> and returns zero, so a parser checks once at the end instead of at every field.
/// </summary>
internal ref struct WireReader
{
    private readonly ReadOnlySpan<byte> data;

    public WireReader(ReadOnlySpan<byte> data, int offset = 0)
    {
        this.data = data;
        Offset = offset;
    }

    public int Offset { get; private set; }

    public bool Overrun { get; private set; }

    public readonly int Remaining => Overrun ? 0 : data.Length - Offset;

    public bool Has(long count) => !Overrun && count <= data.Length - Offset;

    public byte ReadByte() => Take(1) is { IsEmpty: false } s ? s[0] : (byte)0;

    public ushort ReadUInt16() => Take(2) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt16BigEndian(s) : (ushort)0;

    public short ReadInt16() => (short)ReadUInt16();

    public uint ReadUInt32() => Take(4) is { IsEmpty: false } s ? BinaryPrimitives.ReadUInt32BigEndian(s) : 0;

    public int ReadInt32() => (int)ReadUInt32();

    public float ReadSingle() => Take(4) is { IsEmpty: false } s ? BinaryPrimitives.ReadSingleBigEndian(s) : 0;

    public Guid ReadGuid() => Take(16) is { IsEmpty: false } s ? new Guid(s, bigEndian: true) : Guid.Empty;

    /// <summary>A fixed-width CFG-1/2 name: 16 bytes, padded with spaces (or NULs, which some devices send).</summary>
    public string ReadFixedName(int width) =>
        Take(width) is { IsEmpty: false } s ? Encoding.Latin1.GetString(s).TrimEnd(' ', '\0') : string.Empty;

    /// <summary>A CFG-3 name: one length byte, then that many bytes of UTF-8.</summary>
    public string ReadLengthPrefixedName()
    {
        var length = ReadByte();
        return Take(length) is { IsEmpty: false } s ? Encoding.UTF8.GetString(s) : string.Empty;
    }

    public void Skip(int count) => Take(count);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (!Has(count))
        {
            Overrun = true;
            return default;
        }

        var slice = data.Slice(Offset, count);
        Offset += count;
        return slice;
    }
}
