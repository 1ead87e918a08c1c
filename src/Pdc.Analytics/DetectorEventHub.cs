namespace Pdc.Analytics;

/// <summary>
/// Hands every event to each subscriber in subscription order. Subscribing copies the list, so publishing
/// reads a stable array and allocates nothing.
/// </summary>
public sealed class DetectorEventHub : IDetectorEventSink
{
    private readonly Lock gate = new();
    private IDetectorEventSink[] subscribers = [];

    public IDisposable Subscribe(IDetectorEventSink subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (gate)
        {
            subscribers = [.. subscribers, subscriber];
        }

        return new Subscription(this, subscriber);
    }

    public IDisposable Subscribe(Action<DetectorEvent> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        return Subscribe(new ActionSink(subscriber));
    }

    public void Publish(DetectorEvent detectorEvent)
    {
        ArgumentNullException.ThrowIfNull(detectorEvent);
        foreach (var subscriber in Volatile.Read(ref subscribers))
        {
            subscriber.Publish(detectorEvent);
        }
    }

    private void Unsubscribe(IDetectorEventSink subscriber)
    {
        lock (gate)
        {
            var index = Array.IndexOf(subscribers, subscriber);
            if (index >= 0)
            {
                subscribers = [.. subscribers.AsSpan(0, index), .. subscribers.AsSpan(index + 1)];
            }
        }
    }

    private sealed class ActionSink(Action<DetectorEvent> action) : IDetectorEventSink
    {
        public void Publish(DetectorEvent detectorEvent) => action(detectorEvent);
    }

    private sealed class Subscription(DetectorEventHub hub, IDetectorEventSink subscriber) : IDisposable
    {
        public void Dispose() => hub.Unsubscribe(subscriber);
    }
}
