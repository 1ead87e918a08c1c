using System.Buffers;
using System.Buffers.Binary;

namespace Pdc.Protocol;

/// <summary>
/// A command frame sent to a PMU or PDC: CMD and, for the extended frame, up to 65518 bytes of EXTFRAME.
/// </summary>
public sealed record CommandFrame(ProtocolVersion Version, ushort IdCode, FrameTimestamp Timestamp, CommandCode Command, ReadOnlyMemory<byte> ExtendedData = default)
{
    /// <summary>Size of a command frame without extended data.</summary>
    public const int BaseSize = FrameHeader.MinimumFrameSize + 2;

    public const int MaxExtendedDataSize = ushort.MaxValue - BaseSize;

    public int Size => BaseSize + ExtendedData.Length;

    /// <summary>Parses a whole command frame (CRC checked); null when it is too short to hold CMD.</summary>
    public static CommandFrame? Read(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < BaseSize)
        {
            return null;
        }

        var header = FrameHeader.Read(frame);
        var command = (CommandCode)BinaryPrimitives.ReadUInt16BigEndian(frame[FrameHeader.Size..]);
        var extended = frame[(FrameHeader.Size + 2)..^FrameHeader.CrcSize];
        return new CommandFrame((ProtocolVersion)header.Version, header.IdCode, header.Timestamp, command, extended.IsEmpty ? default : extended.ToArray());
    }

    public int Write(IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (ExtendedData.Length > MaxExtendedDataSize)
        {
            throw new InvalidOperationException($"EXTFRAME holds at most {MaxExtendedDataSize} bytes, not {ExtendedData.Length}.");
        }

        var size = Size;
        var span = writer.GetSpan(size)[..size];
        new FrameHeader(FrameType.Command, (byte)Version, (ushort)size, IdCode, Timestamp.Soc, Timestamp.FracSecWord).Write(span);
        BinaryPrimitives.WriteUInt16BigEndian(span[FrameHeader.Size..], (ushort)Command);
        ExtendedData.Span.CopyTo(span[(FrameHeader.Size + 2)..]);
        FrameChecksum.Append(span);
        writer.Advance(size);
        return size;
    }
}
