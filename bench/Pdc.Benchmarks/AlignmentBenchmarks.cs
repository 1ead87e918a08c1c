using BenchmarkDotNet.Attributes;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.Benchmarks;

/// <summary>
/// The concentrator's alignment: one operation is one report instant, every device's frame placed into its
/// slot and the complete instant published and released. Divide by the device count for the cost per
/// input frame; the allocation column is per aligned frame.
/// </summary>
[MemoryDiagnoser]
public class AlignmentBenchmarks
{
    private const int Rate = 60;
    private readonly ManualClock clock = new();
    private readonly List<AlignedFrame> ready = new(16);
    private AlignmentBuffer buffer = null!;
    private DataFrame[] frames = [];
    private ushort[] idCodes = [];
    private long index;

    [Params(100, 1000)]
    public int Devices { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var config = SampleFrames.OnePmuConfig();
        var sources = Enumerable.Range(1, Devices)
            .Select(i => new DeviceSource(config.Pmus[0] with { IdCode = (ushort)i, StationName = $"PMU {i}" }, Rate, config.TimeBase))
            .ToArray();
        buffer = new AlignmentBuffer(new AlignmentOptions { FramesPerSecond = Rate, LagTime = TimeSpan.FromMilliseconds(100) }, clock);
        buffer.SetDevices(sources);
        idCodes = [.. sources.Select(s => s.IdCode)];
        frames = [.. sources.Select(s => SampleFrames.OnePmuData(new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, s.IdCode, default, s.TimeBase, [s.Config], Rate)))];
        index = 1_767_225_600L * Rate;
    }

    [Benchmark]
    public int AlignOneInstant()
    {
        var grid = buffer.Grid;
        var time = grid.ToTimestamp(index, 1_000_000);
        clock.Set(grid.ToUnixNanoseconds(index) + 5_000_000);
        for (var d = 0; d < frames.Length; d++)
        {
            frames[d].Timestamp = time;
            buffer.Place(idCodes[d], frames[d], 0, clock.UtcNowNanoseconds);
        }

        index++;
        return ReadyInstants.CollectAndRelease(buffer, ready);
    }
}
