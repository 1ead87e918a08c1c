using System.Buffers.Binary;

namespace Pdc.Protocol;

/// <summary>CHK: the CRC-CCITT of every byte before it, in the last two bytes of a frame.</summary>
public static class FrameChecksum
{
    /// <summary>Computes CHK over all but the last two bytes of <paramref name="frame"/> and stores it there.</summary>
    public static void Append(Span<byte> frame)
    {
        var body = frame[..^FrameHeader.CrcSize];
        BinaryPrimitives.WriteUInt16BigEndian(frame[^FrameHeader.CrcSize..], Crc16Ccitt.Compute(body));
    }

    /// <summary>True when the last two bytes of <paramref name="frame"/> hold the CRC of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame) =>
        frame.Length >= FrameHeader.CrcSize
        && BinaryPrimitives.ReadUInt16BigEndian(frame[^FrameHeader.CrcSize..]) == Crc16Ccitt.Compute(frame[..^FrameHeader.CrcSize]);
}
