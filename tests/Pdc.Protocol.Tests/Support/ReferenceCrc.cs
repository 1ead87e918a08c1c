using System.Buffers.Binary;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// CRC-CCITT as the standard defines it, one bit at a time (polynomial 0x1021, initial 0xFFFF), independent of the
/// codec's optimized implementation, so that tests judge CHK by the definition and not by the code under test.
/// </summary>
internal static class ReferenceCrc
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var feedback = ((crc >> 15) ^ (b >> bit)) & 1;
                crc = (ushort)(crc << 1);
                if (feedback != 0)
                {
                    crc ^= 0x1021;
                }
            }
        }

        return crc;
    }

    /// <summary>True when the frame's last two bytes hold the CRC of the rest.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame) =>
        frame.Length >= 2 && BinaryPrimitives.ReadUInt16BigEndian(frame[^2..]) == Compute(frame[..^2]);

    /// <summary>Writes the CRC of all but the last two bytes into them.</summary>
    public static void Seal(Span<byte> frame) => BinaryPrimitives.WriteUInt16BigEndian(frame[^2..], Compute(frame[..^2]));
}
