using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Pdc.LoadTest;

/// <summary>
/// The runtime's allocation samples (one per ~100 KB allocated, with the type that crossed the mark), counted
/// by type: with <c>--sample-allocations 1</c>, the report says what the few allocated bytes per frame are.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, int> samples = new();

    public IEnumerable<string> Top(int count) =>
        samples.OrderByDescending(s => s.Value).Take(count).Select(s => $"{s.Value} x {s.Key}");

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true
            && eventData.PayloadNames?.IndexOf("TypeName") is >= 0 and var at)
        {
            samples.AddOrUpdate(eventData.Payload![at]?.ToString() ?? "?", 1, (_, n) => n + 1);
        }
    }
}
