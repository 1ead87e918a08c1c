using FsCheck;
using FsCheck.Fluent;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// A byte stream of several frames of every type, as a PMU would send them: a config (CFG-1/2, or CFG-3 now and
/// then in fragments), data frames for it, a command and a header. <see cref="FrameStarts"/> tells where each
/// frame begins, for tests that corrupt a chosen field.
/// </summary>
internal sealed record SampleStream(byte[] Bytes, IReadOnlyList<int> FrameStarts)
{
    public static Gen<SampleStream> Gen { get; } =
        from config in ProtocolGen.AnyConfig
        from seed in FsCheck.Fluent.Gen.Choose(int.MinValue, int.MaxValue)
        select Build(config, new Random(seed));

    /// <summary>Streams whose config takes under 400 bytes, for tests that decode each sample hundreds of times.</summary>
    public static Gen<SampleStream> SmallGen { get; } =
        from config in ProtocolGen.AnyConfig.Where(c => Encoded.Config(c).Length < 400)
        from seed in FsCheck.Fluent.Gen.Choose(int.MinValue, int.MaxValue)
        select Build(config, new Random(seed));

    public static SampleStream Build(ConfigFrame config, Random random)
    {
        var frames = new List<byte[]>();
        if (config.Type == FrameType.Config3 && random.Next(2) == 0)
        {
            frames.AddRange(Encoded.SplitFrames(Encoded.Bytes(w => ConfigFrameWriter.WriteConfig3(w, config, random.Next(40, 400)))));
        }
        else
        {
            frames.Add(Encoded.Config(config));
        }

        for (var i = random.Next(1, 4); i > 0; i--)
        {
            frames.Add(RawDataFrame.Build(config, random));
        }

        frames.Add(Encoded.Bytes(new CommandFrame(config.Version, config.IdCode, config.Timestamp, CommandCode.TurnOnTransmission, new byte[random.Next(3)]).Write));
        frames.Add(Encoded.Bytes(new HeaderFrame(config.Version, config.IdCode, config.Timestamp, "header").Write));
        frames.Add(RawDataFrame.Build(config, random));

        var starts = new List<int>();
        var offset = 0;
        foreach (var frame in frames)
        {
            starts.Add(offset);
            offset += frame.Length;
        }

        return new SampleStream(frames.SelectMany(f => f).ToArray(), starts);
    }
}
