namespace Pdc.Protocol;

/// <summary>Counts of refused frames (or garbage runs) and their bytes, by <see cref="FrameRejection"/>.</summary>
public sealed class RejectionCounters
{
    private static readonly FrameRejection[] Reasons = Enum.GetValues<FrameRejection>();
    private readonly long[] counts = new long[Reasons.Length];
    private readonly long[] bytes = new long[Reasons.Length];

    public long Total => counts.Sum() - counts[(int)FrameRejection.None];

    public long this[FrameRejection reason] => counts[(int)reason];

    public long BytesOf(FrameRejection reason) => bytes[(int)reason];

    public void Add(FrameRejection reason, long skippedBytes)
    {
        counts[(int)reason]++;
        bytes[(int)reason] += skippedBytes;
    }

    /// <summary>Non-zero counts, e.g. for a summary line.</summary>
    public IEnumerable<(FrameRejection Reason, long Count, long Bytes)> NonZero() =>
        Reasons.Where(r => r != FrameRejection.None && counts[(int)r] > 0).Select(r => (r, counts[(int)r], bytes[(int)r]));
}
