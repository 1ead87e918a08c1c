using System.Buffers.Binary;

namespace Pdc.Protocol;

/// <summary>The fields every C37.118 frame starts with: SYNC, FRAMESIZE, IDCODE, SOC and FRACSEC.</summary>
public readonly record struct FrameHeader(
    FrameType Type,
    byte Version,
    ushort FrameSize,
    ushort IdCode,
    uint Soc,
    uint FracSecWord)
{
    /// <summary>Bytes from SYNC through FRACSEC.</summary>
    public const int Size = 14;

    /// <summary>Bytes of CHK at the end of every frame.</summary>
    public const int CrcSize = 2;

    /// <summary>The smallest frame the standard allows: the common header and CHK.</summary>
    public const int MinimumFrameSize = Size + CrcSize;

    /// <summary>First byte of every frame.</summary>
    public const byte SyncByte = 0xAA;

    /// <summary>The 24-bit fraction of second, in units of 1/TIME_BASE.</summary>
    public uint FractionOfSecond => FracSecWord & 0x00FF_FFFF;

    public TimeQuality TimeQuality => TimeQuality.FromFracSec(FracSecWord);

    public FrameTimestamp Timestamp => new(Soc, FracSecWord);

    /// <summary>Reads the common header; <paramref name="frame"/> must hold at least <see cref="Size"/> bytes.</summary>
    public static FrameHeader Read(ReadOnlySpan<byte> frame) => new(
        (FrameType)((frame[1] >> 4) & 0x7),
        (byte)(frame[1] & 0x0F),
        BinaryPrimitives.ReadUInt16BigEndian(frame[2..]),
        BinaryPrimitives.ReadUInt16BigEndian(frame[4..]),
        BinaryPrimitives.ReadUInt32BigEndian(frame[6..]),
        BinaryPrimitives.ReadUInt32BigEndian(frame[10..]));

    /// <summary>True when the second SYNC byte names a frame type this standard defines (bit 7 is reserved, 0).</summary>
    public static bool IsKnownTypeByte(byte second) => (second & 0x80) == 0 && ((second >> 4) & 0x7) <= (int)FrameType.Config3;

    /// <summary>Writes SYNC through FRACSEC into the first <see cref="Size"/> bytes of <paramref name="destination"/>.</summary>
    public void Write(Span<byte> destination)
    {
        destination[0] = SyncByte;
        destination[1] = (byte)(((int)Type << 4) | (Version & 0x0F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], FrameSize);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], IdCode);
        BinaryPrimitives.WriteUInt32BigEndian(destination[6..], Soc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[10..], FracSecWord);
    }
}
