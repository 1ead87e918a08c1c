using System.Buffers.Binary;
using System.Net;
using Pdc.Capture.Tests.Support;

namespace Pdc.Capture.Tests;

public class PcapReaderTests
{
    private static readonly byte[] Packet = new PacketFramer().FrameUdp(new(IPAddress.Parse("10.0.0.1"), 4712), new(IPAddress.Parse("10.0.0.2"), 4713), [1, 2, 3]);

    [Theory]
    [InlineData(false, false, 1_700_000_000_123_456_000L)]
    [InlineData(false, true, 1_700_000_000_123_456_000L)]
    [InlineData(true, false, 1_700_000_000_123_456_789L)]
    [InlineData(true, true, 1_700_000_000_123_456_789L)]
    public void Pcap_MicroAndNanosecondMagicInBothByteOrders_TimestampsInNanoseconds(bool nanosecondTimestamps, bool bigEndian, long expected)
    {
        var capture = TestCaptures.Pcap(LinkType.Ethernet, [Packet, Packet], nanosecondTimestamps, bigEndian);

        var result = ReadResult.Of(capture);

        Assert.Equal(CaptureFormat.Pcap, result.Format);
        Assert.Null(result.Error);
        Assert.Equal([expected, expected + 1_000_000], result.Payloads.Select(p => p.TimestampNanoseconds!.Value));
        Assert.Equal([1L, 2], result.Payloads.Select(p => p.PacketNumber));
        Assert.All(result.Payloads, p => Assert.Equal([1, 2, 3], p.Data));
    }

    [Fact]
    public void Pcap_LinkTypeFieldWithFcsBits_LinkTypeFromTheLow16Bits()
    {
        var capture = TestCaptures.Pcap(LinkType.Ethernet, [Packet]);
        BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(20), 0x1400_0001);

        Assert.Single(ReadResult.Of(capture).Payloads);
    }

    [Fact]
    public void Pcap_UnsupportedVersion_ErrorAtOffsetZero()
    {
        var capture = TestCaptures.Pcap(LinkType.Ethernet, [Packet]);
        capture[4] = 3;

        var result = ReadResult.Of(capture);

        Assert.Equal(0, result.Error!.Offset);
        Assert.StartsWith("unsupported pcap version 3.4", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pcap_RecordLongerThanAnyPacket_ErrorWithoutAllocatingIt()
    {
        var capture = TestCaptures.Pcap(LinkType.Ethernet, [Packet, Packet]);
        var secondRecord = 24 + 16 + Packet.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(secondRecord + 8), 0xFFFF_FFF0);

        var result = ReadResult.Of(capture);

        Assert.Single(result.Payloads);
        Assert.Equal($"packet record at offset {secondRecord} says 4294967280 bytes, more than the 262144-byte limit for this file", result.Error!.Message);
    }

    [Fact]
    public void Pcap_TruncatedRecord_ErrorSaysWhatTheHeaderPromisedAndWhatRemains()
    {
        var capture = TestCaptures.Pcap(LinkType.Ethernet, [Packet, Packet]);
        var secondRecord = 24 + 16 + Packet.Length;

        var result = ReadResult.Of(capture[..^10]);

        Assert.Single(result.Payloads);
        Assert.Equal(secondRecord, result.Error!.Offset);
        Assert.Equal($"truncated packet record at offset {secondRecord}: header says {Packet.Length} bytes, {Packet.Length - 10} remain", result.Error.Message);
    }

    [Fact]
    public void Pcap_FileHeaderCutShort_ErrorAtOffsetZero()
    {
        var result = ReadResult.Of(TestCaptures.Pcap(LinkType.Ethernet, [])[..10]);

        Assert.Equal(CaptureFormat.Pcap, result.Format);
        Assert.Equal("truncated pcap file header at offset 0: 24 bytes needed, 10 remain", result.Error!.Message);
    }
}
