namespace Pdc.Analytics;

/// <summary>
/// Levels of a timed threshold on a quantity that operates upward (an "under" element negates its quantity):
/// operate at or above <see cref="Pickup"/> held for the pickup delay; the pickup timer keeps running down to
/// <see cref="Dropout"/> (hysteresis) and stops below it; once operated, it resets below <see cref="Reset"/>
/// held for the reset delay.
/// </summary>
internal readonly record struct ThresholdLevels(double Pickup, double Dropout, double Reset, long PickupDelayNs, long ResetDelayNs)
{
    public static long Nanoseconds(double seconds) => (long)Math.Round(seconds * 1e9);
}
