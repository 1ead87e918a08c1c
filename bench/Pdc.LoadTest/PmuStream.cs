using System.Buffers;
using System.Buffers.Binary;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;

namespace Pdc.LoadTest;

/// <summary>
/// One simulated PMU's frames, encoded once: its CFG-2, and a data frame whose SOC, FRACSEC and CHK are patched
/// in place for each report instant, so that generating costs a CRC and a send, not an encode.
/// </summary>
internal sealed class PmuStream
{
    private const uint TimeBase = 1_000_000;
    private readonly byte[] frame;
    private readonly ReportGrid grid;
    private byte[] batch = [];

    public PmuStream(ushort idCode, int rate)
    {
        IdCode = idCode;
        grid = new ReportGrid(rate);
        var pmu = new PmuConfig(
            $"LOAD {idCode}",
            idCode,
            DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatFrequency | DataFormat.FloatAnalogs,
            [.. Enumerable.Range(1, 4).Select(i => new PhasorChannel($"V{i}", PhasorKind.Voltage, 1u))],
            [new AnalogChannel("P", 0, 1)],
            [new DigitalWord([.. Enumerable.Range(0, 16).Select(b => $"D{b}")], 0, 0xFFFF)],
            60,
            1);
        var config = new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2005, idCode, default, TimeBase, [pmu], (short)rate);
        Description = config;
        var writer = new ArrayBufferWriter<byte>();
        ConfigFrameWriter.WriteConfig12(writer, config);
        Config = writer.WrittenSpan.ToArray();

        Values = new DataFrame(config);
        Values.Frequency[0] = 60;
        for (var i = 0; i < 4; i++)
        {
            Values.Phasors[i] = Phasor.FromPolar(1000 + i, i);
        }

        frame = new byte[config.DataFrameSize];
        DataFrameCodec.Write(frame, Values);
    }

    public ushort IdCode { get; }

    public byte[] Config { get; }

    public ConfigFrame Description { get; }

    /// <summary>The values every data frame carries (polar float phasors, as sent); the in-process feed places them directly.</summary>
    public DataFrame Values { get; }

    /// <summary>The data frame of report instant <paramref name="index"/> (frame time × rate); valid until the next call.</summary>
    public ReadOnlyMemory<byte> Data(long index) => Data(index, 1);

    /// <summary>The data frames of <paramref name="count"/> report instants from <paramref name="index"/>, back to back; valid until the next call.</summary>
    public ReadOnlyMemory<byte> Data(long index, int count)
    {
        if (batch.Length < count * frame.Length)
        {
            batch = new byte[count * frame.Length];
        }

        for (var i = 0; i < count; i++)
        {
            var slot = batch.AsSpan(i * frame.Length, frame.Length);
            frame.CopyTo(slot);
            var time = grid.ToTimestamp(index + i, TimeBase);
            BinaryPrimitives.WriteUInt32BigEndian(slot[6..], time.Soc);
            BinaryPrimitives.WriteUInt32BigEndian(slot[10..], time.FracSecWord);
            FrameChecksum.Append(slot);
        }

        return batch.AsMemory(0, count * frame.Length);
    }
}
