using System.Net;
using Pdc.Capture.Tests.Support;

namespace Pdc.Capture.Tests;

public class LinkLayerTests
{
    private static readonly IPEndPoint Pmu4 = new(IPAddress.Parse("10.0.0.1"), 4712);
    private static readonly IPEndPoint Pdc4 = new(IPAddress.Parse("10.0.0.2"), 4713);
    private static readonly IPEndPoint Pmu6 = new(IPAddress.Parse("fd00::1"), 4712);
    private static readonly IPEndPoint Pdc6 = new(IPAddress.Parse("fd00::2"), 4713);
    private static readonly byte[] Frame = [0xAA, 0x01, 0x00, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    [Fact]
    public void Ethernet_Ipv4Udp_OneDatagramOnePayload()
    {
        var packet = new PacketFramer().FrameUdp(Pmu4, Pdc4, Frame);

        AssertSingleDatagram(LinkType.Ethernet, packet, Pmu4, Pdc4);
    }

    [Fact]
    public void Ethernet_Ipv6Udp_OneDatagramOnePayload()
    {
        var packet = new PacketFramer().FrameUdp(Pmu6, Pdc6, Frame);

        AssertSingleDatagram(LinkType.Ethernet, packet, Pmu6, Pdc6);
    }

    [Theory]
    [InlineData(new ushort[] { 100 })]
    [InlineData(new ushort[] { 200, 100 })]
    [InlineData(new ushort[] { 300, 200, 100 })]
    public void Ethernet_VlanTagsSingleQinQAndStacked_SkippedToIp(ushort[] vlanIds)
    {
        var packet = new PacketFramer { VlanIds = vlanIds }.FrameUdp(Pmu4, Pdc4, Frame);

        AssertSingleDatagram(LinkType.Ethernet, packet, Pmu4, Pdc4);
    }

    [Fact]
    public void Ethernet_TwoServiceTagsAndALegacyQinQTag_SkippedToIp()
    {
        var ip = new PacketFramer(LinkType.Raw).FrameUdp(Pmu4, Pdc4, Frame);
        byte[] tags = [0x00, 0x03, 0x88, 0xA8, 0x00, 0x02, 0x91, 0x00, 0x00, 0x01, 0x08, 0x00];

        AssertSingleDatagram(LinkType.Ethernet, LinkHeaders.Ethernet(0x88A8, [.. tags, .. ip]), Pmu4, Pdc4);
    }

    [Fact]
    public void Ethernet_VlanTagCutShort_SkippedAsMalformed()
    {
        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, [LinkHeaders.Ethernet(0x8100, [0x00, 0x64])]));

        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.Malformed));
    }

    [Fact]
    public void Ethernet_PaddedToMinimumFrame_PaddingIsNotPayload()
    {
        var packet = new PacketFramer().FrameUdp(Pmu4, Pdc4, [7, 7]);
        byte[] padded = [.. packet, .. new byte[60 - packet.Length]];

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, [padded]));

        Assert.Equal([7, 7], Assert.Single(result.Payloads).Data);
    }

    [Theory]
    [InlineData((ushort)0x0806)]
    [InlineData((ushort)0x88CC)]
    [InlineData((ushort)46)]
    public void Ethernet_ArpLldpOr8023Frame_SkippedAsNotIp(ushort etherType)
    {
        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, [LinkHeaders.Ethernet(etherType, new byte[46])]));

        Assert.Empty(result.Payloads);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.NotIp));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinuxSll_Ipv4AndIpv6_SkippedToIp(bool ipv6)
    {
        var (source, destination) = ipv6 ? (Pmu6, Pdc6) : (Pmu4, Pdc4);
        var ip = new PacketFramer(LinkType.Raw).FrameUdp(source, destination, Frame);

        AssertSingleDatagram(LinkType.LinuxSll, LinkHeaders.Sll(ip, ipv6 ? LinkHeaders.EtherTypeIpv6 : LinkHeaders.EtherTypeIpv4), source, destination);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LinuxSll2_Ipv4AndIpv6_SkippedToIp(bool ipv6)
    {
        var (source, destination) = ipv6 ? (Pmu6, Pdc6) : (Pmu4, Pdc4);
        var ip = new PacketFramer(LinkType.Raw).FrameUdp(source, destination, Frame);

        AssertSingleDatagram(LinkType.LinuxSll2, LinkHeaders.Sll2(ip, ipv6 ? LinkHeaders.EtherTypeIpv6 : LinkHeaders.EtherTypeIpv4), source, destination);
    }

    [Theory]
    [InlineData(LinkType.Raw, false)]
    [InlineData(LinkType.Raw, true)]
    [InlineData(LinkType.Ipv4, false)]
    [InlineData(LinkType.Ipv6, true)]
    [InlineData(LinkType.RawBsd, false)]
    [InlineData(LinkType.RawOpenBsd, true)]
    public void RawIp_EveryRawLinkType_VersionNibbleDecides(LinkType linkType, bool ipv6)
    {
        var (source, destination) = ipv6 ? (Pmu6, Pdc6) : (Pmu4, Pdc4);
        var ip = new PacketFramer(LinkType.Raw).FrameUdp(source, destination, Frame);

        AssertSingleDatagram(linkType, ip, source, destination);
    }

    [Theory]
    [InlineData(LinkType.Null, 2u, false, false)]
    [InlineData(LinkType.Null, 2u, true, false)]
    [InlineData(LinkType.Null, 10u, false, true)]
    [InlineData(LinkType.Null, 24u, false, true)]
    [InlineData(LinkType.Null, 28u, true, true)]
    [InlineData(LinkType.Null, 30u, false, true)]
    [InlineData(LinkType.Loop, 2u, true, false)]
    [InlineData(LinkType.Loop, 24u, true, true)]
    public void Loopback_AddressFamilyInEitherByteOrder_SkippedToIp(LinkType linkType, uint family, bool bigEndian, bool ipv6)
    {
        var (source, destination) = ipv6 ? (Pmu6, Pdc6) : (Pmu4, Pdc4);
        var ip = new PacketFramer(LinkType.Raw).FrameUdp(source, destination, Frame);

        AssertSingleDatagram(linkType, LinkHeaders.Loopback(ip, family, bigEndian), source, destination);
    }

    [Fact]
    public void Loopback_UnknownAddressFamily_SkippedAsNotIp()
    {
        var ip = new PacketFramer(LinkType.Raw).FrameUdp(Pmu4, Pdc4, Frame);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Null, [LinkHeaders.Loopback(ip, 7, bigEndian: false)]));

        Assert.Empty(result.Payloads);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.NotIp));
    }

    [Fact]
    public void UnsupportedLinkType_PacketSkippedWithItsReason()
    {
        const LinkType ieee80211 = (LinkType)105;
        var ip = new PacketFramer(LinkType.Raw).FrameUdp(Pmu4, Pdc4, Frame);

        var result = ReadResult.Of(TestCaptures.PcapNg(ieee80211, [ip]));

        Assert.Null(result.Error);
        Assert.Empty(result.Payloads);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.UnsupportedLinkType));
    }

    [Theory]
    [InlineData(LinkType.Ethernet, 13)]
    [InlineData(LinkType.LinuxSll, 15)]
    [InlineData(LinkType.LinuxSll2, 19)]
    [InlineData(LinkType.Null, 3)]
    public void LinkHeaderCutShort_SkippedAsMalformed(LinkType linkType, int length)
    {
        var result = ReadResult.Of(TestCaptures.PcapNg(linkType, [new byte[length]]));

        Assert.Empty(result.Payloads);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.Malformed));
    }

    private static void AssertSingleDatagram(LinkType linkType, byte[] packet, IPEndPoint source, IPEndPoint destination)
    {
        foreach (var capture in new[] { TestCaptures.PcapNg(linkType, [packet]), TestCaptures.Pcap(linkType, [packet]) })
        {
            var result = ReadResult.Of(capture);

            Assert.Null(result.Error);
            var payload = Assert.Single(result.Payloads);
            Assert.Equal(new FlowKey(TransportProtocol.Udp, source.Address, (ushort)source.Port, destination.Address, (ushort)destination.Port), payload.Flow);
            Assert.Equal(Frame, payload.Data);
            Assert.Equal(Frame, capture.AsSpan((int)payload.FileOffset, Frame.Length).ToArray());
        }
    }
}
