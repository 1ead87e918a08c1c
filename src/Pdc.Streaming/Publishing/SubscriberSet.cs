namespace Pdc.Streaming.Publishing;

/// <summary>
/// The subscribers of one output stream. Copy on write: the publishing thread reads the current array without a
/// lock; connections and disconnections, which are rare, build a new one.
/// </summary>
internal sealed class SubscriberSet
{
    private readonly Lock gate = new();
    private volatile Subscriber[] all = [];
    private long refused;

    public Subscriber[] All => all;

    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Adds a TCP connection unless <paramref name="maxConnections"/> are already served; UDP destinations are not counted.</summary>
    public bool TryAdd(Subscriber subscriber, int maxConnections)
    {
        lock (gate)
        {
            if (!subscriber.IsDatagram && all.Count(s => !s.IsDatagram) >= maxConnections)
            {
                Interlocked.Increment(ref refused);
                return false;
            }

            all = [.. all, subscriber];
            return true;
        }
    }

    public void Remove(Subscriber subscriber)
    {
        lock (gate)
        {
            all = all.Where(s => s != subscriber).ToArray();
        }
    }

    /// <summary>Closes and forgets every subscriber (the stream is stopping).</summary>
    public void CloseAll()
    {
        Subscriber[] closing;
        lock (gate)
        {
            closing = all;
            all = [];
        }

        foreach (var subscriber in closing)
        {
            subscriber.Close();
        }
    }
}
