using Pdc.Capture;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Testing;

namespace Pdc.Replay.Tests.Captures;

/// <summary>The captures Pdc recorded of its own demo scenarios (captures/): each replays through the engine faithfully, and repeatably.</summary>
public sealed class ProjectCaptureTests
{
    private const int FramesPerSecond = 30;
    private const long MaxCaptureBytes = 2_000_000;

    public static TheoryData<string> Recordings => [.. Files().Select(file => Path.GetFileName(file))];

    private sealed class Collector : IAlignedFrameConsumer
    {
        public Dictionary<long, string> Values { get; } = [];

        public int Incomplete { get; private set; }

        public void Publish(AlignedFrame frame)
        {
            if (!frame.IsComplete)
            {
                Incomplete++;
                return;
            }

            Values[frame.ReportIndex] = Measurements(frame.Values);
        }
    }

    [Fact]
    public void Captures_HoldEachDemoScenario_EachUnderTwoMegabytes()
    {
        var names = Files().Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.Equal(["generator-trip", "islanding", "oscillation", "overload"], names);
        Assert.All(Files(), file => Assert.InRange(new FileInfo(file).Length, 100_000, MaxCaptureBytes));
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Replay_AlignsEveryFrameWithTheValuesOfADirectDecode(string name)
    {
        var path = Path.Combine(SharedFiles.ProjectRoot, "captures", name);
        var direct = new Dictionary<long, string>();
        var grid = new ReportGrid(FramesPerSecond);
        using (var reader = CaptureFile.Open(path))
        {
            new CaptureStreamDecoder().Run(reader, (_, _, frame) =>
            {
                if (frame.Data is { } data)
                {
                    Assert.Equal(4, data.Config.Pmus.Count);
                    direct[grid.Nearest(data.Timestamp, data.Config.TimeBase, out _)] = Measurements(data);
                }
            });
            Assert.Null(reader.Error);
        }

        var collector = new Collector();
        using (var reader = CaptureFile.Open(path))
        {
            new OfflineReplay(Options(), [collector]).Run(reader);
        }

        Assert.Equal(0, collector.Incomplete);
        Assert.True(direct.Count > 1000, $"only {direct.Count} data frames decoded directly");
        Assert.Equal(direct.Count, collector.Values.Count);
        Assert.All(collector.Values, aligned => Assert.Equal(direct[aligned.Key], aligned.Value));
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void TwoOfflineRuns_WriteIdenticalBytes(string name)
    {
        var path = Path.Combine(SharedFiles.ProjectRoot, "captures", name);

        Assert.Equal(ReplayToBytes(path), ReplayToBytes(path));
    }

    private static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(SharedFiles.ProjectRoot, "captures"), "*.pcapng").Order(StringComparer.Ordinal);

    private static AlignmentOptions Options() => new() { FramesPerSecond = FramesPerSecond, LagTime = TimeSpan.FromMilliseconds(500) };

    private static byte[] ReplayToBytes(string path)
    {
        using var output = new MemoryStream();
        using (var writer = new AlignedCaptureWriter(output))
        using (var reader = CaptureFile.Open(path))
        {
            new OfflineReplay(Options(), [writer]).Run(reader);
            Assert.True(writer.FramesWritten > 0);
        }

        return output.ToArray();
    }

    /// <summary>Every measured value of every PMU (STAT aside: alignment may add its own flags).</summary>
    private static string Measurements(DataFrame data) => string.Join(
        ' ',
        string.Join(',', data.Frequency),
        string.Join(',', data.Rocof),
        string.Join(',', data.Phasors.Select(p => $"{p.Magnitude}@{p.Angle}")),
        string.Join(',', data.Analogs),
        string.Join(',', data.Digitals));
}
