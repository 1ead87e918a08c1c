namespace Pdc.Streaming.Time;

/// <summary>A clock that moves only when told: tests, and replay driven by a capture's timestamps.</summary>
public sealed class ManualClock(long startNanoseconds = 0) : IClock
{
    public long UtcNowNanoseconds { get; private set; } = startNanoseconds;

    public void Set(long nanoseconds) => UtcNowNanoseconds = nanoseconds;

    public void Advance(long nanoseconds) => UtcNowNanoseconds += nanoseconds;
}
