using System.Buffers;
using Pdc.Protocol.Tests.Support;

namespace Pdc.Protocol.Tests;

public sealed class RepeatedConfigTests
{
    private static ConfigFrame Config(FrameTimestamp time, ushort configChangeCount) => new(
        FrameType.Config2,
        ProtocolVersion.Ieee2005,
        7,
        time,
        1_000_000,
        [SampleConfigs.Pmu12("PMU A", 7, DataFormat.FloatPhasors | DataFormat.PolarPhasors, 3, 1, 1, configChangeCount: configChangeCount)],
        50);

    private static DataFrame Decode(StreamDecoder decoder, byte[] bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameReadStatus.Frame, decoder.TryReadFrame(ref sequence, out var frame));
        return frame.Data ?? throw new InvalidOperationException("not a data frame");
    }

    private static ConfigFrame DecodeConfig(StreamDecoder decoder, byte[] bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        Assert.Equal(FrameReadStatus.Frame, decoder.TryReadFrame(ref sequence, out var frame));
        return frame.Config ?? throw new InvalidOperationException("not a config frame");
    }

    [Fact]
    public void ConfigSentAgainAfterAnotherWasPutInForce_IsDecodedAgain_NotTakenForTheOneInForce()
    {
        var decoder = new StreamDecoder();
        var sent = Config(FrameTimestamp.Create(1_700_000_000, 0), 1);
        DecodeConfig(decoder, Encoded.Config(sent));

        // A config from elsewhere (a file) replaces it; then the stream repeats its own.
        var fromFile = Config(FrameTimestamp.Create(1_700_000_010, 0), 5);
        decoder.UseConfig(fromFile);
        var again = DecodeConfig(decoder, Encoded.Config(Config(FrameTimestamp.Create(1_700_000_060, 0), 1)));

        Assert.Equal(1, again.Pmus[0].ConfigChangeCount);
        Assert.Equal(1, decoder.Configs[7].Pmus[0].ConfigChangeCount);
        Assert.NotSame(fromFile.Pmus[0], again.Pmus[0]);
    }

    [Fact]
    public void SameConfigSentAgainLater_IsNotDecodedAgainAndKeepsTheDataStorage_ANewOneReplacesIt()
    {
        var decoder = new StreamDecoder();
        var first = Config(FrameTimestamp.Create(1_700_000_000, 0), 1);
        var data = new DataFrame(first) { Timestamp = FrameTimestamp.Create(1_700_000_001, 0) };

        DecodeConfig(decoder, Encoded.Config(first));
        var storage = Decode(decoder, Encoded.Data(data));

        // The same CFG-2 a minute later: only its timestamp and CHK differ. It is reported as received.
        var again = DecodeConfig(decoder, Encoded.Config(Config(FrameTimestamp.Create(1_700_000_060, 0), 1)));
        Assert.Equal(1_700_000_060u, again.Timestamp.Soc);
        Assert.Same(again, decoder.Configs[7]);

        // Not read a second time: the PMU descriptions are the ones already decoded.
        Assert.Same(decoder.Configs[7].Pmus[0], again.Pmus[0]);
        Assert.Same(storage.Config.Pmus[0], again.Pmus[0]);
        Assert.Same(storage, Decode(decoder, Encoded.Data(data)));

        // The same body in a frame of the other protocol version is a different config.
        var otherVersion = DecodeConfig(decoder, Encoded.Config(new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, 7, first.Timestamp, first.TimeBase, first.Pmus, first.DataRate)));
        Assert.Equal(ProtocolVersion.Ieee2011, otherVersion.Version);
        Assert.NotSame(first.Pmus[0], otherVersion.Pmus[0]);

        var changed = DecodeConfig(decoder, Encoded.Config(Config(FrameTimestamp.Create(1_700_000_120, 0), 2)));
        Assert.Equal(2, changed.Pmus[0].ConfigChangeCount);
        Assert.NotSame(storage, Decode(decoder, Encoded.Data(new DataFrame(changed) { Timestamp = data.Timestamp })));
    }
}
