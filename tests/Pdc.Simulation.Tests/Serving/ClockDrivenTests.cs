using Pdc.Protocol;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Serving;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Serving;

/// <summary>The simulator driven by a clock the test moves: frames come exactly when their instants are reached.</summary>
public sealed class ClockDrivenTests
{
    private const long Second = 1_000_000_000;
    private const long Start = 1_700_000_000 * Second;

    [Fact]
    public async Task EachAdvancePastAnInstant_SendsThatInstantsFrame_AndNothingBefore()
    {
        var clock = new ManualClock(Start);
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options(rate: 10), clock);
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        await client.StartAsync();

        // The first instant is the start itself (the clock sits on a second): let it pass, then step 100 ms at a time.
        await client.DrainAsync(TimeSpan.FromMilliseconds(100));
        for (var k = 1; k <= 3; k++)
        {
            Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(50)));
            clock.Advance(Second / 10);
            var frame = await client.ReceiveAsync(FrameType.Data);
            Assert.Equal(1_700_000_000u, frame.Timestamp.Soc);
            Assert.Equal((uint)k * 100_000, frame.Timestamp.FractionOfSecond);
        }
    }

    [Fact]
    public async Task DisconnectFault_ClosesClientsWhenEachPeriodBegins()
    {
        var clock = new ManualClock(Start);
        var options = Loopback.Options(rate: 10) with { Faults = new FaultSettings { DisconnectEverySeconds = 1 } };
        await using var simulator = await PmuSimulator.StartAsync(options, clock);
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        await client.StartAsync();
        await client.DrainAsync(TimeSpan.FromMilliseconds(100));

        for (var k = 0; k < 9; k++)
        {
            clock.Advance(Second / 10);
            Assert.Equal(FrameType.Data, (await client.ReceiveAsync(FrameType.Data)).Type);
        }

        clock.Advance(Second / 10);
        await client.DrainAsync(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, simulator.Statistics.FaultDisconnects);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task ConfigChange_MidStream_IsAnnouncedInStat_ThenDataFollowsTheNewConfig2()
    {
        var clock = new ManualClock(Start);
        var options = Loopback.Options(rate: 10) with { Scenario = Scenario.Quiet.WithConfigChange(1) };
        await using var simulator = await PmuSimulator.StartAsync(options, clock);
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        var before = await client.StartAsync();
        await client.DrainAsync(TimeSpan.FromMilliseconds(100));

        var frames = new List<ReceivedFrame>();
        for (var k = 1; k <= 10; k++)
        {
            clock.Advance(Second / 10);
            frames.Add(await client.ReceiveAsync(FrameType.Data));
        }

        // 0.1 s to 0.9 s: the old config, with STAT announcing the change; at 1 s, a frame the old config cannot read.
        var warned = frames[^2];
        Assert.All(frames[..^1], f => Assert.Equal(FrameRejection.None, f.Rejection));
        Assert.Equal(FrameRejection.ConfigMismatch, frames[^1].Rejection);

        await client.SendAsync(CommandCode.SendConfig2);
        var after = (await client.ReceiveAsync(FrameType.Config2)).Config!;
        Assert.All(after.Pmus, p => Assert.Equal((9, (ushort)1), (p.Phasors.Count, p.ConfigChangeCount)));
        Assert.All(before.Pmus, p => Assert.Equal((8, (ushort)0), (p.Phasors.Count, p.ConfigChangeCount)));
        clock.Advance(Second / 10);
        var current = await client.ReceiveAsync(FrameType.Data);
        Assert.Equal(FrameRejection.None, current.Rejection);
        Assert.Equal(after.DataFrameSize, current.Bytes.Length);
        var data = new DataFrame(after);
        DataFrameCodec.TryDecode(current.Bytes, data);
        Assert.All(data.Stat, s => Assert.False(new Stat(s).ConfigChange));
        var old = new DataFrame(before);
        DataFrameCodec.TryDecode(warned.Bytes, old);
        Assert.All(old.Stat, s => Assert.True(new Stat(s).ConfigChange));
    }
}
