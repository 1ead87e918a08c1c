using System.Net;
using Pdc.Capture.Tests.Support;

namespace Pdc.Capture.Tests;

public class PcapNgReaderTests
{
    private static readonly IPEndPoint Pmu = new(IPAddress.Parse("10.0.0.1"), 4712);
    private static readonly IPEndPoint Pdc = new(IPAddress.Parse("10.0.0.2"), 4713);
    private static readonly byte[] Ethernet = new PacketFramer().FrameUdp(Pmu, Pdc, [1, 2, 3]);
    private static readonly byte[] RawIp = new PacketFramer(LinkType.Raw).FrameUdp(Pmu, Pdc, [4, 5, 6, 7]);

    [Fact]
    public void Pcapng_TwoInterfacesWithDifferentLinkTypesAndResolutions_TimestampsInNanoseconds()
    {
        var capture = TestCaptures.PcapNg(writer =>
        {
            var microseconds = writer.AddInterface(LinkType.Ethernet, "eth0", "copper", timestampResolution: 6);
            var nanoseconds = writer.AddInterface(LinkType.Raw, "tun0", timestampResolution: 9);
            writer.WritePacket(microseconds, TestCaptures.Start, Ethernet);
            writer.WritePacket(nanoseconds, TestCaptures.Start + 1, RawIp);
        });

        var result = ReadResult.Of(capture);

        Assert.Equal(CaptureFormat.PcapNg, result.Format);
        Assert.Null(result.Error);
        Assert.Equal([0, 1], result.Payloads.Select(p => p.InterfaceId));
        Assert.Equal([1_700_000_000_123_456_000, 1_700_000_000_123_456_790], result.Payloads.Select(p => p.TimestampNanoseconds!.Value));
        Assert.Equal([1, 2, 3], result.Payloads[0].Data);
        Assert.Equal([4, 5, 6, 7], result.Payloads[1].Data);
    }

    [Fact]
    public void Pcapng_BigEndianFromTheWriter_ReadsLikeLittleEndian()
    {
        void Write(PcapNgWriter writer)
        {
            var id = writer.AddInterface(LinkType.Ethernet);
            writer.WritePacket(id, TestCaptures.Start, Ethernet);
        }

        var little = ReadResult.Of(TestCaptures.PcapNg(Write));
        var big = ReadResult.Of(TestCaptures.PcapNg(Write, bigEndian: true));

        Assert.Null(big.Error);
        Assert.Equal(little.Payloads.Select(p => (p.Flow, p.TimestampNanoseconds, p.FileOffset)), big.Payloads.Select(p => (p.Flow, p.TimestampNanoseconds, p.FileOffset)));
        Assert.Equal(little.Payloads[0].Data, big.Payloads[0].Data);
    }

    [Theory]
    [InlineData((byte)6, 1_700_000_000_123_456UL, 1_700_000_000_123_456_000L)]
    [InlineData((byte)9, 1_700_000_000_123_456_789UL, 1_700_000_000_123_456_789L)]
    [InlineData((byte)3, 1_700_000_000_123UL, 1_700_000_000_123_000_000L)]
    [InlineData((byte)0, 1_700_000_000UL, 1_700_000_000_000_000_000L)]
    [InlineData((byte)12, 1_700_000_123_456_789_012UL, 1_700_000_123_456_789L)]
    [InlineData((byte)(0x80 | 20), (3UL << 20) + (1UL << 19), 3_500_000_000L)]
    [InlineData((byte)(0x80 | 30), (1UL << 30) + 1, 1_000_000_000L)]
    [InlineData((byte)(0x80 | 10), (1_700_000_000UL << 10) + 1, 1_700_000_000_000_976_562L)]
    [InlineData((byte)(0x80 | 0), 5UL, 5_000_000_000L)]
    [InlineData((byte)(0x80 | 127), ulong.MaxValue, 0L)]
    [InlineData((byte)127, ulong.MaxValue, 0L)]
    public void Pcapng_IfTsresolPowersOfTenAndTwo_ExactToTheNanosecondRoundedDown(byte resolution, ulong units, long nanoseconds)
    {
        var capture = new PcapNgBlocks()
            .Interface(LinkType.Raw, timestampResolution: resolution)
            .Enhanced(0, units, RawIp)
            .ToArray();

        var result = ReadResult.Of(capture);

        Assert.Equal(nanoseconds, Assert.Single(result.Payloads).TimestampNanoseconds);
    }

    [Fact]
    public void Pcapng_NoIfTsresolOption_MicrosecondsAssumed()
    {
        var capture = new PcapNgBlocks().Interface(LinkType.Raw).Enhanced(0, 1_700_000_000_000_001, RawIp).ToArray();

        Assert.Equal(1_700_000_000_000_001_000, Assert.Single(ReadResult.Of(capture).Payloads).TimestampNanoseconds);
    }

    [Fact]
    public void Pcapng_TimestampTooLargeForNanoseconds_SaturatesInsteadOfOverflowing()
    {
        var capture = new PcapNgBlocks().Interface(LinkType.Raw, timestampResolution: 0).Enhanced(0, ulong.MaxValue, RawIp).ToArray();

        Assert.Equal(long.MaxValue, Assert.Single(ReadResult.Of(capture).Payloads).TimestampNanoseconds);
    }

