using Pdc.Analytics;

namespace Pdc.Host.Runtime;

/// <summary>The latest detector events, newest last, for GET /api/events: bounded, safe to read from any thread.</summary>
internal sealed class RecentEvents(int capacity = 500)
{
    private readonly Queue<DetectorEvent> events = new();
    private readonly Lock gate = new();

    public void Add(DetectorEvent detectorEvent)
    {
        lock (gate)
        {
            if (events.Count == capacity)
            {
                events.Dequeue();
            }

            events.Enqueue(detectorEvent);
        }
    }

    public IReadOnlyList<DetectorEvent> Snapshot()
    {
        lock (gate)
        {
            return [.. events];
        }
    }
}
