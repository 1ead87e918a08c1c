using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class ReconnectAndFailoverTests
{
    [Fact]
    public async Task TcpClient_PeerClosesTheConnection_ReconnectsAndStreamsAgain()
    {
        await using var pmu = new TestPmu(TestStreams.Config(41));
        var endpoint = pmu.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("p", 41, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();
        await Eventually.TrueAsync(() => sink.Count >= 20, "frames before the drop");

        pmu.DropConnections();
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("p").Paths[0].Connects == 2, "a second connection");
        var before = sink.Count;
        await Eventually.TrueAsync(() => sink.Count >= before + 20, "frames after the reconnect");

        var history = ingest.GetStatistics().Input("p").History;
        // Closing a socket with unread commands in it resets the connection rather than closing it.
        var lost = Assert.Single(history, t => t.To == ConnectionState.Disconnected);
        Assert.Matches("^(closed by the peer|connection lost: .*reset)", lost.Reason);
        Assert.Equal(2, history.Count(t => t.To == ConnectionState.Streaming));
        Assert.Empty(sink.Misdecoded);
    }

    [Fact]
    public async Task TcpClient_PeerGoesSilent_ReconnectsAfterTheConfiguredFramePeriods()
    {
        await using var pmu = new TestPmu(TestStreams.Config(42));
        var endpoint = pmu.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("p", 42, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();
        await Eventually.TrueAsync(() => sink.Count >= 20, "frames before the silence");

        pmu.Hijack((_, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken));
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("p").Paths[0].Connects == 2, "a reconnect after silence");

        var lost = ingest.GetStatistics().Input("p").History.First(t => t.To == ConnectionState.Disconnected);
        Assert.StartsWith("silent for", lost.Reason, StringComparison.Ordinal);
        Assert.Contains("100 frame periods", lost.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoPaths_PrimaryFails_FailsOverThenFailsBackDeliveringEachReportOnce()
    {
        var config = TestStreams.Config(43);
        await using var primary = new TestPmu(config);
        await using var secondary = new TestPmu(config);
        var input = TestStreams.Input("r", 43, TestStreams.TcpClient(primary.ServeTcp().Port), TestStreams.TcpClient(secondary.ServeTcp().Port));
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(input), sink);
        ingest.Start();
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("r").Paths.All(p => p.State == ConnectionState.Streaming), "both paths streaming");
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("r").ActivePath?.Contains("primary", StringComparison.Ordinal) == true, "the primary active");
        var failoversBefore = ingest.GetStatistics().Input("r").Failovers;

        primary.Down = true;
        primary.DropConnections();
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("r").ActivePath?.Contains("path 2", StringComparison.Ordinal) == true, "failed over to path 2");
        var duringFailover = sink.Count;
        await Eventually.TrueAsync(() => sink.Count >= duringFailover + 30, "frames from path 2");

        primary.Down = false;
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("r").ActivePath?.Contains("primary", StringComparison.Ordinal) == true, "failed back to the primary");
        var afterFailback = sink.Count;
        await Eventually.TrueAsync(() => sink.Count >= afterFailback + 30, "frames from the primary again");

        var statistics = ingest.GetStatistics().Input("r");
        Assert.Equal(failoversBefore + 2, statistics.Failovers);
        Assert.Contains(statistics.ActivePathHistory, c => c.Reason.StartsWith("fail over from", StringComparison.Ordinal) && c.To == statistics.Paths[1].Endpoint);
        Assert.Contains(statistics.ActivePathHistory, c => c.Reason.StartsWith("fail back from", StringComparison.Ordinal) && c.To == statistics.Paths[0].Endpoint);
        Assert.True(statistics.Paths[1].StandbyFrames > 0, $"path 2 streamed as a standby while the primary was active: {string.Join("; ", statistics.ActivePathHistory)} {string.Join("; ", statistics.History)}");
        var deliveries = sink.Deliveries;
        Assert.Equal(deliveries.Count, deliveries.Select(d => d.Timestamp).Distinct().Count());
        Assert.Empty(sink.Misdecoded);
    }

    [Fact]
    public async Task TcpAndUdpPaths_TcpFails_UdpCarriesTheStream()
    {
        var config = TestStreams.Config(44);
        await using var tcp = new TestPmu(config);
        var input = TestStreams.Input("mixed", 44, TestStreams.TcpClient(tcp.ServeTcp().Port), TestStreams.Udp());
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(input), sink);
        ingest.Start();
        await using var udp = new TestPmu(config);
        udp.SendUdp(ingest.GetStatistics().Input("mixed").Paths[1].LocalEndpoint!);
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("mixed").ActivePath?.StartsWith("tcp", StringComparison.Ordinal) == true, "the TCP primary active");
        var failoversBefore = ingest.GetStatistics().Input("mixed").Failovers;

        tcp.Down = true;
        tcp.DropConnections();
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("mixed").ActivePath?.StartsWith("udp", StringComparison.Ordinal) == true, "UDP active");
        var before = sink.Count;
        await Eventually.TrueAsync(() => sink.Count >= before + 30, "frames over UDP");

        // When the TCP path drops before the UDP one has been judged healthy, the switch is recorded as the
        // active path moving to UDP rather than counted as a fail-over; either way the history names it.
        var statistics = ingest.GetStatistics().Input("mixed");
        Assert.Contains(statistics.ActivePathHistory, c => c.To?.StartsWith("udp", StringComparison.Ordinal) == true);
        Assert.InRange(statistics.Failovers, failoversBefore, failoversBefore + 1);
        Assert.Empty(sink.Misdecoded);
    }
}
