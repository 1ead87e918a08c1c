using Pdc.Protocol.Tests.Support;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Wireshark;

/// <summary>Configuration frames we encode, judged field by field by tshark.</summary>
public sealed class EmittedConfigFrameTests
{
    [Fact]
    public void Config1And2_BothVersionsSeveralPmus_TsharkShowsEveryFieldWeEncoded()
    {
        var stream = new EmittedStream();
        foreach (var version in new[] { ProtocolVersion.Ieee2005, ProtocolVersion.Ieee2011 })
        {
            foreach (var type in new[] { FrameType.Config1, FrameType.Config2 })
            {
                var pmus = new[]
                {
                    SampleConfigs.Pmu12("SUBSTATION ALPHA", 1, DataFormat.None, 3, 2, 1, 60),
                    SampleConfigs.Pmu12("B", 2, DataFormat.PolarPhasors | DataFormat.FloatPhasors, 0, 0, 0, 50, ushort.MaxValue),
                    SampleConfigs.Pmu12("GAMMA", ushort.MaxValue, DataFormat.FloatAnalogs | DataFormat.FloatFrequency, 1, 5, 2, 50, 0),
                };

                // A negative DATA_RATE is seconds per frame; TIME_BASE takes its full 24 bits.
                var config = new ConfigFrame(type, version, (ushort)(10 * (int)version + (int)type), FrameTimestamp.Create(1_234_567_890, 0xABCDEF, new TimeQuality(0x5A)), 0x00FF_FFFF, pmus, type == FrameType.Config1 ? (short)-5 : (short)120);
                stream.AddConfig(config);
            }
        }

        stream.Verify();
        Assert.Equal(4, stream.Count);
    }

    [Fact]
    public void Config3_Unfragmented_TsharkShowsEveryFieldWeEncoded()
    {
        var stream = new EmittedStream();
        var plain = SampleConfigs.Pmu3("Station with a long name, well past the sixteen characters of CFG-2", 21, DataFormat.PolarPhasors, 3, 2, 1);

        // Unspecified position (infinite, which tshark names as such), lower-case and unknown service classes.
        var unplaced = SampleConfigs.Pmu3("Nowhere", 22, DataFormat.FloatFrequency, 1, 0, 0, 60) with
        {
            Latitude = float.PositiveInfinity,
            Longitude = float.NegativeInfinity,
            Elevation = float.PositiveInfinity,
            ServiceClass = 'p',
            Window = -1,
            GroupDelay = int.MinValue,
        };
        var odd = SampleConfigs.Pmu3("X", 23, DataFormat.FloatAnalogs, 0, 3, 2) with { ServiceClass = 'Q', Latitude = -90f, Longitude = 180f, Elevation = -12.25f };
        stream.AddConfig(SampleConfigs.Config(FrameType.Config3, ProtocolVersion.Ieee2011, 20, plain, unplaced, odd));
        stream.AddConfig(SampleConfigs.Config(FrameType.Config3, ProtocolVersion.Ieee2011, 24, SampleConfigs.Pmu3("Single", 24, DataFormat.None, 1, 1, 0)));
        stream.Verify();
        Assert.Equal(2, stream.Count);
    }

    [Fact]
    public void Config3_Fragmented_TsharkChecksEveryFragmentAndTheAssemblerRebuildsTheConfig()
    {
        var config = SampleConfigs.Config(
            FrameType.Config3,
            ProtocolVersion.Ieee2011,
            30,
            SampleConfigs.Pmu3("Fragmented station", 31, DataFormat.PolarPhasors | DataFormat.FloatPhasors, 12, 4, 3),
            SampleConfigs.Pmu3("Second station", 32, DataFormat.None, 5, 0, 1));
        var whole = Encoded.Config(config);
        var fragments = Encoded.SplitFrames(Encoded.Bytes(w => ConfigFrameWriter.WriteConfig3(w, config, maxFrameSize: 300)));
        Assert.True(fragments.Count >= 5, $"only {fragments.Count} fragments");

        var stream = new EmittedStream();
        for (var i = 0; i < fragments.Count; i++)
        {
            var index = i;
            var last = i == fragments.Count - 1;
            var continuation = last ? ConfigFrameWriter.LastFragment : (ushort)(i + 1);
            stream.Add(fragments[i], (tshark, ours) =>
            {
                // tshark 4.0 checks CHK and the header of a fragment but does not dissect its content.
                TsharkHeaderAssert.Matches(tshark, FrameType.Config3, ProtocolVersion.Ieee2011, config.IdCode, config.Timestamp);
                var data = tshark.Root.Field("synphasor.data");
                Assert.Contains("CFG-3 Fragmented Frame", data.ShowName, StringComparison.Ordinal);
                Assert.StartsWith($"{continuation:x4}", data.Value, StringComparison.Ordinal);
                Assert.True(fragments[index].Length <= 300, $"fragment {index + 1} is {fragments[index].Length} bytes");
                if (last)
                {
                    Assert.NotNull(ours.Config);
                    Assert.Equal(whole, Encoded.Config(ours.Config));
                }
                else
                {
                    Assert.Null(ours.Config);
                }
            });
        }

        stream.Verify();
        Assert.Equal(fragments.Count, stream.Count);
    }
}
