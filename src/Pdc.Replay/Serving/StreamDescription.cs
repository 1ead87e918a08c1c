using System.Buffers;
using System.Buffers.Binary;
using Pdc.Protocol;

namespace Pdc.Replay.Serving;

/// <summary>
/// What a captured stream said about itself while its data frames were sent: the config they decode with, and the
/// bytes of the CFG-1, CFG-2, CFG-3 (every fragment) and header frames the capture holds. Commands are answered
/// with those bytes as captured; a form the capture lacks is encoded from the config.
/// </summary>
internal sealed class StreamDescription(ConfigFrame config, byte[]? config1, byte[]? config2, IReadOnlyList<byte[]>? config3, byte[]? header)
{
    /// <summary>The config the data frames decode with (a CFG-2, or a CFG-3).</summary>
    public ConfigFrame Config { get; } = config;

    /// <summary>The frames that answer <paramref name="command"/>, as captured or encoded; none for what this stream cannot answer.</summary>
    public IReadOnlyList<byte[]> Reply(CommandCode command) => command switch
    {
        CommandCode.SendHeader when header is not null => [header],
        CommandCode.SendConfig1 => [config1 ?? Encode(FrameType.Config1)],
        CommandCode.SendConfig2 => [config2 ?? Encode(FrameType.Config2)],
        CommandCode.SendConfig3 when config3 is not null => config3,
        CommandCode.SendConfig3 when Config.Version == ProtocolVersion.Ieee2011 => EncodeConfig3(),
        _ => [],
    };

    private byte[] Encode(FrameType type)
    {
        var writer = new ArrayBufferWriter<byte>();
        ConfigFrameWriter.WriteConfig12(writer, Config, type);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>A CFG-3 encoded from the config, cut into its CONT_IDX fragments (one frame per reply).</summary>
    private byte[][] EncodeConfig3()
    {
        var writer = new ArrayBufferWriter<byte>();
        ConfigFrameWriter.WriteConfig3(writer, Config);
        var frames = new List<byte[]>();
        var written = writer.WrittenSpan;
        while (!written.IsEmpty)
        {
            var size = BinaryPrimitives.ReadUInt16BigEndian(written[2..]);
            frames.Add(written[..size].ToArray());
            written = written[size..];
        }

        return [.. frames];
    }
}
