using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Alignment;

/// <summary>
/// A multi-PMU frame placed at once must align exactly as its PMU blocks placed one by one: the same published
/// instants, values, flags and per-device counts, through jitter, drops, duplicates, reordering, late and early
/// frames, bad time quality and off-grid stamps, whether its PMUs can be copied as one block or not.
/// </summary>
public sealed class PlaceFrameTests
{
    private const int Rate = 30;
    private const ushort StreamId = 100;
    private static readonly ushort[] FramePmus = [1, 2, 3];

    public static TheoryData<ushort[], TimeQualityPolicy> Layouts => new()
    {
        { [1, 2, 3], TimeQualityPolicy.Accept },
        { [9, 1, 2, 3], TimeQualityPolicy.SortByArrival },
        { [2, 1, 3], TimeQualityPolicy.Reject },
        { [1, 2], TimeQualityPolicy.Accept },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void WholeFrame_AlignsAsItsPmusOneByOne(ushort[] layout, TimeQualityPolicy timeQuality)
    {
        var config = new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, StreamId, default, 1_000_000, FramePmus.Select(Pmu).ToArray(), Rate);
        var devices = layout.Select(id => FramePmus.Contains(id) ? DeviceSource.From(config, Array.IndexOf(FramePmus, id)) : new DeviceSource(Pmu(id), Rate, 1_000_000)).ToArray();
        var options = new AlignmentOptions
        {
            FramesPerSecond = Rate,
            LagTime = TimeSpan.FromMilliseconds(100),
            LeadTime = TimeSpan.FromMilliseconds(500),
            TimestampTolerance = TimeSpan.FromMilliseconds(1),
            TimeQuality = timeQuality,
        };
        var whole = new Side(options, devices);
        var byPmu = new Side(options, devices);
        var frame = new DataFrame(config);
        var random = new Random(7);
        var start = AlignmentFixture.Epoch / 1_000_000_000 * Rate;
        var blocksPlaced = 0;

        for (var step = 0; step < 3_000; step++)
        {
            var now = AlignmentFixture.TimeOf(start + step, Rate, 4_000_000 + random.Next(3_000_000));
            whole.Clock.Set(now);
            byPmu.Clock.Set(now);
            var index = start + step + Disturbance(random);
            Fill(frame, index, random);

            blocksPlaced += whole.Buffer.PlaceFrame(frame, now);
            for (var pmu = 0; pmu < FramePmus.Length; pmu++)
            {
                byPmu.Buffer.Place(FramePmus[pmu], frame, pmu, now);
            }

            Assert.Equal(byPmu.Collect(), whole.Collect());
        }

        Assert.True(blocksPlaced > 2_000 * layout.Count(FramePmus.Contains), $"only {blocksPlaced} PMU blocks placed");
        Assert.Equal(Counts(byPmu.Buffer, layout), Counts(whole.Buffer, layout));
        Assert.True(byPmu.Buffer.Statistics.Published > 2_900);
    }

    /// <summary>Mostly on time; now and then a frame from the past, the future, twice, or off the grid.</summary>
    private static long Disturbance(Random random) => random.Next(100) switch
    {
        < 3 => -random.Next(1, 8),
        < 5 => random.Next(1, 30),
        _ => 0,
    };

    private static void Fill(DataFrame frame, long index, Random random)
    {
        var offGrid = random.Next(100) < 2 ? 3_000_000 : 0;
        var degraded = random.Next(100) < 2;
        frame.Timestamp = FrameTimestamp.FromUnixNanoseconds(
            AlignmentFixture.TimeOf(index, Rate, offGrid), 1_000_000, new TimeQuality(degraded ? (byte)0x0B : (byte)0));
        for (var pmu = 0; pmu < FramePmus.Length; pmu++)
        {
            var value = AlignmentFixture.ValueOf(FramePmus[pmu], index);
            frame.Stat[pmu] = random.Next(100) < 2 ? Stat.SyncErrorBit : (ushort)0;
            frame.Frequency[pmu] = 60f + (value / 1e6f);
            frame.Rocof[pmu] = value / 1e3f;
            var phasors = frame.PhasorsOf(pmu);
            for (var i = 0; i < phasors.Length; i++)
            {
                phasors[i] = Phasor.FromPolar(value + i, 0.25f * i);
            }

            frame.AnalogsOf(pmu)[0] = -value;
            frame.DigitalsOf(pmu)[0] = (ushort)(index & 0xFFFF);
        }
    }

    private static PmuConfig Pmu(ushort idCode) => AlignmentFixture.Pmu(idCode, phasors: idCode + 1);

    private static string Counts(AlignmentBuffer buffer, ushort[] layout) =>
        string.Join("; ", layout.Select(id =>
        {
            var counters = buffer.Statistics.For(id);
            return $"{id}: " + string.Join(",", Enum.GetValues<FrameDisposition>().Select(d => counters[d])) + $" missing {counters.Missing}";
        }))
        + $"; published {buffer.Statistics.Published}, complete {buffer.Statistics.PublishedComplete}, early {buffer.Statistics.PublishedEarly}";

    private sealed class Side
    {
        private readonly List<AlignedFrame> ready = [];

        public Side(AlignmentOptions options, DeviceSource[] devices)
        {
            Clock = new ManualClock(AlignmentFixture.Epoch);
            Buffer = new AlignmentBuffer(options, Clock);
            Buffer.SetDevices(devices);
        }

        public ManualClock Clock { get; }

        public AlignmentBuffer Buffer { get; }

        /// <summary>What was published now, written out in full (values, STAT, arrivals, reason).</summary>
        public List<string> Collect()
        {
            Buffer.CollectReady(ready);
            var published = ready.Select(Describe).ToList();
            foreach (var frame in ready)
            {
                Buffer.Release(frame);
            }

            ready.Clear();
            return published;
        }

        private static string Describe(AlignedFrame frame)
        {
            var values = frame.Values;
            return $"{frame.ReportIndex} {frame.Reason} {values.Timestamp} arrived [{string.Join(",", frame.Arrived)}] "
                + $"stat [{string.Join(",", values.Stat)}] f [{string.Join(",", values.Frequency)}] rocof [{string.Join(",", values.Rocof)}] "
                + $"phasors [{string.Join(",", values.Phasors)}] analogs [{string.Join(",", values.Analogs)}] digitals [{string.Join(",", values.Digitals)}]";
        }
    }
}
