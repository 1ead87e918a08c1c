using Pdc.Protocol;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>A change of the concentrator's layout moves the stream's CFGCNT and flags its data frames for a minute.</summary>
public sealed class ConfigChangeTests
{
    private const int AlignedRate = 10;

    [Fact]
    public async Task DeviceReconfigured_ItsCfgcntMovesAndStatBit10IsSetForOneMinuteOfFrames()
    {
        // The stream runs at 1 frame/s off a 10 frames/s concentrator: every tenth aligned frame.
        var fixture = new PublishingFixture(AlignedRate);
        await using var stream = new OutputStream(new OutputStreamOptions { IdCode = 9, FramesPerSecond = 1, ListenAddress = "127.0.0.1", TcpPort = 0 }, fixture.Layout, SystemClock.Instance);
        await stream.StartAsync();
        await using var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 9);
        var before = (await client.RequestConfigAsync()).Config!;
        await client.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().IsSending);
        fixture.Run(5 * AlignedRate, stream);
        var steady = await client.ReadDataAsync(5);

        fixture.Reconfigure(PublishingFixture.East() with { StationName = "EAST-2" });
        var changedAt = fixture.NextIndex;
        fixture.Run(65 * AlignedRate, stream);
        var beforeAnnouncement = new List<ReceivedFrame>();
        var announced = (await client.ReadAsync(FrameType.Config2, beforeAnnouncement)).Config!;
        var after = await client.ReadDataAsync(65);

        Assert.Equal(1, before.DataRate);
        Assert.Equal([0, 0, 0], before.Pmus.Select(p => (int)p.ConfigChangeCount));
        Assert.All(steady, f => Assert.All(f.Data!.Stat, s => Assert.False(new Stat(s).ConfigChange)));
        Assert.Empty(beforeAnnouncement);
        Assert.Equal([0, 1, 0], announced.Pmus.Select(p => (int)p.ConfigChangeCount));
        Assert.Equal("EAST-2", announced.Pmus[1].StationName);
        Assert.Equal(announced.Pmus.Select(p => p.ConfigChangeCount), stream.Config.Pmus.Select(p => p.ConfigChangeCount));

        Assert.All(after, f => Assert.Equal(0u, f.Data!.Timestamp.FractionOfSecond));
        var changeSecond = changedAt / AlignedRate;
        foreach (var frame in after)
        {
            var flagged = frame.Data!.Timestamp.Soc < changeSecond + 60;
            Assert.Equal([false, flagged, false], frame.Data.Stat.Select(s => new Stat(s).ConfigChange));
        }

        Assert.Equal(60, after.Count(f => new Stat(f.Data!.Stat[1]).ConfigChange));
        Assert.Equal(1, stream.Snapshot().ConfigChanges);
    }

    [Fact]
    public async Task DeviceAdded_EveryBlocksCfgcntMoves()
    {
        var fixture = new PublishingFixture();
        await using var stream = new OutputStream(new OutputStreamOptions { TcpPort = 0 }, fixture.Layout, SystemClock.Instance);
        fixture.Run(2, stream);

        fixture.Reconfigure(PublishingFixture.South() with { IdCode = 14, StationName = "WEST" });
        fixture.Run(2, stream);

        Assert.Equal(["NORTH", "EAST", "SOUTH", "WEST"], stream.Config.Pmus.Select(p => p.StationName));
        Assert.All(stream.Config.Pmus, p => Assert.Equal(1, p.ConfigChangeCount));
        Assert.Equal(1, stream.Snapshot().ConfigChanges);
    }

    [Fact]
    public async Task DeviceOutsideTheSelectionReconfigured_NothingChanges()
    {
        var fixture = new PublishingFixture();
        var options = new OutputStreamOptions { TcpPort = 0, Devices = [new OutputDeviceOptions { IdCode = PublishingFixture.NorthId }] };
        await using var stream = new OutputStream(options, fixture.Layout, SystemClock.Instance);
        fixture.Run(2, stream);

        fixture.Reconfigure(PublishingFixture.East() with { StationName = "EAST-2" });
        fixture.Run(2, stream);

        Assert.Equal(0, stream.Config.Pmus.Single().ConfigChangeCount);
        Assert.Equal(0, stream.Snapshot().ConfigChanges);
    }
}
