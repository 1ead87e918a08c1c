using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pdc.Protocol;

/// <summary>
/// Reads and writes data frames against their configuration. Decoding fills a caller-owned
/// <see cref="DataFrame"/> and allocates nothing; integer fields are scaled to engineering units.
/// </summary>
public static class DataFrameCodec
{
    /// <summary>The integer that stands for absent data in an int16 field.</summary>
    public const short MissingInteger = short.MinValue;

    private const float AngleUnitsPerRadian = 10_000f;

    /// <summary>
    /// Decodes a whole data frame (header through CHK, CRC already checked) into <paramref name="destination"/>,
    /// whose configuration must be the one in force for the frame's IDCODE.
    /// </summary>
    public static FrameRejection TryDecode(ReadOnlySpan<byte> frame, DataFrame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var config = destination.Config;
        if (frame.Length != config.DataFrameSize)
        {
            return FrameRejection.ConfigMismatch;
        }

        destination.Timestamp = new FrameTimestamp(
            BinaryPrimitives.ReadUInt32BigEndian(frame[6..]),
            BinaryPrimitives.ReadUInt32BigEndian(frame[10..]));

        var offset = FrameHeader.Size;
        var pmus = config.Pmus;
        for (var p = 0; p < pmus.Count; p++)
        {
            offset = DecodePmu(frame, offset, pmus[p], destination, p);
        }

        return FrameRejection.None;
    }

