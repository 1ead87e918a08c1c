namespace Pdc.Simulation.Time;

/// <summary>
/// The local clock the simulator sends on: what time it is, and a wait until a given time. Live it is the
/// system clock; tests substitute one they move by hand, so that report instants come when the test says.
/// </summary>
public interface ISimulatorClock
{
    /// <summary>Nanoseconds since the Unix epoch (UTC).</summary>
    long UtcNowNanoseconds { get; }

    /// <summary>Completes when the clock reads <paramref name="unixNanoseconds"/> or later.</summary>
    ValueTask DelayUntilAsync(long unixNanoseconds, CancellationToken cancellationToken);
}
