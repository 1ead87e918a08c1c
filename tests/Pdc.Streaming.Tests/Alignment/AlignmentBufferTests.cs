using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Alignment;

public sealed class AlignmentBufferTests
{
    private const int Rate = 30;
    private const long Start = AlignmentFixture.Epoch / 1_000_000_000 * Rate;

    private static AlignmentFixture ThreeDevices(Action<AlignmentOptions>? configure = null)
    {
        var options = new AlignmentOptions { FramesPerSecond = Rate, LagTime = TimeSpan.FromMilliseconds(100) };
        configure?.Invoke(options);
        return new AlignmentFixture(options, (1, Rate), (2, Rate), (3, Rate));
    }

    [Fact]
    public void AllDevicesArrive_PublishedAtOnceWithTheirValues()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 5_000_000));

        Assert.Equal(FrameDisposition.Placed, f.Deliver(1, Start));
        Assert.Equal(FrameDisposition.Placed, f.Deliver(2, Start));
        Assert.Empty(f.Collect());
        Assert.Equal(FrameDisposition.Placed, f.Deliver(3, Start));

        Assert.Equal([Start], f.Collect());
        var frame = f.Ready[0];
        Assert.Equal(PublicationReason.AllArrived, frame.Reason);
        Assert.True(frame.IsComplete);
        for (var d = 0; d < 3; d++)
        {
            var id = (ushort)(d + 1);
            Assert.Equal(AlignmentFixture.ValueOf(id, Start), frame.Values.AnalogsOf(d)[0]);
            Assert.Equal(AlignmentFixture.ValueOf(id, Start) + 1, frame.Values.PhasorsOf(d)[1].Magnitude);
            Assert.Equal(0, frame.Values.Stat[d]);
        }

        Assert.Equal(new ReportGrid(Rate).ToTimestamp(Start, 1_000_000), frame.Values.Timestamp);
        Assert.Equal(1, f.Buffer.Statistics.PublishedEarly);
    }

    [Fact]
    public void DeviceMissing_PublishedWhenLagTimeRunsOut_WithDataInvalidAndNaN()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 5_000_000));
        f.Deliver(1, Start);
        f.Deliver(3, Start);

        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 99_000_000));
        Assert.Empty(f.Collect());
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 100_000_000));
        Assert.Equal([Start], f.Collect());

        var frame = f.Ready[0];
        Assert.Equal(PublicationReason.LagTimeExpired, frame.Reason);
        Assert.Equal(Stat.DataInvalidBit, frame.Values.Stat[1]);
        Assert.True(float.IsNaN(frame.Values.Frequency[1]));
        Assert.True(frame.Values.PhasorsOf(1)[0].IsMissing);
        Assert.True(float.IsNaN(frame.Values.AnalogsOf(1)[0]));
        Assert.Equal(AlignmentFixture.ValueOf(3, Start), frame.Values.AnalogsOf(2)[0]);
        Assert.Equal(1, f.Buffer.Statistics.Devices[2].Missing);
        Assert.Equal(1, f.Buffer.Statistics.PublishedAtTimeout);
    }

    [Fact]
    public void HoldLastPolicy_MissingDeviceCarriesItsLastValuesFlaggedModified()
    {
        var f = ThreeDevices(o => o.MissingData = MissingDataPolicy.HoldLast);
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 1_000_000));
        foreach (ushort id in new ushort[] { 1, 2, 3 })
        {
            f.Deliver(id, Start);
        }

        f.Collect();
        f.ReleaseAll();
        f.Clock.Set(AlignmentFixture.TimeOf(Start + 1, Rate, 1_000_000));
        f.Deliver(1, Start + 1);
        f.Deliver(3, Start + 1);
        f.Clock.Set(AlignmentFixture.TimeOf(Start + 1, Rate, 200_000_000));

        Assert.Equal([Start + 1], f.Collect());
        var frame = f.Ready[0];
        Assert.Equal(AlignmentFixture.ValueOf(2, Start), frame.Values.AnalogsOf(1)[0]);
        Assert.Equal(Stat.DataModifiedBit, frame.Values.Stat[1] & Stat.DataModifiedBit);
        Assert.Equal(0, frame.Values.Stat[1] & Stat.DataInvalidBit);
        Assert.Equal(1, f.Buffer.Statistics.Devices[2].Held);
    }

    [Fact]
    public void LaterInstantComplete_WaitsForTheEarlierOne_SoFramesLeaveInOrder()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start + 1, Rate, 1_000_000));
        f.Deliver(1, Start);
        foreach (ushort id in new ushort[] { 1, 2, 3 })
        {
            f.Deliver(id, Start + 1);
        }

        Assert.Empty(f.Collect());
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 100_000_000));
        Assert.Equal([Start, Start + 1], f.Collect());
        Assert.Equal(PublicationReason.LagTimeExpired, f.Ready[0].Reason);
        Assert.Equal(PublicationReason.AllArrived, f.Ready[1].Reason);
    }

    [Fact]
    public void FrameForPublishedInstant_IsLateAndCounted()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 1_000_000));
        f.Deliver(1, Start);
        f.Deliver(2, Start);
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 150_000_000));
        f.Collect();

        Assert.Equal(FrameDisposition.Late, f.Deliver(3, Start));
        Assert.Equal(1, f.Buffer.Statistics.Devices[3][FrameDisposition.Late]);
    }

    [Fact]
    public void SameInstantTwice_DeliveredOnce()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 1_000_000));

        Assert.Equal(FrameDisposition.Placed, f.Deliver(1, Start));
        Assert.Equal(FrameDisposition.Duplicate, f.Deliver(1, Start));
        Assert.Equal(1, f.Buffer.Statistics.Devices[1][FrameDisposition.Duplicate]);
    }

    [Fact]
    public void FrameStampedBeyondLeadTime_IsRefused()
    {
        var f = ThreeDevices(o => o.LeadTime = TimeSpan.FromMilliseconds(500));
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate));

        Assert.Equal(FrameDisposition.TooEarly, f.Deliver(1, Start + 16));
        Assert.Equal(FrameDisposition.Placed, f.Deliver(1, Start + 15));
    }

    [Fact]
    public void TimestampJitterWithinTolerance_SnapsToTheReportInstant_BeyondIsOffGrid()
    {
        var f = ThreeDevices(o => o.TimestampTolerance = TimeSpan.FromMilliseconds(2));
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 10_000_000));

        Assert.Equal(FrameDisposition.Placed, f.Deliver(1, Start, jitterNanoseconds: 1_500_000));
        Assert.Equal(FrameDisposition.Placed, f.Deliver(2, Start, jitterNanoseconds: -1_900_000));
        Assert.Equal(FrameDisposition.OffGrid, f.Deliver(3, Start, jitterNanoseconds: 3_000_000));
        Assert.Equal(1, f.Buffer.Statistics.Devices[3][FrameDisposition.OffGrid]);
    }

    [Fact]
    public void InstantNoDeviceReported_BetweenOthers_IsPublishedAllMissing()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start + 2, Rate, 1_000_000));
        foreach (ushort id in new ushort[] { 1, 2, 3 })
        {
            f.Deliver(id, Start);
            f.Deliver(id, Start + 2);
        }

        f.Clock.Set(AlignmentFixture.TimeOf(Start + 1, Rate, 100_000_000));
        Assert.Equal([Start, Start + 1, Start + 2], f.Collect());
        Assert.Equal(0, f.Ready[1].ArrivedCount);
        Assert.All(f.Ready[1].Values.Stat, s => Assert.Equal(Stat.DataInvalidBit, s));
        Assert.Equal(1, f.Buffer.Statistics.PublishedEmpty);
    }

    [Theory]
    [InlineData(TimeQualityPolicy.Accept, FrameDisposition.Placed, 0)]
    [InlineData(TimeQualityPolicy.SortByArrival, FrameDisposition.Placed, Stat.SortByArrivalBit)]
    [InlineData(TimeQualityPolicy.Reject, FrameDisposition.BadTimeQuality, 0)]
    public void UnlockedClock_HandledByPolicy(TimeQualityPolicy policy, FrameDisposition expected, int sortBit)
    {
        var f = ThreeDevices(o => o.TimeQuality = policy);
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 1_000_000));
        f.Deliver(1, Start);
        f.Deliver(2, Start);

        Assert.Equal(expected, f.Deliver(3, Start, timeQuality: 0x0B));
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 200_000_000));
        f.Collect();
        if (expected == FrameDisposition.Placed)
        {
            Assert.Equal(sortBit, f.Ready[0].Values.Stat[2] & Stat.SortByArrivalBit);
        }
        else
        {
            Assert.Equal(Stat.DataInvalidBit, f.Ready[0].Values.Stat[2]);
        }
    }

    [Fact]
    public void UnknownIdCode_IsCountedNotPlaced()
    {
        var f = ThreeDevices();
        var stranger = new AlignmentFixture(new AlignmentOptions { FramesPerSecond = Rate }, (9, Rate));

        Assert.Equal(FrameDisposition.UnknownDevice, f.Buffer.Place(9, stranger.FrameFor(9, Start), 0, f.Clock.UtcNowNanoseconds));
        Assert.Equal(1, f.Buffer.Statistics.UnknownDeviceFrames);
    }

    [Fact]
    public void DeviceConfigChange_NewLayoutForNewInstants()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 1_000_000));
        var generation = f.Buffer.Layout.Generation;

        f.Buffer.UpdateDevice(new DeviceSource(AlignmentFixture.Pmu(2, phasors: 3), Rate, 1_000_000));

        Assert.Equal(generation + 1, f.Buffer.Layout.Generation);
        Assert.Equal(3, f.Buffer.Layout.Config.Pmus[1].Phasors.Count);
        Assert.Equal(FrameDisposition.ShapeMismatch, f.Deliver(2, Start));
    }

    [Fact]
    public void SameDevicesDescribedAgain_KeepTheLayout()
    {
        var f = ThreeDevices();
        var generation = f.Buffer.Layout.Generation;

        f.Buffer.SetDevices([.. f.Sources.Select(s => s with { Config = s.Config with { StationName = s.Config.StationName } })]);
        f.Buffer.UpdateDevice(f.Sources[1] with { });

        Assert.Equal(generation, f.Buffer.Layout.Generation);
    }

    [Fact]
    public void LongSilenceThenData_SkipsTheGapInsteadOfPublishingIt()
    {
        var f = ThreeDevices();
        f.Clock.Set(AlignmentFixture.TimeOf(Start, Rate, 1_000_000));
        f.Deliver(1, Start);
        var later = Start + (Rate * 3600);
        f.Clock.Set(AlignmentFixture.TimeOf(later, Rate, 1_000_000));

        Assert.Equal(FrameDisposition.Placed, f.Deliver(1, later));
        var published = f.Collect();
        Assert.Equal(Start, published[0]);
        Assert.True(published.Count < 60, $"published {published.Count} frames for an hour of silence");
        Assert.True(f.Buffer.Statistics.SkippedInstants > 0);
    }

    [Fact]
    public void SameSocAndFracsecUnderDifferentTimeBases_LandOnDifferentInstants()
    {
        // FRACSEC 500 is half a second at TIME_BASE 1000 but half a millisecond at 1,000,000: the same fields,
        // placed one after the other, must not share the first one's instant.
        var clock = new ManualClock(AlignmentFixture.Epoch + 1_000_000_000);
        var buffer = new AlignmentBuffer(new AlignmentOptions { FramesPerSecond = Rate, LagTime = TimeSpan.FromMilliseconds(100) }, clock);
        var coarse = new DeviceSource(AlignmentFixture.Pmu(1), Rate, 1000);
        var fine = new DeviceSource(AlignmentFixture.Pmu(2), Rate, 1_000_000);
        buffer.SetDevices([coarse, fine]);
        var time = FrameTimestamp.Create((uint)(AlignmentFixture.Epoch / 1_000_000_000), 500);
        DataFrame FrameOf(DeviceSource source) =>
            new(new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, source.IdCode, default, source.TimeBase, [source.Config], Rate)) { Timestamp = time };

        Assert.Equal(FrameDisposition.Placed, buffer.Place(2, FrameOf(fine), 0, clock.UtcNowNanoseconds));
        Assert.Equal(FrameDisposition.Placed, buffer.Place(1, FrameOf(coarse), 0, clock.UtcNowNanoseconds));
        clock.Advance(2_000_000_000);
        var ready = new List<AlignedFrame>();
        buffer.CollectReady(ready);

        Assert.Equal([true, false], ready.Single(f => f.ReportIndex == Start + (Rate / 2)).Arrived);
        Assert.Equal([false, true], ready.Single(f => f.ReportIndex == Start).Arrived);
    }

    [Fact]
    public void SteadyState_AllocatesNothingPerFrame()
    {
        var f = ThreeDevices();
        void Run(long from, int count)
        {
            for (var k = from; k < from + count; k++)
            {
                f.Clock.Set(AlignmentFixture.TimeOf(k, Rate, 2_000_000));
                f.Deliver(1, k);
                f.Deliver(2, k);
                f.Deliver(3, k);
                f.Buffer.CollectReady(f.Ready);
                f.ReleaseAll();
            }
        }

        Run(Start, 200);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(Start + 200, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_200, f.Buffer.Statistics.PublishedComplete);
    }
}
