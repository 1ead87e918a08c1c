using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>What an aligned frame held when it was published (the frame itself is pooled and reused).</summary>
internal sealed record AlignedSnapshot(long ReportIndex, long PublishedNanoseconds, DataFrame Values)
{
    public FrameTimestamp Timestamp => Values.Timestamp;
}
