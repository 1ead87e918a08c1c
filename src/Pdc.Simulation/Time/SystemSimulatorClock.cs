namespace Pdc.Simulation.Time;

/// <summary>The machine's UTC clock, waited on with timers.</summary>
public sealed class SystemSimulatorClock : ISimulatorClock
{
    private const long NanosecondsPerTick = 100;
    private const long NanosecondsPerMillisecond = 1_000_000;

    public static SystemSimulatorClock Instance { get; } = new();

    public long UtcNowNanoseconds => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * NanosecondsPerTick;

    public async ValueTask DelayUntilAsync(long unixNanoseconds, CancellationToken cancellationToken)
    {
        // Whole milliseconds, rounded up: timers have no finer grain, and a wait rounded down would spin.
        // A timer may still fire a little early, so wait again until the clock has really passed the time.
        for (var remaining = unixNanoseconds - UtcNowNanoseconds; remaining > 0; remaining = unixNanoseconds - UtcNowNanoseconds)
        {
            var milliseconds = (remaining + NanosecondsPerMillisecond - 1) / NanosecondsPerMillisecond;
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), cancellationToken).ConfigureAwait(false);
        }
    }
}
