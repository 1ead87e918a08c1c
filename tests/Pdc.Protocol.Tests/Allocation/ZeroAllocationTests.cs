using System.Buffers;
using Pdc.Protocol.Tests.Support;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Allocation;

/// <summary>
/// Steady-state decoding allocates nothing: measured with GC.GetAllocatedBytesForCurrentThread around 10,000
/// frames, after a warm-up that compiles the paths and sizes the reused storage.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class ZeroAllocationTests
{
    private const int Measured = 10_000;
    private const int WarmUp = 100;

    /// <summary>Two PMUs between them covering every field format, as CFG-2 and as CFG-3.</summary>
    public static TheoryData<FrameType> ConfigTypes => new() { FrameType.Config2, FrameType.Config3 };

    [Theory]
    [MemberData(nameof(ConfigTypes))]
    public void StreamDecoder_TenThousandDataFrames_AllocatesNothing(FrameType type)
    {
        var (config, stream) = Stream(type);
        var decoder = new StreamDecoder();
        var buffer = new ReadOnlySequence<byte>(stream);
        Assert.Equal(WarmUp + 1, ReadFrames(decoder, ref buffer, WarmUp + 1));

        int decoded;
        long allocated;
        using (NoGcRegion.Enter())
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            decoded = ReadFrames(decoder, ref buffer, Measured);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(Measured, decoded);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(0, allocated);
        Assert.Equal(config.DataFrameSize, decoder.Configs[config.IdCode].DataFrameSize);
    }

    [Theory]
    [MemberData(nameof(ConfigTypes))]
    public void DataFrameCodec_TryDecodeTenThousandTimes_AllocatesNothing(FrameType type)
    {
        var (config, stream) = Stream(type);
        var frame = stream.AsSpan(stream.Length - config.DataFrameSize);
        var destination = new DataFrame(config);
        for (var i = 0; i < WarmUp; i++)
        {
            DataFrameCodec.TryDecode(frame, destination);
        }

        var decoded = 0;
        long allocated;
        using (NoGcRegion.Enter())
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Measured; i++)
            {
                decoded += DataFrameCodec.TryDecode(frame, destination) == FrameRejection.None ? 1 : 0;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(Measured, decoded);
        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// Segments of 37 bytes split nearly every frame somewhere new; the reader copies each into its scratch buffer,
    /// which must be sized once, not per frame. StreamDecoder is measured the same way on top of it.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FrameReader_FramesSplitAcrossSegments_AllocatesNothing(bool throughStreamDecoder)
    {
        var (_, stream) = Stream(FrameType.Config2);
        var segmented = SegmentedSequence.Create(stream.Chunk(37).Select(c => (ReadOnlyMemory<byte>)c));
        var reader = new FrameReader();
        var decoder = new StreamDecoder();
        int Read(ref ReadOnlySequence<byte> buffer, int count) => throughStreamDecoder ? ReadFrames(decoder, ref buffer, count) : ReadFrames(reader, ref buffer, count);

        Assert.Equal(WarmUp + 1, Read(ref segmented, WarmUp + 1));
        int read;
        long allocated;
        using (NoGcRegion.Enter())
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            read = Read(ref segmented, Measured);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(Measured, read);
        Assert.True(segmented.IsEmpty);
        Assert.Equal(0, allocated);
    }

    private static int ReadFrames(StreamDecoder decoder, ref ReadOnlySequence<byte> buffer, int count)
    {
        var read = 0;
        while (read < count && decoder.TryReadFrame(ref buffer, out _) == FrameReadStatus.Frame)
        {
            read++;
        }

        return read;
    }

    private static int ReadFrames(FrameReader reader, ref ReadOnlySequence<byte> buffer, int count)
    {
        var read = 0;
        while (read < count && reader.TryReadFrame(ref buffer, out _) == FrameReadStatus.Frame)
        {
            read++;
        }

        return read;
    }

    /// <summary>A config and then WarmUp + Measured data frames for it.</summary>
    private static (ConfigFrame Config, byte[] Stream) Stream(FrameType type)
    {
        PmuConfig Pmu(string name, ushort id, DataFormat format) => type == FrameType.Config3
            ? SampleConfigs.Pmu3(name, id, format, 6, 3, 1)
            : SampleConfigs.Pmu12(name, id, format, 6, 3, 1);
        var config = SampleConfigs.Config(type, ProtocolVersion.Ieee2011, 42, Pmu("INT", 1, DataFormat.None), Pmu("FLOAT", 2, (DataFormat)0xF), Pmu("POLAR", 3, DataFormat.PolarPhasors));
        var random = new Random(1);
        var frames = Enumerable.Range(0, WarmUp + Measured).Select(_ => RawDataFrame.Build(config, random));
        return (config, Encoded.Config(config).Concat(frames.SelectMany(f => f)).ToArray());
    }
}
