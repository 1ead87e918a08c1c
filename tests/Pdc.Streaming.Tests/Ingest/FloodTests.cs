using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

/// <summary>Storms that take both cores for seconds: alone in their collection, so that they do not starve other tests' deadlines.</summary>
[CollectionDefinition(nameof(FloodTests), DisableParallelization = true)]
public sealed class FloodCollection;

/// <summary>A connection storm on the listener and a garbage flood on a UDP port: every one counted and refused, memory bounded, the other devices flowing.</summary>
[Collection(nameof(FloodTests))]
public sealed class FloodTests
{
    [Fact]
    public async Task TcpListener_TenThousandConnectionsOpenedAndDropped_AreCountedWhileADeviceStreams()
    {
        var sink = new RecordingSink();
        var device = TestStreams.Input("a", 85, TestStreams.TcpListener());
        device.SilentFramePeriods = 300;
        await using var ingest = new IngestService(TestStreams.Ingest(device), sink);
        ingest.Start();
        var listener = ingest.GetStatistics().Input("a").Paths[0].LocalEndpoint!;
        await using var pmu = new TestPmu(TestStreams.Config(85));
        await pmu.ConnectToAsync(listener);
        await Eventually.TrueAsync(() => sink.Count >= 10, "the device streaming");
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        const int Storm = 10_000;
        var framesBefore = sink.Count;
        for (var batch = 0; batch < Storm; batch += 500)
        {
            await Task.WhenAll(Enumerable.Range(0, 500).Select(async _ =>
            {
                // Reset rather than close: a storm of closes would leave thousands of ports in TIME_WAIT.
                using var socket = await HostilePeerTests.ConnectAsync(listener);
                socket.LingerState = new LingerOption(true, 0);
            }));
        }

        await Eventually.TrueAsync(() => ingest.GetStatistics().Listeners[0] is { Accepted: >= Storm + 1, Unidentified: 0 }, "the storm accepted and refused");
        var statistics = ingest.GetStatistics().Listeners[0];
        Assert.Equal(statistics.Accepted - 1, statistics.Refused(ListenerRefusal.ClosedBeforeIdentification));
        Assert.Equal(1, statistics.Identified);
        Assert.True(sink.Count > framesBefore, "the device kept streaming through the storm");
        Assert.Equal(ConnectionState.Streaming, Assert.Single(ingest.GetStatistics().Input("a").History, t => t.From == ConnectionState.Streaming || t.To == ConnectionState.Streaming).To);
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true) - memoryBefore, long.MinValue, 16L << 20);
    }

    [Fact]
    public async Task Udp_GarbageFlood_EachDatagramRefusedWhileEveryInputKeepsFlowing()
    {
        await using var other = new TestPmu(TestStreams.Config(87));
        var sink = new RecordingSink();
        await using var ingest = new IngestService(
            TestStreams.Ingest(
                TestStreams.Input("flooded", 86, TestStreams.Udp()),
                TestStreams.Input("other", 87, TestStreams.TcpClient(other.ServeTcp().Port))),
            sink);
        ingest.Start();
        var flooded = ingest.GetStatistics().Input("flooded").Paths[0].LocalEndpoint!;
        await using var pmu = new TestPmu(TestStreams.Config(86));
        pmu.SendUdp(flooded);
        await Eventually.TrueAsync(() => sink.CountOf(86) >= 10 && sink.CountOf(87) >= 10, "both inputs streaming");
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var (floodedBefore, otherBefore) = (sink.CountOf(86), sink.CountOf(87));

        // No 0xAA anywhere: each datagram is exactly one run of bytes skipped while looking for SYNC. Sent in bursts
        // that the socket buffer holds, as fast as the ingest takes them, so that the kernel drops none and every one is counted.
        const int Datagrams = 10_000;
        const int Burst = 100;
        const int Size = 512;
        var garbage = new byte[Size];
        new Random(86).NextBytes(garbage);
        garbage.AsSpan().Replace(FrameHeader.SyncByte, (byte)0x55);
        using var flood = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var target = new IPEndPoint(IPAddress.Loopback, flooded.Port).Serialize();
        for (var sent = Burst; sent <= Datagrams; sent += Burst)
        {
            for (var i = 0; i < Burst; i++)
            {
                flood.SendTo(garbage, SocketFlags.None, target);
            }

            var expected = sent;
            await Eventually.TrueAsync(() => ingest.GetStatistics().Input("flooded").Rejected(FrameRejection.BadSync) >= expected, $"{expected} datagrams refused");
        }

        await Eventually.TrueAsync(() => sink.CountOf(86) >= floodedBefore + 20 && sink.CountOf(87) >= otherBefore + 20, "both inputs flowing after the flood");
        var path = ingest.GetStatistics().Input("flooded").Paths[0];
        var refused = Assert.Single(path.Rejections);
        Assert.Equal(FrameRejection.BadSync, refused.Reason);
        Assert.Equal(Datagrams, refused.Frames);
        Assert.Equal(refused.Frames * Size, refused.Bytes);
        Assert.Empty(sink.Misdecoded);
        Assert.InRange(GC.GetTotalMemory(forceFullCollection: true) - memoryBefore, long.MinValue, 16L << 20);
    }

}
