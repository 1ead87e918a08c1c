using System.Buffers.Binary;
using Pdc.Protocol;

namespace Pdc.Replay.Serving;

/// <summary>Moves a whole frame's SOC and FRACSEC by a shift (keeping its time-quality byte) and recomputes CHK.</summary>
internal static class FrameRestamper
{
    private const int SocOffset = 6;
    private const int FracSecOffset = 10;

    /// <param name="frame">A whole frame, SYNC through CHK, changed in place.</param>
    /// <param name="timeBase">The TIME_BASE its FRACSEC counts in (the stream's config's).</param>
    public static void Shift(Span<byte> frame, long shiftNanoseconds, uint timeBase)
    {
        if (shiftNanoseconds == 0)
        {
            return;
        }

        var header = FrameHeader.Read(frame);
        var shifted = FrameTimestamp.FromUnixNanoseconds(header.Timestamp.ToUnixNanoseconds(timeBase) + shiftNanoseconds, timeBase, header.TimeQuality);
        BinaryPrimitives.WriteUInt32BigEndian(frame[SocOffset..], shifted.Soc);
        BinaryPrimitives.WriteUInt32BigEndian(frame[FracSecOffset..], shifted.FracSecWord);
        FrameChecksum.Append(frame);
    }
}
