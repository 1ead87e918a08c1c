using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Pdc.Protocol;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Serving;

/// <summary>
/// The frames one stream sends: a data frame per report instant (encoded once and shared by every client), and the
/// replies to commands: header, CFG-1, CFG-2 and (2011) CFG-3, fragmented when larger than the configured size.
/// </summary>
internal sealed class StreamFrames(PmuSignalModel model, SimulatedStream stream, SimulatorOptions options)
{
    private DataFrame? data;

    public SimulatedStream Stream => stream;

    /// <summary>The data frame of the report instant; called by the stream's publishing loop only.</summary>
    public byte[] Data(long reportInstantUnixNanoseconds)
    {
        var config = stream.ConfigAt(reportInstantUnixNanoseconds);
        if (data is null || data.Config != config)
        {
            data = new DataFrame(config);
        }

        model.Fill(data, reportInstantUnixNanoseconds);
        var bytes = new byte[config.DataFrameSize];
        DataFrameCodec.Write(bytes, data);
        return bytes;
    }

    /// <summary>The frames that answer <paramref name="command"/> (none for start, stop, and what this PMU does not do).</summary>
    public IReadOnlyList<byte[]> Reply(CommandCode command, long nowUnixNanoseconds)
    {
        var current = stream.ConfigAt(nowUnixNanoseconds);
        var stamp = FrameTimestamp.FromUnixNanoseconds(nowUnixNanoseconds, current.TimeBase);
        var writer = new ArrayBufferWriter<byte>();
        switch (command)
        {
            case CommandCode.SendHeader:
                new HeaderFrame(current.Version, stream.IdCode, stamp, HeaderText(current)).Write(writer);
                break;
            case CommandCode.SendConfig1:
                ConfigFrameWriter.WriteConfig12(writer, Restamped(current, FrameType.Config1, stamp), FrameType.Config1);
                break;
            case CommandCode.SendConfig2:
                ConfigFrameWriter.WriteConfig12(writer, Restamped(current, FrameType.Config2, stamp), FrameType.Config2);
                break;
            case CommandCode.SendConfig3 when current.Version == ProtocolVersion.Ieee2011:
                ConfigFrameWriter.WriteConfig3(writer, Restamped(current, FrameType.Config3, stamp), options.Config3FrameSize);
                break;
            default:
                return [];
        }

        return SplitFrames(writer.WrittenSpan);
    }

    private static ConfigFrame Restamped(ConfigFrame config, FrameType type, FrameTimestamp stamp) =>
        new(type, config.Version, config.IdCode, stamp, config.TimeBase, config.Pmus, config.DataRate);

    /// <summary>Cuts written frames apart by FRAMESIZE, so that each CFG-3 fragment can be its own UDP datagram.</summary>
    private static byte[][] SplitFrames(ReadOnlySpan<byte> written)
    {
        var frames = new List<byte[]>();
        while (!written.IsEmpty)
        {
            var size = BinaryPrimitives.ReadUInt16BigEndian(written[2..]);
            frames.Add(written[..size].ToArray());
            written = written[size..];
        }

        return [.. frames];
    }

    private string HeaderText(ConfigFrame config)
    {
        var text = new StringBuilder()
            .Append($"Pdc PMU simulator. Stream IDCODE {stream.IdCode}: {config.Pmus.Count} PMU(s) at {options.FramesPerSecond} frames/s, ")
            .Append($"FNOM {options.NominalFrequency} Hz, seed {options.Seed}, scenario {options.Scenario.Name}. ")
            .Append(string.Join("; ", config.Pmus.Select(p => $"{p.StationName} IDCODE {p.IdCode}")))
            .Append(". Signals are synthetic.");
        return text.ToString();
    }
}
