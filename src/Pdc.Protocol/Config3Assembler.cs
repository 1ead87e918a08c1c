using System.Buffers.Binary;

namespace Pdc.Protocol;

/// <summary>
/// Joins the CONT_IDX fragments of a CFG-3 (1, 2, ... then 0xFFFF on the last) into one configuration.
/// One per stream. A fragment out of sequence, or from another frame time, restarts assembly; the joined
/// body is capped so that a peer that never sends the last fragment cannot grow memory without bound.
/// </summary>
public sealed class Config3Assembler
{
    /// <summary>Largest joined CFG-3 body accepted (about 16 full-size fragments).</summary>
    public const int MaxBodySize = 1 << 20;

    private readonly List<byte> body = [];
    private ushort nextIndex = 1;
    private FrameHeader first;

    /// <summary>Fragments dropped because they arrived out of sequence or overflowed the cap.</summary>
    public long DiscardedFragments { get; private set; }

    /// <summary>
    /// Adds one CFG-3 frame (whole, CRC checked). Returns <see cref="FrameRejection.None"/> with a config when the
    /// frame completes one, <see cref="FrameRejection.None"/> with null while more fragments are awaited, or a reason.
    /// </summary>
    public FrameRejection Add(ReadOnlySpan<byte> frame, out ConfigFrame? config)
    {
        config = null;
        if (frame.Length < FrameHeader.MinimumFrameSize + 2)
        {
            return FrameRejection.BadSize;
        }

        var header = FrameHeader.Read(frame);
        var continuation = BinaryPrimitives.ReadUInt16BigEndian(frame[FrameHeader.Size..]);
        var piece = frame[(FrameHeader.Size + 2)..^FrameHeader.CrcSize];
        if (continuation == ConfigFrameWriter.OnlyFragment)
        {
            Reset();
            return ConfigFrameReader.TryReadConfig3Body(header, piece, out config);
        }

        if (continuation == 1)
        {
            Reset();
            first = header;
        }
        else if (body.Count == 0 || header.IdCode != first.IdCode || header.Soc != first.Soc || header.FracSecWord != first.FracSecWord
            || (continuation != nextIndex && continuation != ConfigFrameWriter.LastFragment))
        {
            DiscardedFragments++;
            Reset();
            return FrameRejection.Malformed;
        }

        if (body.Count + piece.Length > MaxBodySize)
        {
            DiscardedFragments++;
            Reset();
            return FrameRejection.BadSize;
        }

        body.AddRange(piece);
        nextIndex = (ushort)(continuation + 1);
        if (continuation != ConfigFrameWriter.LastFragment)
        {
            return FrameRejection.None;
        }

        var joined = body.ToArray();
        Reset();
        return ConfigFrameReader.TryReadConfig3Body(first, joined, out config);
    }

    private void Reset()
    {
        body.Clear();
        nextIndex = 1;
    }
}
