using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Pdc.Protocol;

/// <summary>
/// Writes configuration frames: CFG-1 and CFG-2 as single frames, CFG-3 split into CONT_IDX fragments
/// when it does not fit in one frame.
/// </summary>
public static class ConfigFrameWriter
{
    /// <summary>CONT_IDX of a CFG-3 that is not fragmented.</summary>
    public const ushort OnlyFragment = 0;

    /// <summary>CONT_IDX of the last fragment of a fragmented CFG-3 (-1 as a signed word).</summary>
    public const ushort LastFragment = 0xFFFF;

    private const int FixedNameWidth = 16;
    private const int Config3Overhead = FrameHeader.Size + 2 + FrameHeader.CrcSize;

    /// <summary>
    /// Writes <paramref name="config"/> as a CFG-1 or CFG-2 frame (per <paramref name="type"/>, by default the
    /// config's own type; a CFG-3 config is written in the CFG-2 layout). Returns the bytes written.
    /// </summary>
    public static int WriteConfig12(IBufferWriter<byte> writer, ConfigFrame config, FrameType? type = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(config);
        var frameType = type ?? (config.Type == FrameType.Config1 ? FrameType.Config1 : FrameType.Config2);
        if (frameType is not (FrameType.Config1 or FrameType.Config2))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "CFG-1 or CFG-2.");
        }

        var size = FrameHeader.MinimumFrameSize + 6 + 2 + config.Pmus.Sum(Config12BlockSize);
        if (size > ushort.MaxValue)
        {
            throw new InvalidOperationException($"A CFG-2 of {size} bytes exceeds the 65535-byte FRAMESIZE limit; use CFG-3, which fragments.");
        }

        var span = writer.GetSpan(size)[..size];
        new FrameHeader(frameType, (byte)config.Version, (ushort)size, config.IdCode, config.Timestamp.Soc, config.Timestamp.FracSecWord).Write(span);
        var w = new SpanWriter(span, FrameHeader.Size);
        w.WriteUInt32(config.TimeBase);
        w.WriteUInt16((ushort)config.Pmus.Count);
        foreach (var pmu in config.Pmus)
        {
            WritePmu12(ref w, pmu);
        }

        w.WriteInt16(config.DataRate);
        FrameChecksum.Append(span);
        writer.Advance(size);
        return size;
    }

    /// <summary>
    /// Writes <paramref name="config"/> as CFG-3, in as many frames of at most <paramref name="maxFrameSize"/>
    /// bytes as it needs (CONT_IDX 0 when one frame suffices; else 1, 2, ... and 0xFFFF on the last).
    /// Returns the number of frames written.
    /// </summary>
    public static int WriteConfig3(IBufferWriter<byte> writer, ConfigFrame config, int maxFrameSize = ushort.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, Config3Overhead + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, ushort.MaxValue);

        var bodySize = 6 + 2 + config.Pmus.Sum(Config3BlockSize);
        var body = ArrayPool<byte>.Shared.Rent(bodySize);
        try
        {
            var w = new SpanWriter(body.AsSpan(0, bodySize), 0);
            w.WriteUInt32(config.TimeBase);
            w.WriteUInt16((ushort)config.Pmus.Count);
            foreach (var pmu in config.Pmus)
            {
                WritePmu3(ref w, pmu);
            }

            w.WriteInt16(config.DataRate);
            return WriteFragments(writer, config, body.AsSpan(0, bodySize), maxFrameSize - Config3Overhead);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }
    }

    private static int WriteFragments(IBufferWriter<byte> writer, ConfigFrame config, ReadOnlySpan<byte> body, int maxPiece)
    {
        var fragments = (body.Length + maxPiece - 1) / maxPiece;
        if (fragments >= LastFragment)
        {
            throw new InvalidOperationException("CFG-3 needs more fragments than CONT_IDX can number; raise the frame size.");
        }

        for (var i = 0; i < fragments; i++)
        {
            var piece = body.Slice(i * maxPiece, Math.Min(maxPiece, body.Length - (i * maxPiece)));
            var size = Config3Overhead + piece.Length;
            var continuation = fragments == 1 ? OnlyFragment : i == fragments - 1 ? LastFragment : (ushort)(i + 1);
            var span = writer.GetSpan(size)[..size];
            new FrameHeader(FrameType.Config3, (byte)config.Version, (ushort)size, config.IdCode, config.Timestamp.Soc, config.Timestamp.FracSecWord).Write(span);
            BinaryPrimitives.WriteUInt16BigEndian(span[FrameHeader.Size..], continuation);
            piece.CopyTo(span[(FrameHeader.Size + 2)..]);
            FrameChecksum.Append(span);
            writer.Advance(size);
        }

        return fragments;
    }

    private static int Config12BlockSize(PmuConfig pmu) =>
        FixedNameWidth + 2 + 2 + 6
        + (FixedNameWidth * (pmu.Phasors.Count + pmu.Analogs.Count + (DigitalWord.BitsPerWord * pmu.Digitals.Count)))
        + (4 * (pmu.Phasors.Count + pmu.Analogs.Count + pmu.Digitals.Count))
        + 4;

    private static int Config3BlockSize(PmuConfig pmu) =>
        NameSize(pmu.StationName) + 2 + 16 + 2 + 6
        + pmu.Phasors.Sum(p => NameSize(p.Name))
        + pmu.Analogs.Sum(a => NameSize(a.Name))
        + pmu.Digitals.Sum(d => d.Labels.Sum(NameSize))
        + (12 * pmu.Phasors.Count) + (8 * pmu.Analogs.Count) + (4 * pmu.Digitals.Count)
        + 25;

    private static int NameSize(string name) => 1 + Encoding.UTF8.GetByteCount(SpanWriter.FitPrefixedName(name));

    private static void WritePmu12(ref SpanWriter w, PmuConfig pmu)
    {
        w.WriteFixedName(pmu.StationName, FixedNameWidth);
        w.WriteUInt16(pmu.IdCode);
        w.WriteUInt16((ushort)pmu.Format);
        w.WriteUInt16((ushort)pmu.Phasors.Count);
        w.WriteUInt16((ushort)pmu.Analogs.Count);
        w.WriteUInt16((ushort)pmu.Digitals.Count);
        foreach (var phasor in pmu.Phasors)
        {
            w.WriteFixedName(phasor.Name, FixedNameWidth);
        }

        foreach (var analog in pmu.Analogs)
        {
            w.WriteFixedName(analog.Name, FixedNameWidth);
        }

        foreach (var label in pmu.Digitals.SelectMany(d => d.Labels))
        {
            w.WriteFixedName(label, FixedNameWidth);
        }

        foreach (var phasor in pmu.Phasors)
        {
            w.WriteUInt32(((uint)phasor.Kind << 24) | phasor.ConversionFactor);
        }

        foreach (var analog in pmu.Analogs)
        {
            w.WriteUInt32(((uint)analog.Type << 24) | ((uint)analog.ScaleFactor & 0x00FF_FFFF));
        }

        WriteDigitalUnits(ref w, pmu);
        w.WriteUInt16(pmu.NominalFrequency == 50 ? (ushort)1 : (ushort)0);
        w.WriteUInt16(pmu.ConfigChangeCount);
    }

    private static void WritePmu3(ref SpanWriter w, PmuConfig pmu)
    {
        w.WritePrefixedName(pmu.StationName);
        w.WriteUInt16(pmu.IdCode);
        w.WriteGuid(pmu.GlobalPmuId);
        w.WriteUInt16((ushort)pmu.Format);
        w.WriteUInt16((ushort)pmu.Phasors.Count);
        w.WriteUInt16((ushort)pmu.Analogs.Count);
        w.WriteUInt16((ushort)pmu.Digitals.Count);
        foreach (var phasor in pmu.Phasors)
        {
            w.WritePrefixedName(phasor.Name);
        }

        foreach (var analog in pmu.Analogs)
        {
            w.WritePrefixedName(analog.Name);
        }

        foreach (var label in pmu.Digitals.SelectMany(d => d.Labels))
        {
            w.WritePrefixedName(label);
        }

        foreach (var phasor in pmu.Phasors)
        {
            w.WriteUInt16(phasor.ModificationFlags);
            w.WriteByte((byte)(((int)phasor.Kind << 3) | (phasor.Component & 0x07)));
            w.WriteByte(phasor.UserFlags);
            w.WriteSingle(phasor.Scale);
            w.WriteSingle(phasor.AngleOffset);
        }

        foreach (var analog in pmu.Analogs)
        {
            w.WriteSingle(analog.Scale);
            w.WriteSingle(analog.Offset);
        }

        WriteDigitalUnits(ref w, pmu);
        w.WriteSingle(pmu.Latitude);
        w.WriteSingle(pmu.Longitude);
        w.WriteSingle(pmu.Elevation);
        w.WriteByte((byte)pmu.ServiceClass);
        w.WriteInt32(pmu.Window);
        w.WriteInt32(pmu.GroupDelay);
        w.WriteUInt16(pmu.NominalFrequency == 50 ? (ushort)1 : (ushort)0);
        w.WriteUInt16(pmu.ConfigChangeCount);
    }

    private static void WriteDigitalUnits(ref SpanWriter w, PmuConfig pmu)
    {
        foreach (var word in pmu.Digitals)
        {
            w.WriteUInt16(word.NormalStatus);
            w.WriteUInt16(word.ValidInputs);
        }
    }
}
