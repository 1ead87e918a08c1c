namespace Pdc.Streaming.Ingest;

/// <summary>The last <see cref="Capacity"/> events of a kind (transitions), oldest dropped first. Thread-safe; events are rare.</summary>
internal sealed class RecentHistory<T>
{
    public const int Capacity = 64;

    private readonly Queue<T> events = new(Capacity);

    public void Add(T item)
    {
        lock (events)
        {
            if (events.Count == Capacity)
            {
                events.Dequeue();
            }

            events.Enqueue(item);
        }
    }

    public T[] ToArray()
    {
        lock (events)
        {
            return [.. events];
        }
    }
}
