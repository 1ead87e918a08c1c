using System.Buffers;
using Pdc.Protocol;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Serving;
using Pdc.Simulation.Signals;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Faults;

/// <summary>Network faults applied to a run of frames without sockets: what comes out is what a PDC would receive.</summary>
public sealed class NetworkFaultTests
{
    private const int Frames = 5_000;

    [Fact]
    public void Drop_RemovesAboutTheConfiguredShare_TheSameFramesOnEveryRun()
    {
        var settings = new FaultSettings { DropPercent = 10 };
        var (sent, statistics) = Apply(settings);
        var first = Decode(sent);
        var again = Decode(Apply(settings).Sent);

        Assert.InRange(Frames - first.Count, 450, 550);
        Assert.Equal(Frames - first.Count, statistics.FaultDrops);
        Assert.Equal(first.Select(f => f.Timestamp), again.Select(f => f.Timestamp));
    }

    [Fact]
    public void DuplicatesReordersAndBadCrcs_AreExactlyWhatADecoderFinds()
    {
        var (sent, statistics) = Apply(new FaultSettings { DuplicatePercent = 2, ReorderPercent = 2, BadCrcPercent = 1 });
        var decoder = new StreamDecoder();
        decoder.UseConfig(Model().Streams[0].LastConfig);
        var bytes = new ReadOnlySequence<byte>(sent.SelectMany(f => f).ToArray());
        var seen = new HashSet<FrameTimestamp>();
        var (duplicates, late) = (0, 0);
        var newest = default(FrameTimestamp);
        while (decoder.TryReadFrame(ref bytes, out var frame) != FrameReadStatus.NeedMoreData)
        {
            if (frame.Rejection != FrameRejection.None)
            {
                continue;
            }

            var time = frame.Data!.Timestamp;
            duplicates += seen.Add(time) ? 0 : 1;
            late += time < newest ? 1 : 0;
            newest = time > newest ? time : newest;
        }

        Assert.InRange(statistics.FaultBadCrcs, 25, 75);
        Assert.Equal(sent.Count(f => !FrameChecksum.IsValid(f)), decoder.Rejections[FrameRejection.BadCrc]);
        Assert.InRange(decoder.Rejections[FrameRejection.BadCrc], statistics.FaultBadCrcs, statistics.FaultBadCrcs + 5);
        Assert.InRange(statistics.FaultDuplicates, 50, 150);
        Assert.InRange(statistics.FaultReorders, 50, 150);

        // A corrupted frame is refused each time it is sent (twice when also duplicated), so it counts as neither.
        Assert.InRange(duplicates, statistics.FaultDuplicates - 5, statistics.FaultDuplicates);
        Assert.InRange(late, statistics.FaultReorders - 5, statistics.FaultReorders);
    }

    [Fact]
    public void Jitter_DelaysEachFrameWithinItsBound_AndVariesFromFrameToFrame()
    {
        var faults = new NetworkFaults(1, 100, new SimulatorStatistics());
        var settings = new FaultSettings { JitterMilliseconds = 20 };
        var delays = Enumerable.Range(0, 1_000).Select(i => faults.JitterNanoseconds(i, settings)).ToArray();

        Assert.All(delays, d => Assert.InRange(d, 0, 20_000_000));
        Assert.True(delays.Max() > 18_000_000 && delays.Min() < 2_000_000, "the delays spread over the whole range");
    }

    private static PmuSignalModel Model() => new(Loopback.Options(pmus: 2), ModelRun.Start);

    /// <summary>The frames the network lets through for <see cref="Frames"/> report instants, in the order they leave.</summary>
    private static (List<byte[]> Sent, SimulatorStatistics Statistics) Apply(FaultSettings settings)
    {
        var model = Model();
        var statistics = new SimulatorStatistics();
        var faults = new NetworkFaults(seed: 1, model.Streams[0].IdCode, statistics);
        var frames = new StreamFrames(model, model.Streams[0], Loopback.Options(pmus: 2));
        var sent = new List<byte[]>();
        var first = model.Schedule.IndexAtOrAfter(ModelRun.Start);
        for (var index = first; index < first + Frames; index++)
        {
            faults.Apply(index, frames.Data(model.Schedule.ToUnixNanoseconds(index)), settings, sent);
        }

        return (sent, statistics);
    }

    private static List<ReceivedFrame> Decode(List<byte[]> sent)
    {
        var collector = new FrameCollector();
        collector.Decoder.UseConfig(Model().Streams[0].LastConfig);
        return sent.SelectMany(bytes => collector.Add(bytes)).Where(f => f.Rejection == FrameRejection.None).ToList();
    }
}
