namespace Pdc.Analytics.Oscillations;

/// <summary>
/// The damping state of one signal's dominant mode in one band: normal, poorly damped (alarm, trip) or
/// growing. A change needs <see cref="DampingLimits.ConfirmUpdates"/> consecutive estimates at the new level
/// that agree with each other (a window straddling a disturbance fits nonsense that changes from one update
/// to the next; a real mode does not), and a level clears only once the damping is above it by the
/// hysteresis; each change ends the previous event and starts the next.
/// </summary>
internal sealed class DampingAlarm(string subject, string[] stations)
{
    private Level level;
    private Level pending;
    private int pendingCount;
    private long pendingSince;
    private OscillationMode pendingMode;
    private DetectorEvent? open;

    private enum Level
    {
        Normal,
        Alarm,
        Trip,
        Growing,
    }

    /// <summary>Judges one estimate; <paramref name="found"/> false means no qualifying mode in the band this time.</summary>
    public void Update(bool found, in OscillationMode mode, double confidence, long now, EventEmitter emitter, in DampingLimits limits, EventValue[] settings)
    {
        var candidate = found ? Classify(mode.DampingPercent, limits) : Level.Normal;
        if (candidate == level)
        {
            pendingCount = 0;
            return;
        }

        if (pendingCount == 0 || candidate != pending || (found && !Agrees(mode, pendingMode, limits)))
        {
            pending = candidate;
            pendingCount = 0;
            pendingSince = now;
        }

        pendingMode = mode;
        if (++pendingCount < limits.ConfirmUpdates)
        {
            return;
        }

        level = candidate;
        pendingCount = 0;
        EventValue[] values = found
            ? [new("frequency_hz", mode.FrequencyHz), new("damping_percent", mode.DampingPercent), new("amplitude", mode.Amplitude)]
            : [];
        if (open is not null)
        {
            emitter.End(open, now, values.Length > 0 ? values : null);
            open = null;
        }

        if (level == Level.Normal)
        {
            return;
        }

        var growing = level == Level.Growing;
        open = emitter.Start(
            growing ? DetectorEventType.GrowingOscillation : DetectorEventType.PoorlyDampedMode,
            level == Level.Alarm ? EventSeverity.Alarm : EventSeverity.Trip,
            subject,
            now,
            stations,
            values,
            settings,
            confidence,
            growing
                ? $"{subject}: {mode.FrequencyHz:0.000} Hz oscillation grows (damping {mode.DampingPercent:0.00} %)"
                : $"{subject}: {mode.FrequencyHz:0.000} Hz mode damped {mode.DampingPercent:0.00} %, below {(level == Level.Trip ? limits.TripPercent : limits.AlarmPercent)} %",
            pendingSince);
    }

    private static bool Agrees(in OscillationMode mode, in OscillationMode previous, in DampingLimits limits) =>
        Math.Abs(mode.FrequencyHz - previous.FrequencyHz) <= DampingLimits.FrequencyConsistency * previous.FrequencyHz
        && Math.Abs(mode.DampingPercent - previous.DampingPercent) <= limits.ConsistencyPercent;

    private Level Classify(double dampingPercent, in DampingLimits limits)
    {
        var raw = dampingPercent < 0 ? Level.Growing
            : dampingPercent < limits.TripPercent ? Level.Trip
            : dampingPercent < limits.AlarmPercent ? Level.Alarm
            : Level.Normal;
        if (raw >= level)
        {
            return raw;
        }

        // Improving: leave the present level only once clear of its threshold by the hysteresis.
        var threshold = level switch
        {
            Level.Trip => limits.TripPercent,
            Level.Alarm => limits.AlarmPercent,
            _ => 0,
        };
        return dampingPercent >= threshold + limits.HysteresisPercent ? raw : level;
    }
}
