using BenchmarkDotNet.Attributes;
using Pdc.Capture;
using Pdc.Replay;
using Pdc.Streaming.Alignment;

namespace Pdc.Benchmarks;

/// <summary>
/// Offline replay of the shared 4-PMU capture (1342 data frames of 456 bytes over TCP) through the
/// concentrator, from the pcap bytes in memory: pcap parsing, TCP reassembly, CRC, decode, alignment of
/// four devices. Divide the 1342 frames by the time per operation for frames per second.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private byte[] capture = [];

    [GlobalSetup]
    public void Setup() => capture = SharedCapture.Read("C37.118_4in1PMU_TCP.pcap");

    /// <summary>Reading and decoding alone, without alignment: what the concentrator adds is the difference.</summary>
    [Benchmark]
    public long DecodeFourPmuCapture()
    {
        using var reader = CaptureFile.Open(new MemoryStream(capture, writable: false));
        long frames = 0;
        new CaptureStreamDecoder().Run(reader, (_, _, frame) => frames += frame.Data is null ? 0 : 1);
        return frames;
    }

    [Benchmark]
    public long ReplayFourPmuCapture()
    {
        using var reader = CaptureFile.Open(new MemoryStream(capture, writable: false));
        var replay = new OfflineReplay(new AlignmentOptions { FramesPerSecond = 50, LagTime = TimeSpan.FromMilliseconds(200) }, []);
        replay.Run(reader);
        return replay.DataFrames;
    }
}
