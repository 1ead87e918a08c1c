using Pdc.Protocol.Tests.Support;

namespace Pdc.Protocol.Tests.Wireshark;

/// <summary>Data frames we encode in every format, judged by tshark; each test runs tshark once over all its frames.</summary>
public sealed class EmittedDataFrameTests
{
    private const int FramesPerConfig = 4;

    public static TheoryData<FrameType, ProtocolVersion> ConfigKinds => new()
    {
        { FrameType.Config2, ProtocolVersion.Ieee2005 },
        { FrameType.Config2, ProtocolVersion.Ieee2011 },
        { FrameType.Config3, ProtocolVersion.Ieee2011 },
    };

    [Theory]
    [MemberData(nameof(ConfigKinds))]
    public void DataFrames_EveryFormat_TsharkShowsTheValuesWeEncoded(FrameType configType, ProtocolVersion version)
    {
        var random = new Random((int)configType * 10 + (int)version);
        var stream = new EmittedStream();
        foreach (var format in SampleConfigs.AllFormats)
        {
            var idCode = (ushort)(100 + (int)format);
            var fnom = (int)format % 2 == 0 ? 60 : 50;
            var pmu = configType == FrameType.Config3
                ? SampleConfigs.Pmu3($"F{(int)format} station", idCode, format, 4, 2, 1, fnom)
                : SampleConfigs.Pmu12($"F{(int)format} STN", idCode, format, 4, 2, 1, fnom);
            AddStream(stream, SampleConfigs.Config(configType, version, idCode, pmu), random);
        }

        stream.Verify();
        Assert.Equal(SampleConfigs.AllFormats.Count * (FramesPerConfig + 1), stream.Count);
    }

    [Theory]
    [MemberData(nameof(ConfigKinds))]
    public void DataFrames_ThreePmusOfDifferentFormats_TsharkShowsEachPmuBlock(FrameType configType, ProtocolVersion version)
    {
        var random = new Random(7 + (int)version);
        var stream = new EmittedStream();
        foreach (var (first, second, third) in new[]
        {
            (DataFormat.None, DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency, DataFormat.FloatAnalogs),
            (DataFormat.FloatPhasors, DataFormat.PolarPhasors | DataFormat.FloatFrequency, DataFormat.PolarPhasors | DataFormat.FloatPhasors),
        })
        {
            PmuConfig Pmu(string name, ushort id, DataFormat format, int phasors, int analogs, int digitals) => configType == FrameType.Config3
                ? SampleConfigs.Pmu3(name, id, format, phasors, analogs, digitals)
                : SampleConfigs.Pmu12(name, id, format, phasors, analogs, digitals);

            // Channel counts differ too, including none at all, so that every block boundary is exercised.
            var config = SampleConfigs.Config(configType, version, (ushort)(900 + (int)first), Pmu("NORTH", 61, first, 3, 0, 1), Pmu("EAST", 62, second, 14, 8, 1), Pmu("SOUTH", 63, third, 0, 4, 2));
            AddStream(stream, config, random);
        }

        stream.Verify();
        Assert.Equal(2 * (FramesPerConfig + 1), stream.Count);
    }

    private static void AddStream(EmittedStream stream, ConfigFrame config, Random random)
    {
        stream.AddConfig(config);
        for (var k = 0; k < FramesPerConfig; k++)
        {
            // Time quality and fractions vary too; FRACSEC stays below TIME_BASE.
            var timestamp = FrameTimestamp.Create(1_700_000_000u + (uint)k, (uint)random.Next((int)config.TimeBase), new TimeQuality((byte)(k * 0x13)));
            stream.AddData(SampleData.Create(config, random, timestamp));
        }
    }
}
