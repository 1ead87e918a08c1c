using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

/// <summary>Peers that send garbage, lie about sizes, trickle, storm the listener or flood a UDP port: counted, refused, bounded.</summary>
public sealed class HostilePeerTests
{
    [Fact]
    public async Task TcpClient_PeerSendsRandomBytes_RefusesThemByReasonAndNeverStreams()
    {
        await using var peer = new RawPeer(async (socket, cancellationToken) =>
        {
            var random = new Random(118);
            var chunk = new byte[4096];
            while (true)
            {
                random.NextBytes(chunk);
                await socket.SendAsync(chunk, cancellationToken);
                await Task.Delay(5, cancellationToken);
            }
        });
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("noise", 81, TestStreams.TcpClient(peer.Endpoint.Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("noise").History.Any(t => t.To == ConnectionState.Disconnected), "the connection given up");

        var statistics = ingest.GetStatistics().Input("noise");
        Assert.Equal(0, sink.Count);
        Assert.DoesNotContain(statistics.History, t => t.To == ConnectionState.Streaming);
        Assert.Contains("no answer to SendConfig2", statistics.History.First(t => t.To == ConnectionState.Disconnected).Reason, StringComparison.Ordinal);
        Assert.True(statistics.Rejected(FrameRejection.BadSync) > 10, "garbage skipped while looking for SYNC");
        var path = statistics.Paths[0];
        Assert.InRange(path.BytesReceived - path.Rejections.Sum(r => r.Bytes), 0, path.Connects * (long)ushort.MaxValue);
    }

    [Fact]
    public async Task TcpClient_FrameSize65535ThenSilence_IsDroppedAsSilentAndReconnected()
    {
        await using var pmu = new TestPmu(TestStreams.Config(82));
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("liar", 82, TestStreams.TcpClient(pmu.ServeTcp().Port))), sink);
        ingest.Start();
        await Eventually.TrueAsync(() => sink.Count >= 10, "frames before the lie");

        pmu.Hijack(async (stream, cancellationToken) =>
        {
            var header = new byte[FrameHeader.Size];
            new FrameHeader(FrameType.Data, 1, ushort.MaxValue, 82, 1_700_000_000, 0).Write(header);
            await stream.WriteAsync(header, cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        });
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("liar").Paths[0].Connects == 2, "a reconnect");
        var before = sink.Count;
        await Eventually.TrueAsync(() => sink.Count >= before + 10, "frames after the reconnect");

        var dropped = ingest.GetStatistics().Input("liar").History.First(t => t.To == ConnectionState.Disconnected);
        Assert.StartsWith("silent for", dropped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TcpClient_OneBytePerSecond_IsDroppedAsSilentThoughBytesArrive()
    {
        await using var pmu = new TestPmu(TestStreams.Config(83));
        var input = TestStreams.Input("drip", 83, TestStreams.TcpClient(pmu.ServeTcp().Port));
        input.SilentFramePeriods = 150;
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(input), sink);
        ingest.Start();
        await Eventually.TrueAsync(() => sink.Count >= 10, "frames before the drip");

        var dripped = 0;
        pmu.Hijack(async (stream, cancellationToken) =>
        {
            foreach (var b in TestStreams.Data(pmu.Config, TestStreams.IndexNow(pmu.Config)))
            {
                await stream.WriteAsync(new[] { b }, cancellationToken);
                Interlocked.Increment(ref dripped);
                await Task.Delay(1000, cancellationToken);
            }
        });
        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("drip").History.Any(t => t.To == ConnectionState.Disconnected), "the trickle dropped", 5);

        Assert.InRange(Volatile.Read(ref dripped), 1, 3);
        var dropped = ingest.GetStatistics().Input("drip").History.First(t => t.To == ConnectionState.Disconnected).Reason;
        Assert.StartsWith("silent for", dropped, StringComparison.Ordinal);
        Assert.Contains("(limit 1500 ms, 150 frame periods)", dropped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TcpListener_TricklingOrGarbagePeers_AreRefusedBeforeIdentification()
    {
        var options = TestStreams.Ingest(TestStreams.Input("a", 84, TestStreams.TcpListener()));
        options.IdentifyTimeout = TimeSpan.FromSeconds(1);
        await using var ingest = new IngestService(options, new RecordingSink());
        ingest.Start();
        var listener = ingest.GetStatistics().Input("a").Paths[0].LocalEndpoint!;

        using var trickle = await ConnectAsync(listener);
        var frame = TestStreams.Config2(TestStreams.Config(84));
        _ = Task.Run(async () =>
        {
            foreach (var b in frame.AsMemory(0, 4).ToArray())
            {
                await trickle.SendAsync(new[] { b });
                await Task.Delay(300);
            }
        });
        using var garbage = await ConnectAsync(listener);
        var noise = new byte[3 * ushort.MaxValue];
        new Random(84).NextBytes(noise);
        await garbage.SendAsync(noise);

        await Eventually.TrueAsync(() => ingest.GetStatistics().Listeners[0].Unidentified == 0, "both refused");
        var statistics = ingest.GetStatistics().Listeners[0];
        Assert.Equal(1, statistics.Refused(ListenerRefusal.IdentificationTimeout));
        Assert.Equal(1, statistics.Refused(ListenerRefusal.NoFrame));
        Assert.Equal(0, statistics.Identified);
    }

    internal static async Task<Socket> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endpoint);
        return socket;
    }
}
