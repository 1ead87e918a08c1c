using System.Buffers;
using Pdc.Capture;
using Pdc.Protocol;

namespace Pdc.Benchmarks;

/// <summary>The frames the codec benchmarks decode and encode, built once.</summary>
internal static class SampleFrames
{
    /// <summary>
    /// One PMU, 10 float polar phasors, float FREQ and DFREQ, 2 float analogs and 1 digital word (the issue's
    /// reference frame: 106 bytes on the wire).
    /// </summary>
    public static ConfigFrame OnePmuConfig()
    {
        var phasors = Enumerable.Range(1, 10)
            .Select(i => new PhasorChannel($"PH{i}", i <= 5 ? PhasorKind.Voltage : PhasorKind.Current, 1u))
            .ToArray();
        var analogs = new[] { new AnalogChannel("MW", 1, 1), new AnalogChannel("MVAR", 1, 1) };
        var digitals = new[] { new DigitalWord(Enumerable.Range(0, 16).Select(b => $"BIT{b}").ToArray(), 0, 0xFFFF) };
        var pmu = new PmuConfig("BENCH PMU", 7, DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency, phasors, analogs, digitals, 60, 1);
        return new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, 7, FrameTimestamp.Create(1_700_000_000, 0), 1_000_000, [pmu], 60);
    }

    /// <summary>An upstream PDC's stream of <paramref name="pmus"/> copies of the 1-PMU config, IDCODEs 1 onwards.</summary>
    public static ConfigFrame StreamConfig(int pmus, int rate)
    {
        var pmu = OnePmuConfig().Pmus[0];
        return new ConfigFrame(
            FrameType.Config2, ProtocolVersion.Ieee2011, 500, default, 1_000_000,
            [.. Enumerable.Range(1, pmus).Select(i => pmu with { IdCode = (ushort)i, StationName = $"PMU {i}" })], (short)rate);
    }

    public static DataFrame OnePmuData(ConfigFrame config)
    {
        var data = new DataFrame(config) { Timestamp = FrameTimestamp.Create(1_700_000_000, 500_000) };
        for (var i = 0; i < data.Phasors.Length; i++)
        {
            data.Phasors[i] = Phasor.FromPolar(100f + i, 0.1f * i);
        }

        data.Frequency[0] = 60.012f;
        data.Rocof[0] = 0.03f;
        data.Analogs[0] = 101.5f;
        data.Analogs[1] = -12.25f;
        data.Digitals[0] = 0x0102;
        return data;
    }

    public static byte[] Encode(DataFrame data)
    {
        var writer = new ArrayBufferWriter<byte>();
        DataFrameCodec.Write(writer, data);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeConfig(ConfigFrame config)
    {
        var writer = new ArrayBufferWriter<byte>();
        ConfigFrameWriter.WriteConfig12(writer, config);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>The bytes of the first data frame in a shared capture, and storage decoded against its config.</summary>
    public static (byte[] Frame, DataFrame Storage) FirstDataFrameOf(string captureName)
    {
        using var reader = CaptureFile.Open(new MemoryStream(SharedCapture.Read(captureName)));
        byte[]? bytes = null;
        DataFrame? storage = null;
        new CaptureStreamDecoder().Run(reader, (_, _, decoded) =>
        {
            if (bytes is null && decoded.Data is { } data)
            {
                bytes = decoded.Bytes.ToArray();
                storage = new DataFrame(data.Config);
            }
        });
        return (bytes ?? throw new InvalidDataException($"{captureName} holds no decodable data frame."), storage!);
    }
}
