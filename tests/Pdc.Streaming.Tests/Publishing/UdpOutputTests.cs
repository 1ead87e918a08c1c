using System.Net;
using Pdc.Protocol;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>UDP destinations, unicast and multicast, with and without a TCP command channel, received on loopback.</summary>
public sealed class UdpOutputTests
{
    private static OutputStreamOptions Options(string destination, Action<OutputStreamOptions>? configure = null)
    {
        var options = new OutputStreamOptions { IdCode = 40, ListenAddress = "127.0.0.1", UdpDestinations = [destination] };
        configure?.Invoke(options);
        return options;
    }

    [Fact]
    public async Task Unicast_SendsTheConfigThenEveryFrameAtOnce()
    {
        var fixture = new PublishingFixture();
        using var receiver = UdpReceiver.Unicast();
        await using var stream = new OutputStream(Options($"127.0.0.1:{receiver.Port}"), fixture.Layout, SystemClock.Instance);
        await stream.StartAsync();

        fixture.Run(5, stream);
        var frames = await receiver.ReceiveFramesAsync(6);

        Assert.Equal(FrameType.Config2, frames[0].Type);
        Assert.Equal(40, frames[0].Config!.IdCode);
        for (var i = 0; i < 5; i++)
        {
            ReceivedValues.Match(fixture.Published[i], frames[i + 1].Data!);
        }

        var destination = Assert.Single(stream.Snapshot().Subscribers);
        Assert.Equal(SubscriberTransport.Udp, destination.Transport);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().FramesSent == 6);
    }

    [Fact]
    public async Task Multicast_JoinedOnLoopback_ReceivesTheStream()
    {
        // Linux lets a group be joined on lo even though lo does not advertise MULTICAST; this test relies on it.
        var group = IPAddress.Parse("239.255.47.13");
        using var receiver = UdpReceiver.Multicast(group);
        var fixture = new PublishingFixture();
        await using var stream = new OutputStream(
            Options($"{group}:{receiver.Port}", o => o.MulticastInterface = "127.0.0.1"),
            fixture.Layout,
            SystemClock.Instance);
        await stream.StartAsync();

        fixture.Run(3, stream);
        var frames = await receiver.ReceiveFramesAsync(4);

        Assert.NotNull(frames[0].Config);
        for (var i = 0; i < 3; i++)
        {
            ReceivedValues.Match(fixture.Published[i], frames[i + 1].Data!);
        }

        Assert.Equal(SubscriberTransport.UdpMulticast, stream.Snapshot().Subscribers.Single().Transport);
    }

    [Fact]
    public async Task WaitingForTurnOn_SilentUntilTheCommandChannelSendsIt_ThenConfigAndData()
    {
        var fixture = new PublishingFixture();
        using var receiver = UdpReceiver.Unicast();
        await using var stream = new OutputStream(
            Options($"127.0.0.1:{receiver.Port}", o => (o.UdpCommandPort, o.UdpWaitsForTurnOn) = (0, true)),
            fixture.Layout,
            SystemClock.Instance);
        await stream.StartAsync();

        fixture.Run(3, stream);
        Assert.Equal(3, stream.Snapshot().FramesUnheard);

        await using var commands = await TestSubscriber.ConnectAsync(stream.UdpCommandEndPoint!, 40);
        var config = (await commands.RequestConfigAsync()).Config!;
        await commands.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single(s => s.Transport == SubscriberTransport.Udp).IsSending);
        fixture.Run(3, stream);
        var frames = await receiver.ReceiveFramesAsync(4);

        Assert.Equal(config.DataFrameSize, frames[0].Config!.DataFrameSize);
        for (var i = 0; i < 3; i++)
        {
            ReceivedValues.Match(fixture.Published[3 + i], frames[i + 1].Data!);
        }

        await commands.SendAsync(CommandCode.TurnOffTransmission);
        await Poll.UntilAsync(() => !stream.Snapshot().Subscribers.Single(s => s.Transport == SubscriberTransport.Udp).IsSending);
        fixture.Run(2, stream);
        var statistics = stream.Snapshot();
        Assert.Equal(5, statistics.FramesUnheard);
        var channel = statistics.Subscribers.Single(s => s.Transport == SubscriberTransport.UdpCommandChannel);
        Assert.Equal(3, channel.CommandsReceived);
        Assert.False(channel.IsSending);
    }
}
