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
    private readonly ArrayBufferWriter<byte> output = new(512);
    private byte[] fourPmuFrame = [];
    private DataFrame fourPmuData = null!;
    private DataFrame streamData = null!;

    [GlobalSetup]
    public void Setup()
    {
        config = SampleFrames.OnePmuConfig();
        data = SampleFrames.OnePmuData(config);
        frame = SampleFrames.Encode(data);
        (fourPmuFrame, fourPmuData) = SampleFrames.FirstDataFrameOf("C37.118_4in1PMU_TCP.pcap");

        // The captured values, polar as sent, for the encode benchmark (which would otherwise convert zeros).
        DataFrameCodec.TryDecode(fourPmuFrame, fourPmuData);

        // An output stream's frame: 150 PMUs with the 1-PMU frame's phasors (15,016 B).
        var stream = SampleFrames.StreamConfig(150, 60);
        streamData = new DataFrame(stream);
        for (var pmu = 0; pmu < 150; pmu++)
        {
            data.Phasors.CopyTo(streamData.PhasorsOf(pmu));
        }
    }

    /// <summary>FrameReader (SYNC, FRAMESIZE, CRC) then DataFrameCodec.TryDecode.</summary>
    [Benchmark]
    public FrameRejection ReadAndDecodeOnePmu()
    {
        var buffer = new ReadOnlySequence<byte>(frame);
        reader.TryReadFrame(ref buffer, out var raw);
        return DataFrameCodec.TryDecode(raw.Bytes, data);
    }

    /// <summary>The 456-byte frame of the shared capture: 4 PMUs, 45 float polar phasors, 12 analogs, 4 digital words.</summary>
    [Benchmark]
    public FrameRejection ReadAndDecodeFourPmuCapturedFrame()
    {
        var buffer = new ReadOnlySequence<byte>(fourPmuFrame);
        reader.TryReadFrame(ref buffer, out var raw);
        return DataFrameCodec.TryDecode(raw.Bytes, fourPmuData);
    }

    [Benchmark]
    public int EncodeOnePmu()
    {
        output.ResetWrittenCount();
        return DataFrameCodec.Write(output, data);
    }

    /// <summary>An output stream's 150-PMU frame, as the concentrator serializes it once per stream and instant.</summary>
    [Benchmark]
    public int EncodeStreamFrame()
    {
        output.ResetWrittenCount();
        return DataFrameCodec.Write(output, streamData);
    }

    /// <summary>The shared capture's 4-PMU frame written back: what an output stream does per PMU block.</summary>
    [Benchmark]
    public int EncodeFourPmuCapturedFrame()
    {
        output.ResetWrittenCount();
        return DataFrameCodec.Write(output, fourPmuData);
    }
}
