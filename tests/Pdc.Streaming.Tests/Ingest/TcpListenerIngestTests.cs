using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class TcpListenerIngestTests
{
    [Fact]
    public async Task TcpListener_PmusConnectingIn_AreIdentifiedByIdCodeAndCommandedOnTheirSocket()
    {
        var sink = new RecordingSink();
        await using var ingest = new IngestService(
            TestStreams.Ingest(
                TestStreams.Input("a", 21, TestStreams.TcpListener()),
                TestStreams.Input("b", 22, TestStreams.TcpListener())),
            sink);
        ingest.Start();
        var listener = ingest.GetStatistics().Input("a").Paths[0].LocalEndpoint!;
        Assert.Equal(listener, ingest.GetStatistics().Input("b").Paths[0].LocalEndpoint);

        await using var a = new TestPmu(TestStreams.Config(21));
        await using var b = new TestPmu(TestStreams.Config(22, phasors: 4));
        await b.ConnectToAsync(listener);
        await a.ConnectToAsync(listener);
        await Eventually.TrueAsync(() => sink.CountOf(21) >= 20 && sink.CountOf(22) >= 20, "frames from both PMUs");

        Assert.Empty(sink.Misdecoded);
        Assert.True(a.CommandsReceived >= 3 && b.CommandsReceived >= 3, "each PMU got its handshake on its own socket");
        var statistics = ingest.GetStatistics();
        var shared = Assert.Single(statistics.Listeners);
        Assert.Equal(2, shared.Identified);
        Assert.Equal(ConnectionState.Streaming, statistics.Input("a").State);
        Assert.Equal(4, ingest.Input("b").Devices[0].Config.Phasors.Count);
    }

    [Fact]
    public async Task TcpListener_UnknownIdCode_IsRefusedAndCounted()
    {
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("a", 21, TestStreams.TcpListener())), sink);
        ingest.Start();
        var listener = ingest.GetStatistics().Input("a").Paths[0].LocalEndpoint!;

        await using var stranger = new TestPmu(TestStreams.Config(99));
        await stranger.ConnectToAsync(listener, reconnect: false);

        await Eventually.TrueAsync(() => ingest.GetStatistics().Listeners[0].Refused(ListenerRefusal.UnknownIdCode) == 1, "the stranger refused");
        Assert.Equal(0, sink.Count);
        Assert.Equal(ConnectionState.Listening, ingest.GetStatistics().Input("a").State);
    }

    [Fact]
    public async Task TcpListener_PmuReconnects_NewConnectionReplacesTheOld()
    {
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("a", 23, TestStreams.TcpListener())), sink);
        ingest.Start();
        var listener = ingest.GetStatistics().Input("a").Paths[0].LocalEndpoint!;

        await using var first = new TestPmu(TestStreams.Config(23));
        await first.ConnectToAsync(listener, reconnect: false);
        await Eventually.TrueAsync(() => sink.Count >= 10, "frames on the first connection");
        await using var second = new TestPmu(TestStreams.Config(23));
        await second.ConnectToAsync(listener, reconnect: false);
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("a").Paths[0].Connects == 2, "the second connection taken");
        var before = sink.Count;
        await Eventually.TrueAsync(() => sink.Count >= before + 10, "frames on the second connection");

        var history = ingest.GetStatistics().Input("a").History;
        Assert.Contains(history, t => t.Reason.StartsWith("replaced by a new connection", StringComparison.Ordinal));
        Assert.Empty(sink.Misdecoded);
    }
}
