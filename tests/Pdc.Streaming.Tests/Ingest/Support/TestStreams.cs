using Pdc.Protocol;
using Pdc.Streaming.Ingest;

namespace Pdc.Streaming.Tests.Ingest.Support;

/// <summary>
/// Configs and data frames whose values follow from the report index alone, so that any delivered frame can be
/// checked against what the device sent: a value read with the wrong config, or from the wrong place, shows.
/// </summary>
internal static class TestStreams
{
    public const uint TimeBase = 1_000_000;
    public const DataFormat Format = DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatFrequency | DataFormat.FloatAnalogs;

    /// <summary>A stream of one PMU, or of several (an upstream PDC) when <paramref name="pmuIdCodes"/> are given.</summary>
    public static ConfigFrame Config(ushort idCode, int phasors = 2, ushort configChangeCount = 1, short rate = 100, ProtocolVersion version = ProtocolVersion.Ieee2005, params ushort[] pmuIdCodes)
    {
        ushort[] ids = pmuIdCodes.Length == 0 ? [idCode] : pmuIdCodes;
        var pmus = ids.Select(id => new PmuConfig(
            $"PMU {id}",
            id,
            Format,
            [.. Enumerable.Range(0, phasors).Select(i => new PhasorChannel($"V{i + 1}", PhasorKind.Voltage, 1u))],
            [new AnalogChannel("A1", 0, 1)],
            [new DigitalWord([.. Enumerable.Range(0, 16).Select(b => $"D{b}")], 0, 0xFFFF)],
            50,
            configChangeCount)).ToArray();
        return new ConfigFrame(FrameType.Config2, version, idCode, FrameTimestamp.Create(1_700_000_000, 0), TimeBase, pmus, rate);
    }

    /// <summary>The report instant <paramref name="index"/> (frame time × rate) as a timestamp.</summary>
    public static FrameTimestamp Timestamp(ConfigFrame config, long index, TimeQuality quality = default)
    {
        var rate = config.DataRate;
        var fraction = (((index % rate) * config.TimeBase) + (rate / 2)) / rate;
        return FrameTimestamp.Create((uint)(index / rate), (uint)fraction, quality);
    }

    /// <summary>The report index of now, by the local clock.</summary>
    public static long IndexNow(ConfigFrame config) =>
        (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * config.DataRate / TimeSpan.TicksPerSecond;

    public static float Magnitude(long index, int pmu, int phasor) => (index % 10_000) + (0.5f * phasor) + (pmu * 20_000);

    public static float Frequency(long index) => 50 + ((index % 100) / 128f);

    public static byte[] Data(ConfigFrame config, long index, ushort stat = 0, TimeQuality quality = default)
    {
        var frame = new DataFrame(config) { Timestamp = Timestamp(config, index, quality) };
        for (var p = 0; p < config.Pmus.Count; p++)
        {
            frame.Stat[p] = stat;
            frame.Frequency[p] = Frequency(index);
            frame.Rocof[p] = p;
            var phasors = frame.PhasorsOf(p);
            for (var i = 0; i < phasors.Length; i++)
            {
                phasors[i] = Phasor.FromPolar(Magnitude(index, p, i), 0.25f * i);
            }

            frame.AnalogsOf(p)[0] = index % 1000;
            frame.DigitalsOf(p)[0] = (ushort)index;
        }

        var bytes = new byte[config.DataFrameSize];
        DataFrameCodec.Write(bytes, frame);
        return bytes;
    }

    public static byte[] Config2(ConfigFrame config)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        ConfigFrameWriter.WriteConfig12(writer, config, FrameType.Config2);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] Config3(ConfigFrame config)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        ConfigFrameWriter.WriteConfig3(writer, config);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>An input with short timeouts, so that loss, silence and reconnects show within a test's seconds.</summary>
    public static InputOptions Input(string name, ushort idCode, params EndpointOptions[] endpoints)
    {
        var input = new InputOptions
        {
            Name = name,
            IdCode = idCode,
            CommandTimeout = TimeSpan.FromMilliseconds(400),
            ConnectTimeout = TimeSpan.FromSeconds(2),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
            // A second at 100 frames/s: a loaded two-core test machine stalls a loop for a few hundred milliseconds now and then.
            SilentFramePeriods = 100,
            MinimumSilence = TimeSpan.FromMilliseconds(200),
            FailBackAfter = TimeSpan.FromMilliseconds(500),
        };
        foreach (var endpoint in endpoints)
        {
            input.Endpoints.Add(endpoint);
        }

        return input;
    }

    public static EndpointOptions TcpClient(int port) => new() { Mode = ConnectionMode.TcpClient, RemoteHost = "127.0.0.1", RemotePort = port };

    public static EndpointOptions TcpListener(int port = 0) => new() { Mode = ConnectionMode.TcpListener, LocalAddress = "127.0.0.1", LocalPort = port };

    public static EndpointOptions Udp(int remotePort = 0) => new()
    {
        Mode = ConnectionMode.Udp,
        LocalAddress = "127.0.0.1",
        RemoteHost = remotePort == 0 ? null : "127.0.0.1",
        RemotePort = remotePort,
    };

    public static EndpointOptions TcpCommandsUdpData(int commandPort) => new()
    {
        Mode = ConnectionMode.TcpCommandsUdpData,
        RemoteHost = "127.0.0.1",
        RemotePort = commandPort,
        LocalAddress = "127.0.0.1",
    };

    public static IngestOptions Ingest(params InputOptions[] inputs)
    {
        var options = new IngestOptions { IdentifyTimeout = TimeSpan.FromSeconds(2) };
        foreach (var input in inputs)
        {
            options.Inputs.Add(input);
        }

        return options;
    }
}
