namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Damping alarm and trip levels (percent), the hysteresis to clear them, how many consecutive estimates
/// confirm a change, and how far consecutive estimates may differ in damping (percentage points) and
/// frequency (share) and still count as the same mode.
/// </summary>
internal readonly record struct DampingLimits(double AlarmPercent, double TripPercent, double HysteresisPercent, int ConfirmUpdates, double ConsistencyPercent)
{
    public const double FrequencyConsistency = 0.1;
}
