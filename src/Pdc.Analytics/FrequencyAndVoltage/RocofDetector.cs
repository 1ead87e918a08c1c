using Pdc.Protocol;

namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// Reports a ROCOF Alarm while the smoothed |ROCOF| of the system frequency stays at or above the threshold
/// (values: rocof_hz_per_s, signed; frequency_hz). Confidence is the share of monitored PMUs valid.
/// </summary>
public sealed class RocofDetector : IDetector
{
    private readonly RocofSettings settings;
    private readonly EventEmitter emitter;
    private readonly FrequencyInput input;
    private readonly ThresholdLevels levels;
    private readonly EventValue[] reportedSettings;
    private double[] history = [];
    private long samples;
    private int windowSamples;
    private double framesPerSecond;
    private SampleClock clock;
    private TimedThreshold element = new();
    private DetectorEvent? open;

    public RocofDetector(RocofSettings settings, IDetectorEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        var check = new SettingsCheck(settings.Name);
        check.Add(settings.Validate());
        check.ThrowIfAny();
        this.settings = settings;
        emitter = new EventEmitter(settings.Name, sink);
        input = new FrequencyInput([.. settings.Pmus], settings.MinimumPmus, 0, settings.StaleAfterSeconds);
        levels = new ThresholdLevels(
            settings.ThresholdHzPerSecond,
            settings.ResetHzPerSecond,
            settings.ResetHzPerSecond,
            ThresholdLevels.Nanoseconds(settings.DelaySeconds),
            ThresholdLevels.Nanoseconds(settings.ResetDelaySeconds));
        reportedSettings =
        [
            new("threshold_hz_per_s", settings.ThresholdHzPerSecond),
            new("window_s", settings.WindowSeconds),
            new("delay_s", settings.DelaySeconds),
            new("reset_hz_per_s", settings.ResetHzPerSecond),
        ];
    }

    public string Name => settings.Name;

    public bool CanJudge => input.CanJudge;

    /// <summary>The smoothed ROCOF of the last frame (Hz/s), NaN until the window has filled.</summary>
    public double Rocof { get; private set; } = double.NaN;

    public void Process(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var now = frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase);
        var state = input.Read(frame, now, emitter, settings.UseReportedRocof, out var value);
        if (input.Rebound)
        {
            Reset(frame.Config.FramesPerSecond);
        }

        var steps = clock.Advance(now, framesPerSecond);
        for (var i = 1; i < steps; i++)
        {
            Push(double.NaN);
        }

        if (steps > 0)
        {
            Push(state == InputState.Valid ? value : double.NaN);
        }

        Rocof = Smoothed();
        if (state == InputState.CannotJudge)
        {
            element.StopTimer();
            return;
        }

        if (double.IsNaN(Rocof))
        {
            return;
        }

        switch (element.Update(Math.Abs(Rocof), now, levels))
        {
            case ThresholdChange.Operated:
                open = emitter.Start(
                    DetectorEventType.Rocof,
                    EventSeverity.Alarm,
                    "system frequency",
                    now,
                    input.Stations,
                    EventValues(),
                    reportedSettings,
                    input.Confidence,
                    $"ROCOF {Rocof:0.000} Hz/s over {settings.WindowSeconds} s",
                    element.PickupTime);
                break;
            case ThresholdChange.Reset when open is not null:
                emitter.End(open, now, EventValues());
                open = null;
                break;
        }
    }

    private void Reset(double rate)
    {
        framesPerSecond = rate > 0 ? rate : 1;
        windowSamples = Math.Max(1, (int)Math.Round(settings.WindowSeconds * framesPerSecond));
        history = new double[windowSamples + 1];
        Array.Fill(history, double.NaN);
        samples = 0;
        clock.Reset();
        element = new TimedThreshold();
        open = null; // the input ended it on meeting the new configuration
    }

    private void Push(double value) => history[(int)(samples++ % history.Length)] = value;

    /// <summary>The ROCOF, and the system frequency when the history holds frequencies (with reported ROCOF it holds ROCOFs).</summary>
    private EventValue[] EventValues() => settings.UseReportedRocof
        ? [new("rocof_hz_per_s", Rocof)]
        : [new("rocof_hz_per_s", Rocof), new("frequency_hz", Latest())];

    private double Latest() => samples == 0 ? double.NaN : history[(int)((samples - 1) % history.Length)];

    private double Smoothed()
    {
        if (samples < history.Length)
        {
            return double.NaN;
        }

        if (!settings.UseReportedRocof)
        {
            var newest = history[(int)((samples - 1) % history.Length)];
            var oldest = history[(int)(samples % history.Length)];
            return (newest - oldest) * framesPerSecond / windowSamples;
        }

        var sum = 0.0;
        var count = 0;
        for (var i = 0; i < windowSamples; i++)
        {
            var value = history[(int)((samples - 1 - i) % history.Length)];
            if (!double.IsNaN(value))
            {
                sum += value;
                count++;
            }
        }

        return count * 2 > windowSamples ? sum / count : double.NaN;
    }
}
