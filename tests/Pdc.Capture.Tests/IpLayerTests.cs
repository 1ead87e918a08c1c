using System.Net;
using Pdc.Capture.Tests.Support;

namespace Pdc.Capture.Tests;

public class IpLayerTests
{
    private static readonly IPEndPoint Pmu4 = new(IPAddress.Parse("10.0.0.1"), 4712);
    private static readonly IPEndPoint Pdc4 = new(IPAddress.Parse("10.0.0.2"), 4713);
    private static readonly IPEndPoint Pmu6 = new(IPAddress.Parse("2001:db8::1"), 4712);
    private static readonly IPEndPoint Pdc6 = new(IPAddress.Parse("2001:db8::2"), 4713);
    private static readonly byte[] Data = Conversation.Bytes(40);

    private static readonly PacketFramer RawIp = new(LinkType.Raw);

    [Fact]
    public void Ipv4_WithOptions_HeaderLengthSkipsThem()
    {
        var packet = IpPacketEdits.WithIpv4Options(RawIp.FrameUdp(Pmu4, Pdc4, Data), 12);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [packet]));

        Assert.Equal(Data, Assert.Single(result.Payloads).Data);
    }

    [Fact]
    public void Ipv4_NonFirstFragment_SkippedWithItsReason()
    {
        var packet = IpPacketEdits.AsIpv4Fragment(RawIp.FrameUdp(Pmu4, Pdc4, Data), offsetUnits: 185, moreFragments: false);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [packet]));

        Assert.Empty(result.Payloads);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.NonFirstFragment));
    }

    [Fact]
    public void Ipv4_FirstFragmentOfUdp_SkippedAsIncompleteDatagram()
    {
        var packet = IpPacketEdits.AsIpv4Fragment(RawIp.FrameUdp(Pmu4, Pdc4, Data), offsetUnits: 0, moreFragments: true);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [packet]));

        Assert.Empty(result.Payloads);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.IncompleteDatagram));
    }

    [Fact]
    public void Ipv6_HopByHopRoutingDestinationAndFragmentHeaders_WalkedToTheTransport()
    {
        byte[] types = [IpPacketEdits.HopByHop, IpPacketEdits.Routing, IpPacketEdits.DestinationOptions, IpPacketEdits.Fragment];
        var conversation = new Conversation(RawIp, Pmu6, Pdc6);
        var tcp = IpPacketEdits.WithIpv6Extensions(conversation.FromClient(1, Data), types);
        var udp = IpPacketEdits.WithIpv6Extensions(RawIp.FrameUdp(Pmu6, Pdc6, Data), types);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [tcp, udp]));

        Assert.Equal([TransportProtocol.Tcp, TransportProtocol.Udp], result.Payloads.Select(p => p.Flow.Transport));
        Assert.All(result.Payloads, p => Assert.Equal(Data, p.Data));
        Assert.Equal(IPAddress.Parse("2001:db8::2"), result.Payloads[0].Flow.DestinationAddress);
    }

    [Fact]
    public void Ipv6_NonFirstFragment_SkippedWithItsReason()
    {
        var packet = IpPacketEdits.WithIpv6Extensions(RawIp.FrameUdp(Pmu6, Pdc6, Data), [IpPacketEdits.Fragment], fragmentOffsetUnits: 181);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [packet]));

        Assert.Empty(result.Payloads);
        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.NonFirstFragment));
    }

    [Fact]
    public void Ipv6_FirstFragmentOfUdp_SkippedAsIncompleteDatagram()
    {
        var packet = IpPacketEdits.WithIpv6Extensions(RawIp.FrameUdp(Pmu6, Pdc6, Data), [IpPacketEdits.Fragment], moreFragments: true);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [packet]));

        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.IncompleteDatagram));
    }

    [Fact]
    public void Ipv4_Icmp_SkippedAsNotTcpOrUdp()
    {
        var packet = RawIp.FrameUdp(Pmu4, Pdc4, Data);
        packet[9] = 1;

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [packet]));

        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.NotTcpOrUdp));
    }

    [Theory]
    [InlineData(0x45, 10, 80)]
    [InlineData(0x44, 80, 80)]
    [InlineData(0x45, 80, 19)]
    [InlineData(0x75, 80, 80)]
    public void Ipv4_ImpossibleHeaderOrLengths_SkippedAsMalformed(byte versionAndLength, int capturedLength, int totalLength)
    {
        var packet = new byte[capturedLength];
        packet[0] = versionAndLength;
        packet[2] = 0;
        packet[3] = (byte)totalLength;
        packet[9] = 17;

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, [packet]));

        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.Malformed));
    }

    [Fact]
    public void Udp_CutBySnapLength_SkippedAsIncompleteDatagram()
    {
        var packet = RawIp.FrameUdp(Pmu4, Pdc4, Data);
        var capture = TestCaptures.PcapNg(writer =>
        {
            var id = writer.AddInterface(LinkType.Raw, snapLength: 40);
            writer.WritePacket(id, TestCaptures.Start, packet.AsSpan(0, 40), packet.Length);
        });

        var result = ReadResult.Of(capture);

        Assert.Equal(1, result.Statistics.Skipped(PacketSkipReason.IncompleteDatagram));
    }

    [Fact]
    public void Udp_EachDatagram_IsOnePayloadEvenWhenEmpty()
    {
        var frames = new[] { RawIp.FrameUdp(Pmu4, Pdc4, Data), RawIp.FrameUdp(Pmu4, Pdc4, []), RawIp.FrameUdp(Pdc4, Pmu4, Data.AsSpan(0, 5)) };

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Raw, frames));

        Assert.Equal([40, 0, 5], result.Payloads.Select(p => p.Data.Length));
        Assert.Equal(2, result.Statistics.Flows);
    }
}
