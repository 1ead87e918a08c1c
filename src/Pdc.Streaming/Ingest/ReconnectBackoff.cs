namespace Pdc.Streaming.Ingest;

/// <summary>
/// Exponential back-off with "equal jitter": after the n-th failure in a row the delay is drawn from
/// [c/2, c] with c = min(max, min·2^n), so that devices dropped together do not all reconnect together.
/// </summary>
internal sealed class ReconnectBackoff
{
    private const int MaxDoublings = 30;

    private readonly TimeSpan min;
    private readonly TimeSpan max;
    private readonly Random random;
    private int failures;

    public ReconnectBackoff(TimeSpan min, TimeSpan max, Random random)
    {
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /// <summary>The upper bound of the next delay.</summary>
    public TimeSpan Ceiling
    {
        get
        {
            var ceiling = min * Math.Pow(2, failures);
            return ceiling < max ? ceiling : max;
        }
    }

    /// <summary>The delay before the next attempt; each call counts one more failure.</summary>
    public TimeSpan Next()
    {
        var ceiling = Ceiling;
        failures = Math.Min(failures + 1, MaxDoublings);
        return (ceiling / 2) + (ceiling / 2 * random.NextDouble());
    }

    /// <summary>After a connection that streamed: the next failure starts from the minimum again.</summary>
    public void Reset() => failures = 0;
}
