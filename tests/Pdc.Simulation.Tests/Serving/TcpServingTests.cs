using Pdc.Protocol;
using Pdc.Simulation.Serving;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Serving;

public sealed class TcpServingTests
{
    [Fact]
    public async Task Client_GetsDecodableConfig2_ThenDataOnConsecutiveExactInstants_UntilTurnedOff()
    {
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options(pmus: 3, rate: 50));
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);

        await client.SendAsync(CommandCode.SendConfig2);
        var cfg2 = await client.ReceiveAsync(FrameType.Config2);
        Assert.Equal(FrameRejection.None, cfg2.Rejection);
        var config = Assert.IsType<ConfigFrame>(cfg2.Config);
        Assert.Equal(stream.IdCode, config.IdCode);
        Assert.Equal([1, 2, 3], config.Pmus.Select(p => (int)p.IdCode));
        Assert.Equal(50, config.DataRate);

        // Nothing flows before "turn on", as with a real PMU.
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(150)));

        await client.SendAsync(CommandCode.TurnOnTransmission);
        var frames = await client.ReceiveDataAsync(10);
        var step = config.TimeBase / 50;
        long? previous = null;
        foreach (var frame in frames)
        {
            Assert.Equal(FrameRejection.None, frame.Rejection);
            Assert.Equal(0u, frame.Timestamp.FractionOfSecond % step);
            var instant = (frame.Timestamp.Soc * 50L) + (frame.Timestamp.FractionOfSecond / step);
            if (previous is { } last)
            {
                Assert.Equal(last + 1, instant);
            }

            previous = instant;
        }

        await client.SendAsync(CommandCode.TurnOffTransmission);
        await client.DrainAsync(TimeSpan.FromMilliseconds(100));
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task TwoClients_StartAndStopIndependently()
    {
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options());
        var stream = simulator.Streams[0];
        await using var first = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        await using var second = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);

        await first.StartAsync();
        Assert.NotEmpty(await first.ReceiveDataAsync(3));
        Assert.Null(await second.ReceiveAsync(TimeSpan.FromMilliseconds(150)));

        await second.StartAsync();
        await first.SendAsync(CommandCode.TurnOffTransmission);
        await first.DrainAsync(TimeSpan.FromMilliseconds(100));
        var secondFrames = await second.ReceiveDataAsync(5);
        Assert.Equal(5, secondFrames.Count);
        Assert.Null(await first.ReceiveAsync(TimeSpan.FromMilliseconds(150)));
    }

    [Fact]
    public async Task Clients_ShareTheSameBytesForTheSameInstant()
    {
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options());
        var stream = simulator.Streams[0];
        await using var first = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        await using var second = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        await first.StartAsync();
        await second.StartAsync();

        var fromFirst = (await first.ReceiveDataAsync(40)).ToDictionary(f => f.Timestamp, f => f.Bytes);
        var fromSecond = await second.ReceiveDataAsync(15);
        var common = fromSecond.Where(f => fromFirst.ContainsKey(f.Timestamp)).ToList();
        Assert.True(common.Count >= 10, $"only {common.Count} instants in common");
        Assert.All(common, f => Assert.Equal(fromFirst[f.Timestamp], f.Bytes));
    }

    [Fact]
    public async Task HeaderAndConfig1_AreSentOnRequest()
    {
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options());
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);

        await client.SendAsync(CommandCode.SendHeader);
        var header = await client.ReceiveAsync(FrameType.Header);
        Assert.Contains("simulator", header.HeaderText!.Text, StringComparison.OrdinalIgnoreCase);

        await client.SendAsync(CommandCode.SendConfig1);
        var cfg1 = await client.ReceiveAsync(FrameType.Config1);
        Assert.Equal(2, cfg1.Config!.Pmus.Count);
    }

    [Fact]
    public async Task CommandForAnotherIdCode_IsIgnored()
    {
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options());
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);

        await client.SendAsync(CommandCode.SendConfig2, toIdCode: 4242);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
        await client.SendAsync(CommandCode.SendConfig2);
        Assert.NotNull((await client.ReceiveAsync(FrameType.Config2)).Config);
    }

    [Fact]
    public async Task PerPmuPorts_ServeOneSinglePmuStreamPerPort_EachWithItsOwnIdCode()
    {
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options(pmus: 3) with { PerPmuPorts = true });

        Assert.Equal(3, simulator.Streams.Count);
        Assert.Equal(3, simulator.Streams.Select(s => s.TcpEndPoint.Port).Distinct().Count());
        for (var p = 0; p < 3; p++)
        {
            var stream = simulator.Streams[p];
            await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
            var config = await client.StartAsync();
            Assert.Equal((ushort)(p + 1), config.IdCode);
            var pmu = Assert.Single(config.Pmus);
            Assert.Equal(config.IdCode, pmu.IdCode);
            var data = (await client.ReceiveDataAsync(2))[^1];
            Assert.Equal(config.IdCode, data.Header.IdCode);
            Assert.Equal(config.DataFrameSize, data.Bytes.Length);
        }
    }
}
