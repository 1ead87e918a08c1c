using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// Follows a stream's report index (frame time × frame rate): gaps count as missing reports, an index seen
/// before as a duplicate (to be dropped: a frame that came on two paths is delivered once), an index older than
/// the newest as out of order (and no longer missing). Remembers the last <see cref="Window"/> reports in a bitmap.
/// </summary>
internal sealed class ReportSequence
{
    public const int Window = 1024;

    private readonly ulong[] seen = new ulong[Window / 64];
    private long newest;
    private bool started;

    public long Missing { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>The report index of a frame: which report instant of its stream it belongs to.</summary>
    public static long IndexOf(FrameTimestamp timestamp, ConfigFrame config)
    {
        long rate = config.DataRate;
        return rate switch
        {
            > 0 => (timestamp.Soc * rate) + (((timestamp.FractionOfSecond * rate) + (config.TimeBase / 2)) / config.TimeBase),
            < 0 => timestamp.Soc / -rate,
            _ => timestamp.Soc,
        };
    }

    /// <summary>Records a report index; false when it is a duplicate and must be dropped.</summary>
    public bool Accept(long index)
    {
        if (!started || index < newest - (Window - 1))
        {
            // First frame, or time went back beyond the window (a source's clock reset): start over from here.
            OutOfOrder += started ? 1 : 0;
            started = true;
            Array.Clear(seen);
            newest = index;
            Mark(index);
            return true;
        }

        if (index > newest)
        {
            Missing += index - newest - 1;
            ClearAfterNewest(index);
            newest = index;
            Mark(index);
            return true;
        }

        if (IsMarked(index))
        {
            Duplicates++;
            return false;
        }

        OutOfOrder++;
        Missing--;
        Mark(index);
        return true;
    }

    /// <summary>Forgets the reports seen (the frame rate or time base changed, so indices change meaning); counts stay.</summary>
    public void Restart() => started = false;

    private void ClearAfterNewest(long index)
    {
        if (index - newest >= Window)
        {
            Array.Clear(seen);
            return;
        }

        for (var i = newest + 1; i <= index; i++)
        {
            seen[Slot(i)] &= ~Bit(i);
        }
    }

    private void Mark(long index) => seen[Slot(index)] |= Bit(index);

    private bool IsMarked(long index) => (seen[Slot(index)] & Bit(index)) != 0;

    private static int Slot(long index) => (int)((ulong)index % Window) >> 6;

    private static ulong Bit(long index) => 1UL << (int)((ulong)index & 63);
}
