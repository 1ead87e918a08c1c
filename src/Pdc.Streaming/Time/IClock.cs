namespace Pdc.Streaming.Time;

/// <summary>
/// The local clock, the one a PDC measures its wait windows on. Live it is the system clock; replay swaps in
/// the capture's clock so that an offline run is deterministic.
/// </summary>
public interface IClock
{
    /// <summary>Nanoseconds since the Unix epoch (UTC).</summary>
    long UtcNowNanoseconds { get; }
}
