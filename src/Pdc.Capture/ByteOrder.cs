using System.Buffers.Binary;

namespace Pdc.Capture;

/// <summary>Reads and writes capture-file integers in the byte order a file (or pcapng section) declared.</summary>
internal readonly record struct ByteOrder(bool IsBigEndian)
{
    public static ByteOrder Little { get; } = new(false);

    public static ByteOrder Big { get; } = new(true);

    public ushort UInt16(ReadOnlySpan<byte> source) =>
        IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(source) : BinaryPrimitives.ReadUInt16LittleEndian(source);

    public uint UInt32(ReadOnlySpan<byte> source) =>
        IsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(source) : BinaryPrimitives.ReadUInt32LittleEndian(source);

    public long Int64(ReadOnlySpan<byte> source) =>
        IsBigEndian ? BinaryPrimitives.ReadInt64BigEndian(source) : BinaryPrimitives.ReadInt64LittleEndian(source);

    public void Write(Span<byte> destination, ushort value)
    {
        if (IsBigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
        }
    }

    public void Write(Span<byte> destination, uint value)
    {
        if (IsBigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        }
    }
}
