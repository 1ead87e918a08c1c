namespace Pdc.Host.Inspect;

/// <summary>
/// Counts missing, duplicate and out-of-order reports of one stream from their report index (the frame time
/// in units of the reporting period). Missing: report instants never delivered. Duplicate: a report instant
/// delivered again, back to back or later. Out of order: a frame older than the newest already delivered
/// (it may also be a duplicate, or fill a gap that then no longer counts as missing).
/// </summary>
internal sealed class ReportIndexTracker
{
    private const int Window = 4096;
    private readonly bool[] seen = new bool[Window];
    private long newest = long.MinValue;

    public long Missing { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    public long Reports { get; private set; }

    public void Add(long index)
    {
        Reports++;
        if (newest == long.MinValue)
        {
            newest = index;
            Mark(index, true);
            return;
        }

        if (index > newest)
        {
            var gap = index - newest - 1;
            Missing += gap;
            for (var i = newest + 1; i < index && i - newest <= Window; i++)
            {
                Mark(i, false);
            }

            newest = index;
            Mark(index, true);
            return;
        }

        if (index < newest)
        {
            OutOfOrder++;
        }

        if (newest - index >= Window || seen[Slot(index)])
        {
            Duplicates++;
            return;
        }

        Missing--;
        Mark(index, true);
    }

    private void Mark(long index, bool value) => seen[Slot(index)] = value;

    private static int Slot(long index) => (int)(((index % Window) + Window) % Window);
}
