using System.Buffers;
using System.Buffers.Binary;
using Pdc.Protocol;

namespace Pdc.LoadTest;

/// <summary>
/// One simulated PMU's frames, encoded once: its CFG-2, and a data frame whose SOC, FRACSEC and CHK are patched
/// in place for each report instant, so that generating costs a CRC and a send, not an encode.
/// </summary>
internal sealed class PmuStream
{
    private readonly byte[] data;

    public PmuStream(ushort idCode, int rate)
    {
        IdCode = idCode;
        Rate = rate;
        var pmu = new PmuConfig(
            $"LOAD {idCode}",
            idCode,
            DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatFrequency | DataFormat.FloatAnalogs,
            [.. Enumerable.Range(1, 4).Select(i => new PhasorChannel($"V{i}", PhasorKind.Voltage, 1u))],
            [new AnalogChannel("P", 0, 1)],
            [new DigitalWord([.. Enumerable.Range(0, 16).Select(b => $"D{b}")], 0, 0xFFFF)],
            60,
            1);
        var config = new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2005, idCode, default, 1_000_000, [pmu], (short)rate);
        var writer = new ArrayBufferWriter<byte>();
        ConfigFrameWriter.WriteConfig12(writer, config);
        Config = writer.WrittenSpan.ToArray();

        var frame = new DataFrame(config);
        frame.Frequency[0] = 60;
        for (var i = 0; i < 4; i++)
        {
            frame.Phasors[i] = Phasor.FromPolar(1000 + i, i);
        }

        data = new byte[config.DataFrameSize];
        DataFrameCodec.Write(data, frame);
    }

    public ushort IdCode { get; }

    public int Rate { get; }

    public byte[] Config { get; }

    /// <summary>The data frame of report instant <paramref name="index"/> (frame time × rate); valid until the next call.</summary>
    public ReadOnlyMemory<byte> Data(long index)
    {
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(6), (uint)(index / Rate));
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(10), (uint)(index % Rate * 1_000_000 / Rate));
        FrameChecksum.Append(data);
        return data;
    }
}
