using Pdc.Protocol;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>A TCP subscriber drives its own subscription with C37.118 commands, over real sockets on loopback.</summary>
public sealed class TcpCommandTests
{
    private static OutputStreamOptions Options(Action<OutputStreamOptions>? configure = null)
    {
        var options = new OutputStreamOptions { Name = "regional", IdCode = 77, ListenAddress = "127.0.0.1", TcpPort = 0 };
        configure?.Invoke(options);
        return options;
    }

    private static async Task<OutputStream> StartAsync(PublishingFixture fixture, OutputStreamOptions options)
    {
        var stream = new OutputStream(options, fixture.Layout, SystemClock.Instance);
        await stream.StartAsync();
        return stream;
    }

    [Fact]
    public async Task Config2Request_AnsweredWithTheSelectedDevicesRenamedInTheStreamsFormat()
    {
        var fixture = new PublishingFixture();
        await using var stream = await StartAsync(fixture, Options(o =>
        {
            o.NumberFormat = OutputNumberFormat.Integer;
            o.PhasorNotation = OutputPhasorNotation.Rectangular;
            o.Devices =
            [
                new OutputDeviceOptions { IdCode = PublishingFixture.SouthId, StationName = "SOUTH-RENAMED" },
                new OutputDeviceOptions { IdCode = PublishingFixture.NorthId, Channels = ["VA", "IA", "MW"] },
            ];
        }));
        await using var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 77);

        var config = (await client.RequestConfigAsync()).Config!;

        Assert.Equal(FrameType.Config2, config.Type);
        Assert.Equal(77, config.IdCode);
        Assert.Equal(30, config.DataRate);
        Assert.Equal(1_000_000u, config.TimeBase);
        Assert.Equal([PublishingFixture.SouthId, PublishingFixture.NorthId], config.Pmus.Select(p => p.IdCode));
        Assert.Equal(["SOUTH-RENAMED", "NORTH"], config.Pmus.Select(p => p.StationName));
        Assert.All(config.Pmus, p => Assert.Equal(DataFormat.None, p.Format));
        var north = config.Pmus[1];
        Assert.Equal(["VA", "IA"], north.Phasors.Select(c => c.Name));
        Assert.Equal(["MW"], north.Analogs.Select(c => c.Name));
        Assert.Empty(north.Digitals);

        // Integer scales: NORTH's own PHUNITs; SOUTH (float, PHUNIT 0) falls back to 10 V and 1 A per bit.
        Assert.Equal([915_527u, 45_776u], north.Phasors.Select(c => c.ConversionFactor));
        Assert.Equal([1_000_000u, 100_000u], config.Pmus[0].Phasors.Select(c => c.ConversionFactor));
        Assert.All(config.Pmus, p => Assert.Equal(0, p.ConfigChangeCount));
    }

    [Fact]
    public async Task TurnOn_SendsEveryFrameWithItsValues_TurnOff_StopsThem()
    {
        var fixture = new PublishingFixture();
        await using var stream = await StartAsync(fixture, Options());
        await using var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 77);
        await client.RequestConfigAsync();

        fixture.Run(3, stream);
        await client.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().IsSending);
        var on = fixture.Published.Count;
        fixture.Run(5, stream);
        var frames = await client.ReadDataAsync(5);

        for (var i = 0; i < frames.Count; i++)
        {
            ReceivedValues.Match(fixture.Published[on + i], frames[i].Data!);
        }

        await client.SendAsync(CommandCode.TurnOffTransmission);
        await Poll.UntilAsync(() => !stream.Snapshot().Subscribers.Single().IsSending);
        fixture.Run(5, stream);
        await client.SendAsync(CommandCode.SendHeader);
        var afterOff = new List<ReceivedFrame>();
        await client.ReadAsync(FrameType.Header, afterOff);

        Assert.Empty(afterOff);
        var statistics = stream.Snapshot();
        Assert.Equal(5, statistics.FramesSerialized);
        Assert.Equal(8, statistics.FramesUnheard);
        Assert.Equal(4, statistics.Subscribers.Single().CommandsReceived);
    }

    [Fact]
    public async Task HeaderConfig1AndConfig3_EachAnsweredOnRequest()
    {
        var fixture = new PublishingFixture();
        await using var stream = await StartAsync(fixture, Options(o => o.Version = ProtocolVersion.Ieee2011));
        await using var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 77);

        await client.SendAsync(CommandCode.SendHeader);
        var header = await client.ReadAsync(FrameType.Header);
        var config1 = (await client.RequestConfigAsync(CommandCode.SendConfig1)).Config!;
        var config3 = (await client.RequestConfigAsync(CommandCode.SendConfig3)).Config!;

        Assert.Contains("\"regional\"", header.HeaderText, StringComparison.Ordinal);
        Assert.Contains("NORTH (11), EAST (12), SOUTH (13)", header.HeaderText, StringComparison.Ordinal);
        Assert.Equal(FrameType.Config1, config1.Type);
        Assert.Equal(FrameType.Config3, config3.Type);
        foreach (var config in new[] { config1, config3 })
        {
            Assert.Equal(77, config.IdCode);
            Assert.Equal(ProtocolVersion.Ieee2011, config.Version);
            Assert.Equal(["NORTH", "EAST", "SOUTH"], config.Pmus.Select(p => p.StationName));
            Assert.Equal(stream.Config.Pmus.Select(p => p.Format), config.Pmus.Select(p => p.Format));
            Assert.Equal(stream.Config.DataFrameSize, config.DataFrameSize);
        }
    }

    [Fact]
    public async Task Config3AskedOfA2005Stream_AndCommandsForAnotherIdCode_AreIgnoredAndCounted()
    {
        var fixture = new PublishingFixture();
        await using var stream = await StartAsync(fixture, Options(o => o.Version = ProtocolVersion.Ieee2005));
        await using var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 77, ProtocolVersion.Ieee2005);

        await client.SendAsync(CommandCode.SendConfig3);
        await client.SendAsync(CommandCode.TurnOnTransmission, idCode: 78);
        var config = (await client.RequestConfigAsync()).Config!;

        Assert.Equal(ProtocolVersion.Ieee2005, config.Version);
        var subscriber = stream.Snapshot().Subscribers.Single();
        Assert.Equal(3, subscriber.CommandsReceived);
        Assert.Equal(2, subscriber.CommandsIgnored);
        Assert.False(subscriber.IsSending);
    }

    [Fact]
    public async Task ConnectionsBeyondMaxSubscribers_AreRefused()
    {
        var fixture = new PublishingFixture();
        await using var stream = await StartAsync(fixture, Options(o => o.MaxSubscribers = 1));
        await using var first = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 77);
        await first.RequestConfigAsync();
        await using var second = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 77);

        await Assert.ThrowsAsync<EndOfStreamException>(() => second.ReadAsync());
        Assert.Equal(1, stream.Snapshot().ConnectionsRefused);
        Assert.Single(stream.Snapshot().Subscribers);
    }
}
