using BenchmarkDotNet.Attributes;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.Benchmarks;

/// <summary>
/// A super PDC's alignment of an upstream PDC's stream: one operation is one report instant of a 150-PMU frame
/// placed and the instant published and released, the frame whole (<see cref="AlignmentBuffer.PlaceFrame"/>)
/// or PMU by PMU. Divide by 150 for the cost per PMU.
/// </summary>
[MemoryDiagnoser]
public class StreamAlignmentBenchmarks
{
    private const int Rate = 60;
    private const int Pmus = 150;
    private readonly ManualClock clock = new();
    private readonly List<AlignedFrame> ready = new(16);
    private AlignmentBuffer buffer = null!;
    private DataFrame stream = null!;
    private long index;

    [GlobalSetup]
    public void Setup()
    {
        var config = SampleFrames.StreamConfig(Pmus, Rate);
        buffer = new AlignmentBuffer(new AlignmentOptions { FramesPerSecond = Rate, LagTime = TimeSpan.FromMilliseconds(100) }, clock);
        buffer.SetDevices([.. Enumerable.Range(0, Pmus).Select(i => DeviceSource.From(config, i))]);
        stream = new DataFrame(config);
        index = 1_767_225_600L * Rate;
    }

    [Benchmark(Baseline = true)]
    public int PmuByPmu() => AlignOneInstant(whole: false);

    [Benchmark]
    public int Whole() => AlignOneInstant(whole: true);

    private int AlignOneInstant(bool whole)
    {
        var grid = buffer.Grid;
        stream.Timestamp = grid.ToTimestamp(index, 1_000_000);
        clock.Set(grid.ToUnixNanoseconds(index) + 5_000_000);
        if (whole)
        {
            buffer.PlaceFrame(stream, clock.UtcNowNanoseconds);
        }
        else
        {
            var pmus = stream.Config.Pmus;
            for (var p = 0; p < pmus.Count; p++)
            {
                buffer.Place(pmus[p].IdCode, stream, p, clock.UtcNowNanoseconds);
            }
        }

        index++;
        return ReadyInstants.CollectAndRelease(buffer, ready);
    }
}
