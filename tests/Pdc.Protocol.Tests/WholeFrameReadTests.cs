using Pdc.Protocol.Tests.Support;

namespace Pdc.Protocol.Tests;

public sealed class WholeFrameReadTests
{
    private static readonly ConfigFrame Config = new(
        FrameType.Config2,
        ProtocolVersion.Ieee2011,
        7,
        FrameTimestamp.Create(1_700_000_000, 0),
        1_000_000,
        [SampleConfigs.Pmu12("PMU A", 7, DataFormat.FloatPhasors | DataFormat.PolarPhasors, 3, 1, 1)],
        50);

    [Fact]
    public void StreamDecoder_ReadsWholeFramesFromASpan_CountingWhatItRefuses_AndLeavesTheRestUnread()
    {
        var data = Encoded.Data(SampleData.Create(Config, new Random(5), FrameTimestamp.Create(1_700_000_001, 20_000)));
        var config = Encoded.Config(Config);
        byte[] stream = [.. data, .. config, .. data, .. data[..10]];
        var decoder = new StreamDecoder();

        // Before its config a data frame is read, refused and counted; the config, then data, decode.
        Assert.True(decoder.TryReadWholeFrame(stream, out var refused));
        Assert.Equal(FrameRejection.NoConfig, refused.Rejection);
        Assert.Equal(data.Length, refused.Bytes.Length);
        Assert.Equal(1, decoder.Rejections[FrameRejection.NoConfig]);

        Assert.True(decoder.TryReadWholeFrame(stream.AsSpan(data.Length), out var configFrame));
        Assert.Equal((ushort)7, configFrame.Config?.IdCode);

        Assert.True(decoder.TryReadWholeFrame(stream.AsSpan(data.Length + config.Length), out var decoded));
        Assert.Equal(FrameTimestamp.Create(1_700_000_001, 20_000), decoded.Data?.Timestamp);

        // A frame cut short is not read and not counted: the sequence read waits for the rest.
        Assert.False(decoder.TryReadWholeFrame(stream.AsSpan((2 * data.Length) + config.Length), out _));
        Assert.False(decoder.TryReadWholeFrame([], out _));
        Assert.Equal(1, decoder.Rejections.Total);
    }
}
