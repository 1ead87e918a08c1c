namespace Pdc.Analytics;

/// <summary>A relay element: pickup with a definite delay, dropout hysteresis, and a timed reset once operated.</summary>
internal struct TimedThreshold
{
    private const long NoTimer = long.MinValue;

    private long since;

    public TimedThreshold() => since = NoTimer;

    public bool Operated { get; private set; }

    /// <summary>When the value first crossed the pickup level for the present pickup (or operation).</summary>
    public long PickupTime { get; private set; }

    public ThresholdChange Update(double value, long now, in ThresholdLevels levels)
    {
        if (!Operated)
        {
            if (value >= levels.Pickup)
            {
                if (since == NoTimer)
                {
                    since = now;
                    PickupTime = now;
                }

                if (now - since >= levels.PickupDelayNs)
                {
                    Operated = true;
                    since = NoTimer;
                    return ThresholdChange.Operated;
                }
            }
            else if (value < levels.Dropout)
            {
                since = NoTimer;
            }

            return ThresholdChange.None;
        }

        if (value < levels.Reset)
        {
            if (since == NoTimer)
            {
                since = now;
            }

            if (now - since >= levels.ResetDelayNs)
            {
                Operated = false;
                since = NoTimer;
                return ThresholdChange.Reset;
            }
        }
        else
        {
            since = NoTimer;
        }

        return ThresholdChange.None;
    }

    /// <summary>Forgets any running timer (inputs lost); an operated element stays operated.</summary>
    public void StopTimer() => since = NoTimer;
}
