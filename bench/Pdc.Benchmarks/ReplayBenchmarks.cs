using BenchmarkDotNet.Attributes;
using Pdc.Capture;
using Pdc.Replay;
using Pdc.Streaming.Alignment;

namespace Pdc.Benchmarks;

/// <summary>
/// Offline replay of the shared 4-PMU capture (1342 data frames of 456 bytes over TCP) through the
/// concentrator, from the pcap bytes in memory (read in place, as <c>pdc replay --passes</c> reads a file it has
/// loaded once): pcap parsing, TCP reassembly, CRC, decode, alignment of
/// four devices. The looped case replays it <see cref="Passes"/> times back to back, as <c>pdc replay --passes</c>
/// does: each pass opens the capture again, but the replay, its alignment and its streams' decoders are set up once,
/// so the figure is the steady rate rather than the cost of learning a capture. Every row is per data frame
/// (OperationsPerInvoke): frames per second is one second over it.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ReplayBenchmarks
{
    public const int Passes = 20;
    private const int FramesPerPass = 1342;

    private byte[] capture = [];

    [GlobalSetup]
    public void Setup() => capture = SharedCapture.Read("C37.118_4in1PMU_TCP.pcap");

    /// <summary>Reading and decoding alone, without alignment: what the concentrator adds is the difference.</summary>
    [Benchmark(OperationsPerInvoke = FramesPerPass)]
    public long DecodeFourPmuCapture()
    {
        using var reader = Open();
        long frames = 0;
        new CaptureStreamDecoder().Run(reader, (_, _, frame) => frames += frame.Data is null ? 0 : 1);
        return frames;
    }

    /// <summary>One pass, including opening the file and learning its streams.</summary>
    [Benchmark(OperationsPerInvoke = FramesPerPass)]
    public long ReplayFourPmuCapture()
    {
        using var reader = Open();
        var replay = NewReplay();
        replay.Run(reader);
        return replay.DataFrames;
    }

    [Benchmark(OperationsPerInvoke = FramesPerPass * Passes)]
    public long ReplayFourPmuCaptureLooped()
    {
        var replay = NewReplay();
        replay.Run(Open, Passes);
        return replay.DataFrames;
    }

    private static OfflineReplay NewReplay() =>
        new(new AlignmentOptions { FramesPerSecond = 50, LagTime = TimeSpan.FromMilliseconds(200) }, []);

    private CaptureReader Open() => CaptureFile.Open(capture.AsMemory());
}
