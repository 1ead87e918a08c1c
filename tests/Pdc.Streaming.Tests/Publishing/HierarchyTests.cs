using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>
/// A regional PDC's output stream is the input of a super PDC: decoded by our own decoder from TCP, aligned again
/// and published again, every value arrives where it started (the ingest layer is left out: the test decodes).
/// </summary>
public sealed class HierarchyTests
{
    private const int Frames = 40;

    [Fact]
    public async Task RegionalStreamFeedingASuperPdc_EveryFrameArrivesWithTheRegionalValues()
    {
        // Every seventh instant SOUTH misses its deadline: STAT bit 15 and NaN must travel both levels too. Floats
        // throughout, so that nothing is rounded on the way and every value must arrive exactly.
        var regional = new PublishingFixture(missingEvery: 7);
        await using var regionalStream = new OutputStream(
            new OutputStreamOptions { IdCode = 100, ListenAddress = "127.0.0.1", TcpPort = 0, NumberFormat = OutputNumberFormat.Float },
            regional.Layout,
            SystemClock.Instance);
        await regionalStream.StartAsync();
        await using var superInput = await TestSubscriber.ConnectAsync(regionalStream.TcpEndPoint!, 100);
        var regionalConfig = (await superInput.RequestConfigAsync(CommandCode.SendConfig3)).Config!;
        await superInput.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => regionalStream.Snapshot().Subscribers.Single().IsSending);

        var superClock = new ManualClock(PublishingFixture.Epoch);
        var super = new AlignmentBuffer(new AlignmentOptions { IdCode = 2, FramesPerSecond = 30, LagTime = TimeSpan.FromMilliseconds(20) }, superClock);
        super.SetDevices(Enumerable.Range(0, regionalConfig.Pmus.Count).Select(i => DeviceSource.From(regionalConfig, i)).ToArray());
        await using var superStream = new OutputStream(
            new OutputStreamOptions { IdCode = 200, ListenAddress = "127.0.0.1", TcpPort = 0 },
            super.Layout,
            SystemClock.Instance);
        await superStream.StartAsync();
        await using var analytics = await TestSubscriber.ConnectAsync(superStream.TcpEndPoint!, 200);
        await analytics.RequestConfigAsync();
        await analytics.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => superStream.Snapshot().Subscribers.Single().IsSending);

        regional.Run(Frames, regionalStream);
        var ready = new List<AlignedFrame>();
        foreach (var frame in await superInput.ReadDataAsync(Frames))
        {
            var data = frame.Data!;
            superClock.Set(data.Timestamp.ToUnixNanoseconds(data.Config.TimeBase) + 5_000_000);
            for (var p = 0; p < data.Config.Pmus.Count; p++)
            {
                Assert.Equal(FrameDisposition.Placed, super.Place(data.Config.Pmus[p].IdCode, data, p, superClock.UtcNowNanoseconds));
            }

            ready.Clear();
            super.CollectReady(ready);
            superStream.Publish(Assert.Single(ready));
            super.Release(ready[0]);
        }

        var received = await analytics.ReadDataAsync(Frames);

        Assert.Equal(200, received[0].IdCode);
        Assert.Equal(["NORTH", "EAST", "SOUTH"], received[0].Data!.Config.Pmus.Select(p => p.StationName));
        for (var k = 0; k < Frames; k++)
        {
            ReceivedValues.Match(regional.Published[k], received[k].Data!);
        }

        Assert.InRange(received.Count(f => f.Data!.Stat[2] == Stat.DataInvalidBit), Frames / 7, (Frames / 7) + 1);
    }
}
