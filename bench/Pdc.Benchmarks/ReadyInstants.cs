using Pdc.Streaming.Alignment;

namespace Pdc.Benchmarks;

/// <summary>What the concentrator's loop does with ready instants, without consumers: collect and give back.</summary>
internal static class ReadyInstants
{
    public static int CollectAndRelease(AlignmentBuffer buffer, List<AlignedFrame> ready)
    {
        var published = buffer.CollectReady(ready);
        foreach (var frame in ready)
        {
            buffer.Release(frame);
        }

        ready.Clear();
        return published;
    }
}
