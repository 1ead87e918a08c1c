namespace Pdc.Analytics;

/// <summary>Tracks when an input was last valid, to tell a passing invalid sample (ignored) from a stale input (cannot judge).</summary>
internal struct InputFreshness
{
    private long lastValid;
    private bool seen;

    /// <summary>Records this frame's validity; true while the input is valid or has been invalid for less than <paramref name="staleAfterNs"/>.</summary>
    public bool Update(bool valid, long now, long staleAfterNs)
    {
        if (valid)
        {
            lastValid = now;
            seen = true;
            return true;
        }

        if (!seen)
        {
            seen = true;
            lastValid = now;
        }

        return now - lastValid < staleAfterNs;
    }
}
