using System.Buffers.Binary;

namespace Pdc.Capture;

/// <summary>Reads classic libpcap files: a 24-byte file header, then 16-byte record headers each followed by a packet.</summary>
internal sealed class PcapFrameSource : IFrameSource
{
    public const uint MicrosecondMagic = 0xA1B2C3D4;
    public const uint NanosecondMagic = 0xA1B23C4D;

    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    // Wireshark's ceiling for one packet of ordinary link types; a larger snapshot length raises it.
    private const long StandardMaxPacketLength = 262_144;
    private const long MaxPacketLength = 256L * 1024 * 1024;

    private readonly CaptureInput input;
    private readonly CaptureStatistics statistics;

    public PcapFrameSource(CaptureInput input, CaptureStatistics statistics)
    {
        this.input = input;
        this.statistics = statistics;
    }

    public CaptureError? Error { get; private set; }

    /// <summary>Whether the first four bytes of a file, read little-endian, are a pcap magic in either byte order.</summary>
    public static bool IsMagic(uint littleEndianMagic) =>
        littleEndianMagic is MicrosecondMagic or NanosecondMagic
        || BinaryPrimitives.ReverseEndianness(littleEndianMagic) is MicrosecondMagic or NanosecondMagic;

    public IEnumerable<LinkFrame> ReadFrames()
    {
        var available = input.Fill(FileHeaderLength);
        if (available < FileHeaderLength)
        {
            Error = new(0, $"truncated pcap file header at offset 0: {FileHeaderLength} bytes needed, {available} remain");
            yield break;
        }

        var header = input.Peek(FileHeaderLength);
        var order = ByteOrder.Little.UInt32(header) is MicrosecondMagic or NanosecondMagic ? ByteOrder.Little : ByteOrder.Big;
        var nanosecondFractions = order.UInt32(header) == NanosecondMagic;
        var majorVersion = order.UInt16(header[4..]);
        var snapLength = order.UInt32(header[16..]);

        // The high bits of the link-type field carry FCS information, not the type.
        var linkType = (LinkType)(order.UInt32(header[20..]) & 0xFFFF);
        if (majorVersion != 2)
        {
            Error = new(0, $"unsupported pcap version {majorVersion}.{order.UInt16(header[6..])} at offset 0: only version 2 exists");
            yield break;
        }

        input.Take(FileHeaderLength);
        var maxPacketLength = Math.Min(Math.Max(snapLength, StandardMaxPacketLength), MaxPacketLength);
        var fractionNanoseconds = nanosecondFractions ? 1L : 1000L;
        while (true)
        {
            var recordOffset = input.Offset;
            available = input.Fill(RecordHeaderLength);
            if (available == 0)
            {
                yield break;
            }

            if (available < RecordHeaderLength)
            {
                Error = new(recordOffset, $"truncated packet record header at offset {recordOffset}: {RecordHeaderLength} bytes needed, {available} remain");
                yield break;
            }

            var record = input.Peek(RecordHeaderLength);
            var seconds = order.UInt32(record);
            var fraction = order.UInt32(record[4..]);
            var includedLength = order.UInt32(record[8..]);
            var originalLength = order.UInt32(record[12..]);
            if (includedLength > maxPacketLength)
            {
                Error = new(recordOffset, $"packet record at offset {recordOffset} says {includedLength} bytes, more than the {maxPacketLength}-byte limit for this file");
                yield break;
            }

            input.Take(RecordHeaderLength);
            available = input.Fill((int)includedLength);
            if (available < includedLength)
            {
                Error = new(recordOffset, $"truncated packet record at offset {recordOffset}: header says {includedLength} bytes, {available} remain");
                yield break;
            }

            var dataOffset = input.Offset;
            var data = input.Take((int)includedLength);
            statistics.Packets++;
            statistics.PacketBytes += includedLength;
            var timestamp = (seconds * 1_000_000_000L) + (fraction * fractionNanoseconds);
            yield return new LinkFrame(statistics.Packets, 0, linkType, timestamp, data, originalLength, dataOffset);
        }
    }
}
