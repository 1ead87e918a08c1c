using System.Buffers;
using BenchmarkDotNet.Attributes;
using Pdc.Protocol;

namespace Pdc.Benchmarks;

/// <summary>
/// The data-frame hot path: cut one frame from a buffer, check its CRC, decode it into reused storage;
/// and the reverse. One operation is one frame.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly FrameReader reader = new();
    private ConfigFrame config = null!;
    private DataFrame data = null!;
    private byte[] frame = [];
    private readonly ArrayBufferWriter<byte> output = new(256);

    [GlobalSetup]
    public void Setup()
    {
        config = SampleFrames.OnePmuConfig();
        data = SampleFrames.OnePmuData(config);
        frame = SampleFrames.Encode(data);
    }

    /// <summary>FrameReader (SYNC, FRAMESIZE, CRC) then DataFrameCodec.TryDecode.</summary>
    [Benchmark]
    public FrameRejection ReadAndDecodeOnePmu()
    {
        var buffer = new ReadOnlySequence<byte>(frame);
        reader.TryReadFrame(ref buffer, out var raw);
        return DataFrameCodec.TryDecode(raw.Bytes, data);
    }

    [Benchmark]
    public int EncodeOnePmu()
    {
        output.ResetWrittenCount();
        return DataFrameCodec.Write(output, data);
    }
}