    private static int DecodePmu(ReadOnlySpan<byte> frame, int offset, PmuConfig pmu, DataFrame destination, int index)
    {
        // TryDecode checked the frame's length against the config, whose block sizes sum to it, so every read
        // below is in range; reading through a ref avoids a bounds check per field on the hot path.
        ref var at = ref MemoryMarshal.GetReference(frame);
        destination.Stat[index] = ReadUInt16(ref at, offset);
        offset += 2;

        var phasors = destination.PhasorsOf(index);
        var channels = pmu.Phasors;
        if (pmu.FloatPhasors && pmu.PolarPhasors)
        {
            for (var i = 0; i < phasors.Length; i++)
            {
                var pair = ReadSinglePair(ref at, offset);
                phasors[i] = Phasor.FromPolar(pair.First, pair.Second);
                offset += 8;
            }
        }
        else if (pmu.FloatPhasors)
        {
            for (var i = 0; i < phasors.Length; i++)
            {
                var pair = ReadSinglePair(ref at, offset);
                phasors[i] = Phasor.FromRectangular(pair.First, pair.Second);
                offset += 8;
            }
        }
        else if (pmu.PolarPhasors)
        {
            for (var i = 0; i < phasors.Length; i++)
            {
                var magnitude = ReadUInt16(ref at, offset);
                var angle = (short)ReadUInt16(ref at, offset + 2);
                phasors[i] = angle == MissingInteger
                    ? Phasor.Missing
                    : Phasor.FromPolar(magnitude * channels[i].Scale, angle / AngleUnitsPerRadian);
                offset += 4;
            }
        }
        else
        {
            for (var i = 0; i < phasors.Length; i++)
            {
                var scale = channels[i].Scale;
                phasors[i] = Phasor.FromRectangular(
                    ScaleInteger((short)ReadUInt16(ref at, offset), scale),
                    ScaleInteger((short)ReadUInt16(ref at, offset + 2), scale));
                offset += 4;
            }
        }

        if (pmu.FloatFrequency)
        {
            destination.Frequency[index] = ReadSingle(ref at, offset);
            destination.Rocof[index] = ReadSingle(ref at, offset + 4);
            offset += 8;
        }
        else
        {
            // Integer FREQ is the deviation from FNOM in mHz; integer DFREQ is ROCOF × 100. 0x8000 is absent:
            // NaN, which the encoder writes back as 0x8000.
            var deviation = (short)ReadUInt16(ref at, offset);
            var rocof = (short)ReadUInt16(ref at, offset + 2);
            destination.Frequency[index] = deviation == MissingInteger ? float.NaN : pmu.NominalFrequency + (deviation / 1000f);
            destination.Rocof[index] = rocof == MissingInteger ? float.NaN : rocof / 100f;
            offset += 4;
        }

        var analogs = destination.AnalogsOf(index);
        if (pmu.FloatAnalogs)
        {
            for (var i = 0; i < analogs.Length; i++)
            {
                analogs[i] = ReadSingle(ref at, offset);
                offset += 4;
            }
        }
        else
        {
            var analogChannels = pmu.Analogs;
            for (var i = 0; i < analogs.Length; i++)
            {
                var raw = (short)ReadUInt16(ref at, offset);
                analogs[i] = raw == MissingInteger ? float.NaN : (raw * analogChannels[i].Scale) + analogChannels[i].Offset;
                offset += 2;
            }
        }

        var digitals = destination.DigitalsOf(index);
        for (var i = 0; i < digitals.Length; i++)
        {
            digitals[i] = ReadUInt16(ref at, offset);
            offset += 2;
        }

        return offset;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ReadUInt16(ref byte frame, int offset)
    {
        var value = Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref frame, offset));
        return BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ReadSingle(ref byte frame, int offset)
    {
        var value = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref frame, offset));
        return BitConverter.UInt32BitsToSingle(BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value);
    }

    /// <summary>Two big-endian floats in one 8-byte read: a phasor's two components.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (float First, float Second) ReadSinglePair(ref byte frame, int offset)
    {
        var value = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref frame, offset));
        if (BitConverter.IsLittleEndian)
        {
            value = BinaryPrimitives.ReverseEndianness(value);
        }

        return (BitConverter.UInt32BitsToSingle((uint)(value >> 32)), BitConverter.UInt32BitsToSingle((uint)value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float ScaleInteger(short raw, float scale) => raw == MissingInteger ? float.NaN : raw * scale;

    /// <summary>Writes <paramref name="frame"/> as a data frame in its configuration's formats, with CHK.</summary>
    public static int Write(IBufferWriter<byte> writer, DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(frame);
        var size = frame.Config.DataFrameSize;
        var span = writer.GetSpan(size);
        Write(span, frame);
        writer.Advance(size);
        return size;
    }

    /// <summary>Writes the frame into <paramref name="destination"/> and returns its size.</summary>
    public static int Write(Span<byte> destination, DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var config = frame.Config;
        var size = config.DataFrameSize;
        if (size > ushort.MaxValue)
        {
            throw new InvalidOperationException($"A data frame of {size} bytes exceeds the 65535-byte FRAMESIZE limit; split the PMUs over more streams.");
        }

        var span = destination[..size];
        new FrameHeader(FrameType.Data, (byte)config.Version, (ushort)size, config.IdCode, frame.Timestamp.Soc, frame.Timestamp.FracSecWord)
            .Write(span);

        // The slice above checked that the whole frame fits, and the config's block sizes sum to it: the PMU
        // blocks are written through a reference without a bounds check per field, as they are read.
        ref var at = ref MemoryMarshal.GetReference(span);
        var offset = FrameHeader.Size;
        var pmus = config.Pmus;
        for (var p = 0; p < pmus.Count; p++)
        {
            offset = EncodePmu(ref at, offset, pmus[p], frame, p);
        }

        FrameChecksum.Append(span);
        return size;
    }

    private static int EncodePmu(ref byte at, int offset, PmuConfig pmu, DataFrame frame, int index)
    {
        WriteUInt16(ref at, offset, frame.Stat[index]);
        offset += 2;

        var phasors = frame.PhasorsOf(index);
        if (pmu.FloatPhasors && pmu.PolarPhasors)
        {
            foreach (var phasor in phasors)
            {
                WriteSingle(ref at, offset, phasor.Magnitude);
                WriteSingle(ref at, offset + 4, phasor.Angle);
                offset += 8;
            }
        }
        else if (pmu.FloatPhasors)
        {
            foreach (var phasor in phasors)
            {
                WriteSingle(ref at, offset, phasor.Real);
                WriteSingle(ref at, offset + 4, phasor.Imaginary);
                offset += 8;
            }
        }
        else
        {
            var channels = pmu.Phasors;
            for (var i = 0; i < phasors.Length; i++)
            {
                EncodeIntegerPhasor(ref at, offset, pmu.PolarPhasors, channels[i].Scale, phasors[i]);
                offset += 4;
            }
        }

        if (pmu.FloatFrequency)
        {
            WriteSingle(ref at, offset, frame.Frequency[index]);
            WriteSingle(ref at, offset + 4, frame.Rocof[index]);
            offset += 8;
        }
        else
        {
            WriteUInt16(ref at, offset, (ushort)ToInteger((frame.Frequency[index] - pmu.NominalFrequency) * 1000f));
            WriteUInt16(ref at, offset + 2, (ushort)ToInteger(frame.Rocof[index] * 100f));
            offset += 4;
        }

        var analogs = frame.AnalogsOf(index);
        if (pmu.FloatAnalogs)
        {
            foreach (var analog in analogs)
            {
                WriteSingle(ref at, offset, analog);
                offset += 4;
            }
        }
        else
        {
            var channels = pmu.Analogs;
            for (var i = 0; i < analogs.Length; i++)
            {
                var channel = channels[i];
                WriteUInt16(ref at, offset, (ushort)ToInteger((analogs[i] - channel.Offset) / channel.Scale));
                offset += 2;
            }
        }

        foreach (var digital in frame.DigitalsOf(index))
        {
            WriteUInt16(ref at, offset, digital);
            offset += 2;
        }

        return offset;
    }

    private static void EncodeIntegerPhasor(ref byte at, int offset, bool polar, float scale, Phasor phasor)
    {
        if (polar)
        {
            var missing = phasor.IsMissing;
            var magnitude = missing ? 0 : Math.Clamp(MathF.Round(phasor.Magnitude / scale), 0, ushort.MaxValue);
            WriteUInt16(ref at, offset, (ushort)magnitude);
            WriteUInt16(ref at, offset + 2, (ushort)(missing ? MissingInteger : ToInteger(phasor.Angle * AngleUnitsPerRadian)));
            return;
        }

        WriteUInt16(ref at, offset, (ushort)ToInteger(phasor.Real / scale));
        WriteUInt16(ref at, offset + 2, (ushort)ToInteger(phasor.Imaginary / scale));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteUInt16(ref byte frame, int offset, ushort value) =>
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref frame, offset), BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void WriteSingle(ref byte frame, int offset, float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        Unsafe.WriteUnaligned(ref Unsafe.Add(ref frame, offset), BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(bits) : bits);
    }

    /// <summary>Rounds to int16, saturating; NaN (absent data) becomes 0x8000.</summary>
    private static short ToInteger(float value) =>
        float.IsNaN(value) ? MissingInteger : (short)Math.Clamp(MathF.Round(value), short.MinValue + 1, short.MaxValue);
}
