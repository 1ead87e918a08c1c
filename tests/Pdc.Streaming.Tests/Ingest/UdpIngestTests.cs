using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class UdpIngestTests
{
    [Fact]
    public async Task Udp_SpontaneousStream_TakesItsConfigFromUdpAndDeliversFrames()
    {
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("u", 31, TestStreams.Udp())), sink);
        ingest.Start();
        var port = ingest.GetStatistics().Input("u").Paths[0].LocalEndpoint!;

        await using var pmu = new TestPmu(TestStreams.Config(31));
        pmu.SendUdp(port);
        await Eventually.TrueAsync(() => sink.Count >= 50, "50 frames over UDP");

        var statistics = ingest.GetStatistics().Input("u");
        Assert.Equal(ConnectionState.Streaming, statistics.State);
        Assert.Empty(sink.Misdecoded);
        Assert.True(statistics.Paths[0].ConfigFramesReceived >= 1);
        Assert.Equal(0, statistics.Paths[0].CommandsSent);
    }

    [Fact]
    public async Task Udp_DatagramCommands_HandshakeOverUdpThenFrames()
    {
        await using var pmu = new TestPmu(TestStreams.Config(32));
        var device = pmu.ServeUdpCommands();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("u", 32, TestStreams.Udp(device.Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.Count >= 30, "30 frames after a UDP handshake");

        Assert.True(pmu.CommandsReceived >= 3, "off, config, on as datagrams");
        Assert.Equal(ConnectionState.Streaming, ingest.GetStatistics().Input("u").State);
        Assert.Empty(sink.Misdecoded);
    }

    [Fact]
    public async Task TcpCommandsUdpData_ConfigOverTcp_DecodesTheDatagrams()
    {
        await using var pmu = new TestPmu(TestStreams.Config(33, phasors: 5));
        var commands = pmu.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("tu", 33, TestStreams.TcpCommandsUdpData(commands.Port))), sink);
        ingest.Start();
        pmu.UdpDataTarget = ingest.GetStatistics().Input("tu").Paths[0].LocalEndpoint;

        await Eventually.TrueAsync(() => sink.Count >= 30, "30 frames over UDP");

        var path = ingest.GetStatistics().Input("tu").Paths[0];
        Assert.Equal(1, path.ConfigFramesReceived);
        Assert.Equal(1, path.Connects);
        Assert.Equal(ConnectionState.Streaming, path.State);
        Assert.Equal(5, sink.Deliveries[^1].Phasors.Length);
        Assert.Empty(sink.Misdecoded);
    }

    [Fact]
    public async Task Udp_Ipv4MulticastGroupOnLoopback_ReceivesTheGroupsDatagrams()
    {
        var endpoint = TestStreams.Udp();
        endpoint.MulticastGroup = "239.255.37.118";
        endpoint.MulticastInterface = "127.0.0.1";
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("m", 34, endpoint)), sink);
        ingest.Start();
        var bound = ingest.GetStatistics().Input("m").Paths[0].LocalEndpoint!;

        await using var pmu = new TestPmu(TestStreams.Config(34));
        pmu.SendUdp(new IPEndPoint(IPAddress.Parse("239.255.37.118"), bound.Port));
        await Eventually.TrueAsync(() => sink.Count >= 30, "30 frames sent to the group");

        Assert.Empty(sink.Misdecoded);
    }

    [Fact]
    public async Task Udp_Ipv6MulticastGroup_JoinsOnTheLoopbackInterface()
    {
        // Loopback here does not route IPv6 multicast (a send gets "network unreachable"), so this checks the join itself:
        // the kernel lists the group on lo while the ingest runs (Linux's /proc/net/igmp6; the project's tests run on Linux).
        var loopback = NetworkInterface.GetAllNetworkInterfaces().First(n => n.NetworkInterfaceType == NetworkInterfaceType.Loopback);
        var endpoint = new EndpointOptions
        {
            Mode = ConnectionMode.Udp,
            MulticastGroup = "ff15::3711:8",
            MulticastInterface = loopback.GetIPProperties().GetIPv6Properties().Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("m6", 35, endpoint)), new RecordingSink());
        ingest.Start();

        var bound = ingest.GetStatistics().Input("m6").Paths[0].LocalEndpoint!;
        Assert.Equal(AddressFamily.InterNetworkV6, bound.AddressFamily);
        var groups = await File.ReadAllTextAsync("/proc/net/igmp6");
        Assert.Contains("ff150000000000000000000037110008", groups, StringComparison.Ordinal);
    }
}
