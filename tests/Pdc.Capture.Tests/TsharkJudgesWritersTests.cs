using System.Globalization;
using System.Net;
using Pdc.Capture.Tests.Support;
using Pdc.Testing;

namespace Pdc.Capture.Tests;

/// <summary>Captures from the project's writers and framer, read by tshark and compared with our reader.</summary>
public class TsharkJudgesWritersTests
{
    private static readonly IPEndPoint Pmu4 = new(IPAddress.Parse("192.168.0.10"), 4712);
    private static readonly IPEndPoint Pdc4 = new(IPAddress.Parse("192.168.0.60"), 34000);
    private static readonly IPEndPoint Pmu6 = new(IPAddress.Parse("2001:db8::10"), 4712);
    private static readonly IPEndPoint Pdc6 = new(IPAddress.Parse("2001:db8::60"), 34000);
    private static readonly byte[] Data = Conversation.Bytes(64, seed: 9);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PcapNgWriter_TwoInterfacesOfDifferentLinkTypesAndResolutions_TsharkReadsThemAsWeDo(bool bigEndian)
    {
        var capture = TestCaptures.PcapNg(
            writer =>
            {
                var ethernet = writer.AddInterface(LinkType.Ethernet, "eth0", "PMU LAN", timestampResolution: 6);
                var raw = writer.AddInterface(LinkType.Raw, "tun0", timestampResolution: 0x80 | 20);
                writer.WritePacket(ethernet, TestCaptures.Start, new PacketFramer().FrameUdp(Pmu4, Pdc4, Data));
                writer.WritePacket(raw, TestCaptures.Start + 5, new PacketFramer(LinkType.Raw).FrameUdp(Pmu6, Pdc6, Data));
            },
            bigEndian);
        using var file = new TemporaryCapture(capture);

        var rows = Tshark.Fields(file.Path, "frame.interface_id", "frame.interface_name", "frame.time_epoch", "udp.payload");
        var ours = ReadResult.Of(capture);

        Assert.Null(ours.Error);
        Assert.Equal(["0", "1"], rows.Select(r => r[0]));
        Assert.Equal(["eth0", "tun0"], rows.Select(r => r[1]));
        Assert.Equal(ours.Payloads.Select(p => Epoch(p.TimestampNanoseconds!.Value)), rows.Select(r => r[2]));
        Assert.Equal("1700000000.123456000", rows[0][2]);
        Assert.All(rows, r => Assert.Equal(Convert.ToHexStringLower(Data), r[3]));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void PcapWriter_MicroAndNanosecondsInBothByteOrders_TsharkReadsTheSameTimestamps(bool nanosecondTimestamps, bool bigEndian)
    {
        var capture = TestCaptures.Pcap(LinkType.Ethernet, [new PacketFramer().FrameUdp(Pmu4, Pdc4, Data)], nanosecondTimestamps, bigEndian);
        using var file = new TemporaryCapture(capture);

        var rows = Tshark.Fields(file.Path, "frame.time_epoch", "udp.payload");

        var ours = Assert.Single(ReadResult.Of(capture).Payloads);
        Assert.Equal(Epoch(ours.TimestampNanoseconds!.Value), rows.Single()[0]);
        Assert.Equal(nanosecondTimestamps ? "1700000000.123456789" : "1700000000.123456000", rows.Single()[0]);
        Assert.Equal(Convert.ToHexStringLower(Data), rows.Single()[1]);
    }

    [Theory]
    [InlineData(false, new ushort[0])]
    [InlineData(true, new ushort[0])]
    [InlineData(false, new ushort[] { 100 })]
    [InlineData(true, new ushort[] { 200, 100 })]
    [InlineData(false, new ushort[] { 300, 200, 100 })]
    public void PacketFramer_TcpAndUdpOverIpv4AndIpv6WithVlans_TsharkFindsEveryChecksumGood(bool ipv6, ushort[] vlanIds)
    {
        var (source, destination) = ipv6 ? (Pmu6, Pdc6) : (Pmu4, Pdc4);
        var framer = new PacketFramer { VlanIds = vlanIds };
        var conversation = new Conversation(framer, source, destination);
        var capture = TestCaptures.PcapNg(LinkType.Ethernet,
        [
            conversation.FromClient(4_000_000_000, Data),
            conversation.FromClient(4_000_000_064, Data[..33]),
            framer.FrameUdp(source, destination, Data),
            framer.FrameUdp(source, destination, Data.AsSpan(0, 1)),
        ]);
        using var file = new TemporaryCapture(capture);

        var rows = Tshark.Fields(
            ["ip.check_checksum:TRUE", "tcp.check_checksum:TRUE", "udp.check_checksum:TRUE"],
            file.Path,
            ipv6 ? "ipv6.src" : "ip.checksum.status",
            "tcp.checksum.status",
            "udp.checksum.status",
            "ieee8021ad.id",
            "vlan.id");

        Assert.All(rows, row => Assert.Equal(ipv6 ? source.Address.ToString() : "1", row[0]));
        Assert.Equal(["1", "1", "", ""], rows.Select(r => r[1]));
        Assert.Equal(["", "", "1", "1"], rows.Select(r => r[2]));
        // The outermost tag of a stack is an 802.1ad service tag, the others 802.1Q tags.
        var serviceTags = vlanIds.Length > 1 ? vlanIds[..1] : [];
        Assert.All(rows, row => Assert.Equal(string.Join(',', serviceTags), row[3]));
        Assert.All(rows, row => Assert.Equal(string.Join(',', vlanIds[serviceTags.Length..]), row[4]));
    }

    [Theory]
    [InlineData(LinkType.LinuxSll)]
    [InlineData(LinkType.LinuxSll2)]
    [InlineData(LinkType.Null)]
    [InlineData(LinkType.Loop)]
    [InlineData(LinkType.Raw)]
    [InlineData(LinkType.Ipv6)]
    public void LinkTypesBuiltByTheTests_TsharkFindsTheSameUdpPayloads(LinkType linkType)
    {
        var raw = new PacketFramer(LinkType.Raw);
        byte[] packet = raw.FrameUdp(Pmu6, Pdc6, Data);
        var frame = linkType switch
        {
            LinkType.LinuxSll => LinkHeaders.Sll(packet, LinkHeaders.EtherTypeIpv6),
            LinkType.LinuxSll2 => LinkHeaders.Sll2(packet, LinkHeaders.EtherTypeIpv6),
            LinkType.Null => LinkHeaders.Loopback(packet, 30, bigEndian: false),
            LinkType.Loop => LinkHeaders.Loopback(packet, 24, bigEndian: true),
            _ => IpPacketEdits.WithIpv6Extensions(packet, [IpPacketEdits.HopByHop, IpPacketEdits.Routing, IpPacketEdits.DestinationOptions]),
        };
        var capture = TestCaptures.PcapNg(linkType, [frame]);
        using var file = new TemporaryCapture(capture);

        var rows = Tshark.Fields(file.Path, "ipv6.src", "udp.srcport", "udp.payload");

        var ours = Assert.Single(ReadResult.Of(capture).Payloads);
        Assert.Equal([Pmu6.Address.ToString(), "4712", Convert.ToHexStringLower(ours.Data)], rows.Single());
        Assert.Equal(Data, ours.Data);
    }

    [Fact]
    public void TcpWithRetransmissionsOverlapsAndReordering_TsharkFollowsTheSameStreams()
    {
        var conversation = new Conversation(new PacketFramer(), Pmu4, Pdc4);
        var request = Conversation.Bytes(18, seed: 1);
        var reply = Conversation.Bytes(3000, seed: 2);
        const uint clientIsn = 4_294_967_000;
        const uint serverIsn = 77;
        var capture = TestCaptures.PcapNg(LinkType.Ethernet,
        [
            conversation.FromClient(clientIsn, [], TcpFlags.Syn),
            conversation.FromServer(serverIsn, [], TcpFlags.Syn | TcpFlags.Ack),
            conversation.FromClient(clientIsn + 1, [], TcpFlags.Ack),
            conversation.FromClient(clientIsn + 1, request),
            conversation.FromServer(serverIsn + 1, reply[..1000]),
            conversation.FromServer(serverIsn + 2001, reply[2000..]),
            conversation.FromServer(serverIsn + 1001, reply[1000..2000]),
            conversation.FromServer(serverIsn + 1001, reply[1000..2000]),
            conversation.FromClient(clientIsn + 1, request),
            conversation.FromClient(unchecked(clientIsn + 19), [], TcpFlags.Fin | TcpFlags.Ack),
            conversation.FromServer(serverIsn + 3001, [], TcpFlags.Fin | TcpFlags.Ack),
        ]);
        using var file = new TemporaryCapture(capture);

        var ours = ReadResult.Of(capture);

        Assert.Equal(reply, ours.StreamOf(conversation.ServerToClient));
        TsharkTcpStream.AssertSameAsOurs(file.Path, ours);
    }

    private static string Epoch(long nanoseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{nanoseconds / 1_000_000_000}.{nanoseconds % 1_000_000_000:D9}");
}