    [Fact]
    public void Pcapng_IfTsoffset_AddedToEveryTimestamp()
    {
        var capture = new PcapNgBlocks().Interface(LinkType.Raw, timestampResolution: 9, timestampOffsetSeconds: 1_700_000_000).Enhanced(0, 42, RawIp).ToArray();

        Assert.Equal(1_700_000_000_000_000_042, Assert.Single(ReadResult.Of(capture).Payloads).TimestampNanoseconds);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Pcapng_SimpleAndObsoletePacketBlocksInEitherByteOrder_Read(bool bigEndian)
    {
        var capture = new PcapNgBlocks(bigEndian)
            .Interface(LinkType.Raw, timestampResolution: 9)
            .Interface(LinkType.Ethernet)
            .Simple(RawIp)
            .Obsolete(1, 1_700_000_000_000_002, Ethernet)
            .ToArray();

        var result = ReadResult.Of(capture);

        Assert.Null(result.Error);
        Assert.Equal([null, 1_700_000_000_000_002_000], result.Payloads.Select(p => p.TimestampNanoseconds));
        Assert.Equal([0, 1], result.Payloads.Select(p => p.InterfaceId));
        Assert.Equal([4, 5, 6, 7], result.Payloads[0].Data);
        Assert.Equal([1, 2, 3], result.Payloads[1].Data);
    }

    [Fact]
    public void Pcapng_SimplePacketBlock_CutToTheInterfaceSnapLength()
    {
        var capture = new PcapNgBlocks().Interface(LinkType.Raw, snapLength: 30).Simple(RawIp).ToArray();

        var result = ReadResult.Of(capture);

        Assert.Null(result.Error);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.IncompleteDatagram));
        Assert.Equal(30, result.Statistics.PacketBytes);
    }

    [Fact]
    public void Pcapng_UnknownBlocks_SkippedByTheirLength()
    {
        var capture = new PcapNgBlocks()
            .Block(PcapNgBlocks.NameResolutionType, new byte[20])
            .Interface(LinkType.Raw)
            .Block(PcapNgBlocks.InterfaceStatisticsType, new byte[28])
            .Block(PcapNgBlocks.CustomType, [.. Enumerable.Repeat((byte)0xEE, 64)])
            .Enhanced(0, 1, RawIp)
            .ToArray();

        var result = ReadResult.Of(capture);

        Assert.Null(result.Error);
        Assert.Single(result.Payloads);
        Assert.Equal(3, result.Statistics.SkippedBlocks);
    }

    [Fact]
    public void Pcapng_SecondSectionInTheOtherByteOrder_InterfaceIdsContinue()
    {
        var capture = new PcapNgBlocks()
            .Interface(LinkType.Ethernet)
            .Enhanced(0, 1, Ethernet)
            .Section(inBigEndian: true)
            .Interface(LinkType.Raw)
            .Enhanced(0, 2, RawIp)
            .ToArray();

        var result = ReadResult.Of(capture);

        Assert.Null(result.Error);
        Assert.Equal([0, 1], result.Payloads.Select(p => p.InterfaceId));
        Assert.Equal([4, 5, 6, 7], result.Payloads[1].Data);
    }

    [Fact]
    public void Pcapng_PacketOnUndescribedInterface_SkippedWithItsReason()
    {
        var capture = new PcapNgBlocks().Interface(LinkType.Raw).Enhanced(1, 1, RawIp).Enhanced(0, 2, RawIp).ToArray();

        var result = ReadResult.Of(capture);

        Assert.Null(result.Error);
        Assert.Single(result.Payloads);
        Assert.Equal(2, result.Payloads[0].PacketNumber);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.UnknownInterface));
    }

    [Fact]
    public void Pcapng_BlockLengthNotAMultipleOfFour_ErrorNamesTheOffset()
    {
        var blocks = new PcapNgBlocks().Interface(LinkType.Raw);
        var offset = blocks.Length;
        var capture = blocks.Block(PcapNgBlocks.CustomType, new byte[8], declaredLength: 18).ToArray();

        var result = ReadResult.Of(capture);

        Assert.Equal(offset, result.Error!.Offset);
        Assert.Contains($"offset {offset}", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("invalid length of 18 bytes", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pcapng_TrailingLengthDiffers_ErrorAfterEarlierPacketsDelivered()
    {
        var blocks = new PcapNgBlocks().Interface(LinkType.Raw).Enhanced(0, 1, RawIp);
        var offset = blocks.Length;
        var capture = blocks.Block(PcapNgBlocks.EnhancedPacketType, new byte[20], trailingLength: 36).ToArray();

        var result = ReadResult.Of(capture);

        Assert.Single(result.Payloads);
        Assert.Equal($"block at offset {offset} ends with length 36, but its header says 32", result.Error!.Message);
    }

    [Fact]
    public void Pcapng_CapturedLengthBeyondTheBlock_ErrorNamesBoth()
    {
        var blocks = new PcapNgBlocks().Interface(LinkType.Raw);
        var offset = blocks.Length;
        var capture = blocks.Enhanced(0, 1, RawIp, capturedLength: 1000).ToArray();

        var result = ReadResult.Of(capture);

        Assert.Empty(result.Payloads);
        Assert.Equal(offset, result.Error!.Offset);
        Assert.Contains($"captured length of 1000 bytes exceeds the {RawIp.Length + 3 & ~3} bytes the block holds", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pcapng_UnsupportedMajorVersion_ErrorAtTheSectionHeader()
    {
        var capture = new PcapNgBlocks().Section(inBigEndian: false, majorVersion: 2).ToArray();

        var result = ReadResult.Of(capture);

        var offset = new PcapNgBlocks().Length;
        Assert.Equal(offset, result.Error!.Offset);
        Assert.Contains("unsupported pcapng version 2.0", result.Error.Message, StringComparison.Ordinal);
    }
}
