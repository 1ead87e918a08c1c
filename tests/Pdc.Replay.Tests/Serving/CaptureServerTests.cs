using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Pdc.Capture;
using Pdc.Protocol;
using Pdc.Replay.Serving;
using Pdc.Replay.Tests.Support;
using Pdc.Testing;

namespace Pdc.Replay.Tests.Serving;

[Collection(PacedServingCollection.Name)]
public sealed class CaptureServerTests
{
    private const string UdpCapture = "C37.118_1PMU_UDP.pcap";
    private const string FourPmuCapture = "C37.118_4in1PMU_TCP.pcap";
    private const string GsfCapture = "gsf_framecapture_with_cfg2.pcap";

    internal static CaptureServer Serve(string capture, double speed, bool restamp = false, bool loop = false, int queueFrames = 128, Action<string>? log = null)
    {
        using var reader = CaptureFile.Open(SharedFiles.Capture(capture));
        return CaptureServer.Start(reader, new CaptureServerOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Speed = speed,
            Restamp = restamp,
            Loop = loop,
            ClientQueueFrames = queueFrames,
            Log = log,
        });
    }

    [Fact]
    public async Task ServedAtFullSpeed_ClientGetsTheCapturesConfigBytes_AndEveryDataFrameWithItsValues()
    {
        await using var server = Serve(UdpCapture, double.PositiveInfinity);
        var stream = Assert.Single(server.Streams);
        Assert.Equal(60, stream.IdCode);
        Assert.Equal([("PMU1", (ushort)61)], stream.Pmus);

        var received = await ServedFrames.ReceiveAsync(stream, 356);

        Assert.Equal(DirectDecode.Config2Frames(SharedFiles.Capture(UdpCapture)), received.ConfigBytes);
        Assert.Equal(DirectDecode.DataFrames(SharedFiles.Capture(UdpCapture)), received.Data);
    }

    [Fact]
    public async Task ServedTenTimesFaster_KeepsTheCapturesOrderAndTiming_DuplicatesAndDisorderIncluded()
    {
        // 494 frames over 16.4 s of capture: about 1.6 s at ten times the speed. A queue that holds them all, so
        // that a test machine's hiccup (JIT, a busy core) drops nothing.
        await using var server = Serve(GsfCapture, 10, queueFrames: 494);
        var stream = Assert.Single(server.Streams);
        Assert.Equal(1, stream.IdCode);

        var clock = Stopwatch.StartNew();
        var received = await ServedFrames.ReceiveAsync(stream, 494);
        clock.Stop();

        Assert.Equal(DirectDecode.DataFrames(SharedFiles.Capture(GsfCapture)), received.Data);
        Assert.InRange(clock.Elapsed.TotalSeconds, 1.4, 8);
    }

    [Fact]
    public async Task Restamped_FirstFrameIsNow_SpacingAndValuesKept_AndEveryChecksumGood()
    {
        await using var server = Serve(FourPmuCapture, double.PositiveInfinity, restamp: true);
        var now = DateTime.UtcNow;
        var received = await ServedFrames.ReceiveAsync(server.Streams[0], 1342, withTimestamp: false);

        var original = DirectDecode.DataFrames(SharedFiles.Capture(FourPmuCapture), withTimestamp: false);
        Assert.Equal(original.Select(f => f.Values), received.Data.Select(f => f.Values));
        var first = DateTime.UnixEpoch.AddTicks(received.Data[0].Time / 100);
        Assert.InRange(first, now.AddMilliseconds(-100), now.AddSeconds(2));

        // One shift for every frame, in whole 20 ms report periods of the 50 frames/s stream.
        var shifts = received.Data.Zip(original, (served, captured) => served.Time - captured.Time).Distinct().ToList();
        var shift = Assert.Single(shifts);
        Assert.Equal(0, shift % 20_000_000);
        Assert.All(received.DataBytes, bytes => Assert.True(FrameChecksum.IsValid(bytes)));
    }

    [Fact]
    public async Task LoopedAndRestamped_TimeKeepsIncreasingAcrossLoops()
    {
        await using var server = Serve(UdpCapture, double.PositiveInfinity, restamp: true, loop: true);
        var received = await ServedFrames.ReceiveAsync(server.Streams[0], (356 * 2) + 10, withTimestamp: false);

        var times = received.Data.Select(f => f.Time).ToList();
        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} follows {pair.First}"));
        var loopSpan = times[356] - times[0];
        Assert.All(Enumerable.Range(0, 356), k => Assert.Equal(times[k] + loopSpan, times[356 + k]));
        Assert.Equal(received.Data.Take(356).Select(f => f.Values), received.Data.Skip(356).Take(356).Select(f => f.Values));
    }

    [Fact]
    public async Task SlowClient_LosesItsOldestFrames_WhileAnotherGetsEveryFrameOnTime()
    {
        var log = new ConcurrentQueue<string>();
        // 400 frames of queue: the reader that keeps up survives a 0.8 s hiccup of the test machine; the one that
        // reads nothing holds at most that and its socket buffers (about 300 frames of 456 bytes), far from all 1342.
        await using var server = Serve(FourPmuCapture, 10, queueFrames: 400, log: log.Enqueue);
        var stream = server.Streams[0];
        using var slow = new C37118Subscriber(stream.IdCode, receiveBufferBytes: 4096);
        await slow.ConnectAsync(stream.TcpEndPoint);
        await slow.SendAsync(CommandCode.SendConfig2);

        // The first "turn on" starts the capture's clock; the slow client joins it live a moment later. The
        // capture spans 30 s: 3 s at ten times the speed, while the slow client reads nothing.
        var receiving = ServedFrames.ReceiveAsync(stream, 1342, timeout: TimeSpan.FromSeconds(10));
        await Task.Delay(200);
        await slow.SendAsync(CommandCode.TurnOnTransmission);
        var fast = await receiving;
        Assert.Equal(DirectDecode.DataFrames(SharedFiles.Capture(FourPmuCapture)), fast.Data);

        var late = new ServedFrames();
        try
        {
            await slow.ReadUntilAsync(frame => late.Add(frame) < 1342, TimeSpan.FromSeconds(1));
        }
        catch (OperationCanceledException)
        {
            // It read all there was.
        }

        Assert.InRange(late.Data.Count, 1, 1341);
        Assert.Equal(fast.Data[^1], late.Data[^1]);
        slow.Dispose();
        await WaitForAsync(() => log.Any(line => line.Contains("read too slowly", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Commands_Cfg1IsEncodedFromTheCapturesConfig_WhatItLacksIsIgnored_AndOtherIdCodesToo()
    {
        await using var server = Serve(UdpCapture, double.PositiveInfinity);
        var stream = server.Streams[0];
        using var subscriber = new C37118Subscriber(stream.IdCode);
        await subscriber.ConnectAsync(stream.TcpEndPoint);

        // No header and no CFG-3 (a 2005 stream) in the capture, and a "turn on" for someone else: none answered.
        await subscriber.SendAsync(CommandCode.SendHeader);
        await subscriber.SendAsync(CommandCode.SendConfig3);
        await subscriber.SendAsync(CommandCode.TurnOnTransmission, toIdCode: 999);
        await subscriber.SendAsync(CommandCode.SendConfig1);
        var received = new ServedFrames();
        await subscriber.ReadUntilAsync(frame => received.Add(frame) == 0 && received.Configs.Count < 1, TimeSpan.FromSeconds(5));

        var config1 = Assert.Single(received.Configs);
        Assert.Equal(FrameType.Config1, config1.Type);
        Assert.Equal(["PMU1"], config1.Pmus.Select(p => p.StationName));
        Assert.Empty(received.Data);
        try
        {
            await subscriber.ReadUntilAsync(frame => received.Add(frame) == 0, TimeSpan.FromMilliseconds(300));
        }
        catch (OperationCanceledException)
        {
            // Nothing more came: transmission was never turned on for this stream.
        }

        Assert.Empty(received.Data);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "the condition never came true");
            await Task.Delay(20);
        }
    }
}
