using System.Net;

namespace Pdc.Capture.Tests;

public class PacketFramerTests
{
    private static readonly IPEndPoint Pmu4 = new(IPAddress.Parse("10.0.0.1"), 4712);
    private static readonly IPEndPoint Pdc4 = new(IPAddress.Parse("10.0.0.2"), 4713);
    private static readonly IPEndPoint Pmu6 = new(IPAddress.Parse("fd00::1"), 4712);

    [Fact]
    public void FrameUdp_EthernetWithTwoVlanTags_HeadersAddUpAroundThePayload()
    {
        var frame = new PacketFramer { VlanIds = [10, 20] }.FrameUdp(Pmu4, Pdc4, new byte[100]);

        Assert.Equal(14 + 8 + 20 + 8 + 100, frame.Length);
    }

    [Fact]
    public void FrameTcp_RawIpv6_NoLinkHeader()
    {
        var frame = new PacketFramer(LinkType.Raw).FrameTcp(Pmu6, new(IPAddress.Parse("fd00::2"), 4713), 1, 2, TcpFlags.Ack, new byte[10]);

        Assert.Equal(0x60, frame[0]);
        Assert.Equal(40 + 20 + 10, frame.Length);
    }

    [Fact]
    public void Frame_MixedAddressFamilies_Rejected() =>
        Assert.Throws<ArgumentException>(() => new PacketFramer().FrameUdp(Pmu4, Pmu6, []));

    [Fact]
    public void Frame_Ipv6OnAnIpv4Link_Rejected() =>
        Assert.Throws<ArgumentException>(() => new PacketFramer(LinkType.Ipv4).FrameUdp(Pmu6, new(IPAddress.Parse("fd00::2"), 1), []));

    [Fact]
    public void Frame_PayloadLargerThanAnIpv4Packet_Rejected() =>
        Assert.Throws<ArgumentException>(() => new PacketFramer().FrameUdp(Pmu4, Pdc4, new byte[65_535 - 28 + 1]));

    [Fact]
    public void Framer_LinkTypeItCannotBuild_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacketFramer(LinkType.LinuxSll));

    [Fact]
    public void Framer_VlanIdAbove4095_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacketFramer { VlanIds = [4096] });
}
