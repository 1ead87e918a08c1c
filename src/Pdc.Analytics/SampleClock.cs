namespace Pdc.Analytics;

/// <summary>Counts report instants between consecutive frames from their timestamps, so gaps become missing samples.</summary>
internal struct SampleClock
{
    private long last;
    private bool started;

    /// <summary>Report instants since the previous frame: 1 normally, more after missing frames, 0 for a repeated or older frame.</summary>
    public int Advance(long unixNanoseconds, double framesPerSecond)
    {
        if (!started)
        {
            started = true;
            last = unixNanoseconds;
            return 1;
        }

        if (unixNanoseconds <= last)
        {
            return 0;
        }

        var steps = Math.Round((unixNanoseconds - last) * framesPerSecond / 1e9);
        last = unixNanoseconds;
        return (int)Math.Clamp(steps, 1, 1_000_000);
    }

    public void Reset() => this = default;
}
