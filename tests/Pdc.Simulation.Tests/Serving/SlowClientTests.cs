using Pdc.Protocol;
using Pdc.Simulation.Serving;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Serving;

public sealed class SlowClientTests
{
    [Fact]
    public async Task ClientThatNeverReads_LosesItsOldestFrames_WhileAnotherKeepsGettingFreshFrames()
    {
        // Big frames (120 PMUs, 10 kB) soon fill the stalled client's socket buffers, then its queue.
        var options = Loopback.Options(pmus: 120, rate: 50) with { ClientQueueCapacity = 25 };
        await using var simulator = await PmuSimulator.StartAsync(options);
        var stream = simulator.Streams[0];
        await using var stalled = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode, receiveBufferSize: 4096);
        await using var reader = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        await stalled.SendAsync(CommandCode.TurnOnTransmission);
        await reader.StartAsync();

        var deadline = DateTime.UtcNow.AddSeconds(8);
        while (simulator.Statistics.SlowClientDrops == 0 && DateTime.UtcNow < deadline)
        {
            await reader.ReceiveDataAsync(5);
        }

        Assert.True(simulator.Statistics.SlowClientDrops > 0, "the stalled client's queue never overflowed");

        // The reader is not held up: frames keep coming, and they are current, not a backlog.
        var after = await reader.ReceiveDataAsync(25);
        var newest = after[^1].Timestamp.ToUnixNanoseconds(simulator.Model.Schedule.TimeBase);
        var age = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100 - newest;
        Assert.True(age < 2_000_000_000, $"the reader's newest frame is {age / 1e9:0.0} s old");

        // The stalled client, reading at last, finds a hole where its oldest frames were dropped.
        var step = simulator.Model.Schedule.TimeBase / 50;
        var instants = (await stalled.ReceiveDataAsync(60)).Select(f => (f.Timestamp.Soc * 50L) + (f.Timestamp.FractionOfSecond / step)).ToList();
        Assert.Contains(instants.Zip(instants.Skip(1)), pair => pair.Second - pair.First > 1);
    }
}
