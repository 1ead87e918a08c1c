using System.Buffers;
using System.Buffers.Binary;
using Pdc.Protocol.Tests.Support;

namespace Pdc.Protocol.Tests.Properties;

/// <summary>
/// A config frame with a good CHK whose counts promise more than its bytes hold is refused as Malformed before
/// anything is sized by those counts: the refusal allocates a few hundred bytes, not PHNMR × anything.
/// </summary>
public sealed class LyingCountTests
{
    private const long AllocationBudget = 2048;

    // Offsets in the first PMU block: CFG-1/2 after SYNC..FRACSEC (14), TIME_BASE (4), NUM_PMU (2), STN (16), IDCODE, FORMAT.
    private const int NumPmu12 = 18;
    private const int Phnmr12 = 40;

    // CFG-3 after the header, CONT_IDX (2) and TIME_BASE (4); STN is length-prefixed, 1 byte long in the sample below.
    private const int NumPmu3 = 20;
    private const int StationLength3 = 22;
    private const int Phnmr3 = 22 + 2 + 2 + 16 + 2;

    public static TheoryData<FrameType, int> LyingFields => new()
    {
        { FrameType.Config2, NumPmu12 },
        { FrameType.Config2, Phnmr12 },
        { FrameType.Config2, Phnmr12 + 2 },
        { FrameType.Config2, Phnmr12 + 4 },
        { FrameType.Config1, Phnmr12 },
        { FrameType.Config3, NumPmu3 },
        { FrameType.Config3, Phnmr3 },
        { FrameType.Config3, Phnmr3 + 2 },
        { FrameType.Config3, Phnmr3 + 4 },
    };

    [Theory]
    [MemberData(nameof(LyingFields))]
    public void ConfigFrame_CountOf65535_IsMalformedWithoutLargeAllocation(FrameType type, int offset)
    {
        var frame = Sample(type);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), ushort.MaxValue);
        ReferenceCrc.Seal(frame);
        AssertRefusedCheaply(frame);
    }

    [Fact]
    public void Config3_NameLongerThanTheFrame_IsMalformedWithoutLargeAllocation()
    {
        var frame = Sample(FrameType.Config3);
        frame[StationLength3] = byte.MaxValue;
        ReferenceCrc.Seal(frame);
        AssertRefusedCheaply(frame);
    }

    [Fact]
    public void StreamDecoder_LyingConfig_CountsItMalformedAndGoesOn()
    {
        var lying = Sample(FrameType.Config2);
        BinaryPrimitives.WriteUInt16BigEndian(lying.AsSpan(Phnmr12), ushort.MaxValue);
        ReferenceCrc.Seal(lying);
        var good = Sample(FrameType.Config2);
        var decoder = new StreamDecoder();
        var outcome = StreamOutcome.Decode(new ReadOnlySequence<byte>([.. lying, .. good]), decoder);
        Assert.Equal(1, decoder.Rejections[FrameRejection.Malformed]);
        Assert.StartsWith("Config2", outcome[1], StringComparison.Ordinal);
        Assert.Single(decoder.Configs);
    }

    private static void AssertRefusedCheaply(byte[] frame)
    {
        // Once to compile the paths, then measured.
        ConfigFrameReader.TryRead(frame, out _);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejection = ConfigFrameReader.TryRead(frame, out var config);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(FrameRejection.Malformed, rejection);
        Assert.Null(config);
        Assert.True(allocated < AllocationBudget, $"{allocated} bytes allocated to refuse the frame");
    }

    private static byte[] Sample(FrameType type)
    {
        var pmu = type == FrameType.Config3
            ? SampleConfigs.Pmu3("S", 5, DataFormat.None, 2, 1, 1)
            : SampleConfigs.Pmu12("S", 5, DataFormat.None, 2, 1, 1);
        var bytes = Encoded.Config(SampleConfigs.Config(type, ProtocolVersion.Ieee2011, 5, pmu));
        Assert.Equal(FrameRejection.None, ConfigFrameReader.TryRead(bytes, out _));
        return bytes;
    }
}
