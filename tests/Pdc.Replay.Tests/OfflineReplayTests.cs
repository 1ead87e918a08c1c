using Pdc.Capture;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Testing;

namespace Pdc.Replay.Tests;

public sealed class OfflineReplayTests
{
    private sealed class Collector : IAlignedFrameConsumer
    {
        public List<(long Index, bool[] Arrived, float[] Frequencies, float FirstMagnitude)> Frames { get; } = [];

        public void Publish(AlignedFrame frame) => Frames.Add((
            frame.ReportIndex,
            (bool[])frame.Arrived.Clone(),
            (float[])frame.Values.Frequency.Clone(),
            frame.Values.Phasors.Length > 0 ? frame.Values.Phasors[0].Magnitude : float.NaN));
    }

    private static AlignmentOptions FiftyPerSecond() => new() { FramesPerSecond = 50, LagTime = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public void FourPmuCapture_EachPmuIsADevice_AndEveryInstantAlignsAllFour()
    {
        var collector = new Collector();
        var replay = new OfflineReplay(FiftyPerSecond(), [collector]);
        using (var reader = CaptureFile.Open(SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap")))
        {
            replay.Run(reader);
        }

        Assert.Equal([61, 62, 63, 64], replay.Layout.Devices.Select(d => (int)d.IdCode));
        Assert.Equal(1342, replay.DataFrames);
        var complete = collector.Frames.Where(f => f.Arrived.All(a => a)).ToList();
        Assert.Equal(1342, complete.Count);
        Assert.Equal(complete.Count, complete.Select(f => f.Index).Distinct().Count());
        Assert.Equal(collector.Frames.Select(f => f.Index).Order(), collector.Frames.Select(f => f.Index));
    }

    [Fact]
    public void Replay_CarriesTheSameValuesAsADirectDecode()
    {
        var path = SharedFiles.Capture("C37.118_1PMU_UDP.pcap");
        var direct = new Dictionary<long, (float Frequency, float Magnitude)>();
        var grid = new ReportGrid(50);
        using (var reader = CaptureFile.Open(path))
        {
            new CaptureStreamDecoder().Run(reader, (_, _, frame) =>
            {
                if (frame.Data is { } data)
                {
                    direct[grid.Nearest(data.Timestamp, data.Config.TimeBase, out _)] = (data.Frequency[0], data.Phasors[0].Magnitude);
                }
            });
        }

        var collector = new Collector();
        using (var reader = CaptureFile.Open(path))
        {
            new OfflineReplay(FiftyPerSecond(), [collector]).Run(reader);
        }

        var arrived = collector.Frames.Where(f => f.Arrived[0]).ToList();
        Assert.Equal(356, direct.Count);
        Assert.Equal(direct.Count, arrived.Count);
        Assert.All(arrived, f => Assert.Equal(direct[f.Index], (f.Frequencies[0], f.FirstMagnitude)));
    }

    [Fact]
    public void TwoRuns_WriteByteIdenticalAlignedCaptures_ThatTsharkDissectsWithGoodCrcs()
    {
        var (first, statistics) = ReplayToBytes();
        var (second, _) = ReplayToBytes();
        Assert.Equal(first, second);
        Assert.Equal(1342, statistics.PublishedComplete);

        var path = Path.Combine(Path.GetTempPath(), $"pdc-aligned-{Guid.NewGuid():N}.pcapng");
        File.WriteAllBytes(path, first);
        try
        {
            var frames = Tshark.ReadPdml(path);
            // One CFG-2, then every published instant: the 1342 complete ones and the empty ones in short
            // pauses of the stream (transmission turned off and on again).
            Assert.Equal(1 + statistics.Published, frames.Count);
            Assert.All(frames, f => Assert.True(f.ChecksumGood, f.ToString()));
            Assert.Equal((int)FrameType.Config2, frames[0].FrameType);
            Assert.All(frames.Skip(1), f => Assert.Equal((int)FrameType.Data, f.FrameType));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Passes_RepeatTheCaptureLaterByWholeSeconds_WithTheSameValuesAndNothingLate()
    {
        const int Passes = 3;
        var path = SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap");
        var once = new Collector();
        using (var reader = CaptureFile.Open(path))
        {
            new OfflineReplay(FiftyPerSecond(), [once]).Run(reader);
        }

        var looped = new Collector();
        var replay = new OfflineReplay(FiftyPerSecond(), [looped]);
        Assert.Null(replay.Run(() => CaptureFile.Open(path), Passes));

        Assert.Equal(Passes * 1342, replay.DataFrames);
        Assert.Equal(Passes * 1342, replay.Statistics.PublishedComplete);
        Assert.All(replay.Statistics.Devices.Values, d => Assert.Equal(0, d[FrameDisposition.Late] + d[FrameDisposition.Duplicate]));
        Assert.Equal(looped.Frames.Select(f => f.Index).Order(), looped.Frames.Select(f => f.Index));

        // Each pass is the first one again, a whole number of seconds (50 instants a second) later.
        var first = once.Frames.Where(f => f.Arrived.All(a => a)).ToList();
        var complete = looped.Frames.Where(f => f.Arrived.All(a => a)).ToList();
        var shift = complete[1342].Index - first[0].Index;
        Assert.Equal(0, shift % 50);
        Assert.True(shift > first[^1].Index - first[0].Index, "the second pass overlaps the first");
        for (var pass = 0; pass < Passes; pass++)
        {
            var repeated = complete.Skip(pass * 1342).Take(1342).ToList();
            Assert.Equal(first.Select(f => f.Index + (pass * shift)), repeated.Select(f => f.Index));
            Assert.Equal(first.Select(f => (f.FirstMagnitude, f.Frequencies[1])), repeated.Select(f => (f.FirstMagnitude, f.Frequencies[1])));
        }
    }

    [Fact]
    public void Passes_StopAtADamagedFile_WithItsErrorAndWhatWasReadBeforeIt()
    {
        var bytes = File.ReadAllBytes(SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap"));
        var cut = bytes[..(bytes.Length / 2)];
        var replay = new OfflineReplay(FiftyPerSecond(), []);

        var error = replay.Run(() => CaptureFile.Open(new MemoryStream(cut)), 5);

        Assert.NotNull(error);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.InRange(replay.DataFrames, 500, 1341);
        Assert.Equal(replay.DataFrames, replay.Statistics.PublishedComplete);
    }

    private static (byte[] Bytes, AlignmentStatistics Statistics) ReplayToBytes()
    {
        using var output = new MemoryStream();
        OfflineReplay replay;
        using (var writer = new AlignedCaptureWriter(output))
        using (var reader = CaptureFile.Open(SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap")))
        {
            replay = new OfflineReplay(FiftyPerSecond(), [writer]);
            replay.Run(reader);
        }

        return (output.ToArray(), replay.Statistics);
    }
}
