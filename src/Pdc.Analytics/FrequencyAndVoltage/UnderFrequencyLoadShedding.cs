using Pdc.Protocol;

namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// Under-frequency load shedding stages on the system frequency. Each stage reports a Trip start event when
/// it operates (values: frequency_hz, stage, load_share_percent) and an end event when it resets. Confidence
/// is the share of monitored PMUs that were valid when it operated.
/// </summary>
public sealed class UnderFrequencyLoadShedding : IDetector
{
    private readonly UflsSettings settings;
    private readonly EventEmitter emitter;
    private readonly FrequencyInput input;
    private Stage[] stages = [];

    public UnderFrequencyLoadShedding(UflsSettings settings, IDetectorEventSink sink)
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

    /// <summary>Whether stage <paramref name="index"/> (0 = highest pickup) has operated and not yet reset.</summary>
    public bool IsOperated(int index) => stages[index].Element.Operated;

    public void Process(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var now = frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase);
        var state = input.Read(frame, now, emitter, reportedRocof: false, out var hz);
        if (input.Rebound)
        {
            BuildStages();
        }

        if (state != InputState.Valid)
        {
            if (state == InputState.CannotJudge)
            {
                foreach (var stage in stages)
                {
                    stage.Element.StopTimer();
                }
            }

            return;
        }

        for (var i = 0; i < stages.Length; i++)
        {
            var stage = stages[i];
            switch (stage.Element.Update(-hz, now, stage.Levels))
            {
                case ThresholdChange.Operated:
                    stage.Open = emitter.Start(
                        DetectorEventType.UnderFrequencyLoadShedding,
                        EventSeverity.Trip,
                        $"stage {i + 1}",
                        now,
                        input.Stations,
                        [new("frequency_hz", hz), new("stage", i + 1), new("load_share_percent", stage.LoadSharePercent)],
                        stage.Settings,
                        input.Confidence,
                        $"stage {i + 1} operated: frequency {hz:0.000} Hz at or below {-stage.Levels.Pickup:0.000} Hz for {stage.DelaySeconds} s",
                        stage.Element.PickupTime);
                    break;
                case ThresholdChange.Reset when stage.Open is not null:
                    emitter.End(stage.Open, now, [new("frequency_hz", hz), new("stage", i + 1), new("load_share_percent", stage.LoadSharePercent)]);
                    stage.Open = null;
                    break;
            }
        }
    }

    private void BuildStages()
    {
        var stageSettings = settings.Stages.Count > 0 ? settings.Stages : UflsStageSettings.DefaultsFor(input.NominalHz);
        var reset = ThresholdLevels.Nanoseconds(settings.ResetDelaySeconds);
        stages = new Stage[stageSettings.Count];
        for (var i = 0; i < stages.Length; i++)
        {
            var s = stageSettings[i];
            var levels = new ThresholdLevels(-s.PickupHz, -(s.PickupHz + settings.DropoutMarginHz), -(s.PickupHz + settings.ResetMarginHz), ThresholdLevels.Nanoseconds(s.DelaySeconds), reset);
            stages[i] = new Stage(levels, s.DelaySeconds, s.LoadSharePercent)
            {
                Settings =
                [
                    new("pickup_hz", s.PickupHz),
                    new("delay_s", s.DelaySeconds),
                    new("reset_above_hz", s.PickupHz + settings.ResetMarginHz),
                    new("reset_delay_s", settings.ResetDelaySeconds),
                ],
            };
        }
    }

    private sealed class Stage(ThresholdLevels levels, double delaySeconds, double loadSharePercent)
    {
        public TimedThreshold Element = new();

        public ThresholdLevels Levels { get; } = levels;

        public double DelaySeconds { get; } = delaySeconds;

        public double LoadSharePercent { get; } = loadSharePercent;

        public EventValue[] Settings { get; init; } = [];

        public DetectorEvent? Open { get; set; }
    }
}
