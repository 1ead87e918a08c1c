using Pdc.Protocol;

namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// Reports OverFrequency or UnderFrequency Alarms while the system frequency stays beyond nominal ± the
/// deviation settings (values: frequency_hz, deviation_hz). Confidence is the share of monitored PMUs valid.
/// </summary>
public sealed class FrequencyExcursionDetector : IDetector
{
    private readonly FrequencyExcursionSettings settings;
    private readonly EventEmitter emitter;
    private readonly FrequencyInput input;
    private Direction? over;
    private Direction? under;

    public FrequencyExcursionDetector(FrequencyExcursionSettings settings, IDetectorEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        var check = new SettingsCheck(settings.Name);
        check.Add(settings.Validate());
        check.ThrowIfAny();
        this.settings = settings;
        emitter = new EventEmitter(settings.Name, sink);
        input = new FrequencyInput([.. settings.Pmus], settings.MinimumPmus, settings.NominalFrequencyHz, settings.StaleAfterSeconds);
    }

    public string Name => settings.Name;

    public bool CanJudge => input.CanJudge;

    public void Process(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var now = frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase);
        var state = input.Read(frame, now, emitter, reportedRocof: false, out var hz);
        if (input.Rebound)
        {
            over = new Direction(DetectorEventType.OverFrequency, 1, settings.OverDeviationHz, settings);
            under = new Direction(DetectorEventType.UnderFrequency, -1, settings.UnderDeviationHz, settings);
        }

        if (over is null || under is null)
        {
            return;
        }

        if (state == InputState.CannotJudge)
        {
            over.Element.StopTimer();
            under.Element.StopTimer();
            return;
        }

        if (state == InputState.Valid)
        {
            Judge(over, hz, now);
            Judge(under, hz, now);
        }
    }

    private void Judge(Direction direction, double hz, long now)
    {
        var deviation = (hz - input.NominalHz) * direction.Sign;
        switch (direction.Element.Update(deviation, now, direction.Levels))
        {
            case ThresholdChange.Operated:
                direction.Open = emitter.Start(
                    direction.Type,
                    EventSeverity.Alarm,
                    "system frequency",
                    now,
                    input.Stations,
                    [new("frequency_hz", hz), new("deviation_hz", hz - input.NominalHz)],
                    [new("nominal_hz", input.NominalHz), new("deviation_hz", direction.Levels.Pickup), new("delay_s", settings.DelaySeconds)],
                    input.Confidence,
                    $"frequency {hz:0.000} Hz is {Math.Abs(hz - input.NominalHz):0.000} Hz {(direction.Sign > 0 ? "above" : "below")} nominal",
                    direction.Element.PickupTime);
                break;
            case ThresholdChange.Reset when direction.Open is not null:
                emitter.End(direction.Open, now, [new("frequency_hz", hz), new("deviation_hz", hz - input.NominalHz)]);
                direction.Open = null;
                break;
        }
    }

    private sealed class Direction(DetectorEventType type, int sign, double deviationHz, FrequencyExcursionSettings settings)
    {
        public TimedThreshold Element = new();

        public DetectorEventType Type { get; } = type;

        /// <summary>+1 for over-frequency, −1 for under-frequency: the deviation is measured in this direction.</summary>
        public int Sign { get; } = sign;

        public ThresholdLevels Levels { get; } = new(
            deviationHz,
            deviationHz - settings.ResetMarginHz,
            deviationHz - settings.ResetMarginHz,
            ThresholdLevels.Nanoseconds(settings.DelaySeconds),
            ThresholdLevels.Nanoseconds(settings.ResetDelaySeconds));

        public DetectorEvent? Open { get; set; }
    }
}
