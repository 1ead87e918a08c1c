using Pdc.Protocol;

namespace Pdc.Analytics.Overload;

/// <summary>
/// Watches current magnitudes against ratings. Overload events: Alarm when the current stays at or above the
/// alarm share of the rating for the alarm delay, Trip at the trip share for the trip delay. With the thermal
/// replica on, ThermalOverload events: Alarm at the thermal alarm level (with the predicted time to trip),
/// Trip when the heat content reaches the trip level. Values: current_a, current_percent, thermal_percent.
/// While a line's current is invalid the replica keeps heating with the last valid current until the input
/// goes stale; then it is reported as cannot judge.
/// </summary>
public sealed class OverloadDetector : IDetector
{
    private const string Stale = "current invalid or stale";

    private readonly OverloadSettings settings;
    private readonly EventEmitter emitter;
    private readonly ThresholdLevels alarmLevels;
    private readonly ThresholdLevels tripLevels;
    private readonly ThresholdLevels thermalAlarmLevels;
    private readonly ThresholdLevels thermalTripLevels;
    private readonly long staleAfterNs;
    private readonly EventValue[] reportedSettings;
    private Judgement? bindJudgement;
    private Line[] lines = [];
    private SampleClock clock;
    private double thermalGain;
    private double framesPerSecond;

    public OverloadDetector(OverloadSettings settings, IDetectorEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        var check = new SettingsCheck(settings.Name);
        check.Add(settings.Validate());
        check.ThrowIfAny();
        this.settings = settings;
        emitter = new EventEmitter(settings.Name, sink);
        var reset = ThresholdLevels.Nanoseconds(settings.ResetDelaySeconds);
        alarmLevels = new ThresholdLevels(settings.AlarmPercent, settings.AlarmPercent - settings.ResetMarginPercent, settings.AlarmPercent - settings.ResetMarginPercent, ThresholdLevels.Nanoseconds(settings.AlarmDelaySeconds), reset);
        tripLevels = new ThresholdLevels(settings.TripPercent, settings.TripPercent - settings.ResetMarginPercent, settings.TripPercent - settings.ResetMarginPercent, ThresholdLevels.Nanoseconds(settings.TripDelaySeconds), reset);
        var thermalAlarm = settings.ThermalAlarmPercent / 100;
        var thermalMargin = settings.ThermalResetMarginPercent / 100;
        thermalAlarmLevels = new ThresholdLevels(thermalAlarm, thermalAlarm - thermalMargin, thermalAlarm - thermalMargin, 0, 0);
        thermalTripLevels = new ThresholdLevels(1, 1 - thermalMargin, 1 - thermalMargin, 0, 0);
        staleAfterNs = ThresholdLevels.Nanoseconds(settings.StaleAfterSeconds);
        reportedSettings =
        [
            new("alarm_percent", settings.AlarmPercent),
            new("alarm_delay_s", settings.AlarmDelaySeconds),
            new("trip_percent", settings.TripPercent),
            new("trip_delay_s", settings.TripDelaySeconds),
            new("thermal_time_constant_s", settings.ThermalTimeConstantSeconds),
            new("thermal_k", settings.ThermalFactorK),
            new("thermal_alarm_percent", settings.ThermalAlarmPercent),
        ];
    }

    public string Name => settings.Name;

    public bool CanJudge => Judgement.All(lines, bindJudgement);

    /// <summary>The thermal replica's heat content of line <paramref name="index"/> as a share of its trip level.</summary>
    public double ThermalLevel(int index) => lines[index].Replica.Level;

    public void Process(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var now = frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase);
        if (emitter.IsNewConfiguration(frame.Config, now))
        {
            Bind(frame.Config, now);
        }

        var steps = clock.Advance(now, framesPerSecond);
        if (steps == 0)
        {
            return;
        }

        foreach (var line in lines)
        {
            Judge(line, frame, now, steps);
        }
    }

    private void Judge(Line line, DataFrame frame, long now, int steps)
    {
        var amps = ConfigLookup.IsValid(frame.Stat[line.Pmu]) ? frame.Phasors[line.Phasor].Magnitude : float.NaN;
        var valid = float.IsFinite(amps);
        if (!line.Freshness.Update(valid, now, staleAfterNs))
        {
            line.Judgement.Update(emitter, Stale, now);
            line.Alarm.StopTimer();
            line.Trip.StopTimer();
            return;
        }

        line.Judgement.Update(emitter, null, now);
        if (valid)
        {
            line.LastAmps = amps;
        }

        if (settings.ThermalReplica && !double.IsNaN(line.LastAmps))
        {
            line.Replica.Advance(line.LastAmps, settings.ThermalFactorK * line.RatingAmps, thermalGain, steps);
            Report(line, ref line.ThermalAlarm, ref line.ThermalAlarmOpen, line.Replica.Level, thermalAlarmLevels, DetectorEventType.ThermalOverload, EventSeverity.Alarm, now);
            Report(line, ref line.ThermalTrip, ref line.ThermalTripOpen, line.Replica.Level, thermalTripLevels, DetectorEventType.ThermalOverload, EventSeverity.Trip, now);
        }

        if (!valid)
        {
            return;
        }

        var percent = 100 * amps / line.RatingAmps;
        Report(line, ref line.Alarm, ref line.AlarmOpen, percent, alarmLevels, DetectorEventType.Overload, EventSeverity.Alarm, now);
        Report(line, ref line.Trip, ref line.TripOpen, percent, tripLevels, DetectorEventType.Overload, EventSeverity.Trip, now);
    }

    private void Report(Line line, ref TimedThreshold element, ref DetectorEvent? open, double value, in ThresholdLevels levels, DetectorEventType type, EventSeverity severity, long now)
    {
        switch (element.Update(value, now, levels))
        {
            case ThresholdChange.Operated:
                EventValue[] values = type == DetectorEventType.ThermalOverload
                    ? [.. Values(line), new("time_to_trip_s", ThermalReplica.TripTime(line.Replica.Level, line.LastAmps, settings.ThermalFactorK * line.RatingAmps, settings.ThermalTimeConstantSeconds))]
                    : Values(line);
                open = emitter.Start(
                    type,
                    severity,
                    line.Subject,
                    now,
                    line.Stations,
                    values,
                    [new("rating_a", line.RatingAmps), .. reportedSettings],
                    1,
                    type == DetectorEventType.Overload
                        ? $"{line.Subject} at {100 * line.LastAmps / line.RatingAmps:0.0} % of its rating"
                        : $"{line.Subject} thermal replica at {100 * line.Replica.Level:0.0} % of its trip level",
                    element.PickupTime);
                break;
            case ThresholdChange.Reset when open is not null:
                emitter.End(open, now, Values(line));
                open = null;
                break;
        }
    }

    private static EventValue[] Values(Line line) =>
    [
        new("current_a", line.LastAmps),
        new("current_percent", 100 * line.LastAmps / line.RatingAmps),
        new("thermal_percent", 100 * line.Replica.Level),
    ];

    private void Bind(ConfigFrame config, long now)
    {
        clock.Reset();
        framesPerSecond = config.FramesPerSecond > 0 ? config.FramesPerSecond : 1;
        thermalGain = 1 - Math.Exp(-1 / (framesPerSecond * settings.ThermalTimeConstantSeconds));
        var list = new List<Line>();
        string? problem = null;
        if (settings.Lines.Count == 0)
        {
            for (var pmu = 0; pmu < config.Pmus.Count; pmu++)
            {
                AddCurrents(list, config, pmu, settings.RatingAmps);
            }
        }
        else
        {
            foreach (var rating in settings.Lines)
            {
                var pmu = ConfigLookup.FindPmu(config, rating.Pmu);
                var amps = rating.RatingAmps > 0 ? rating.RatingAmps : settings.RatingAmps;
                var phasor = pmu < 0 || string.IsNullOrWhiteSpace(rating.Channel) ? -1 : ConfigLookup.FindPhasor(config, pmu, rating.Channel, PhasorKind.Current);
                if (phasor >= 0)
                {
                    list.Add(new Line(config, pmu, phasor, amps));
                }
                else if (pmu >= 0 && string.IsNullOrWhiteSpace(rating.Channel))
                {
                    AddCurrents(list, config, pmu, amps);
                }
                else
                {
                    problem ??= $"current '{rating.Pmu}' '{rating.Channel}' is not in the configuration";
                }
            }
        }

        lines = [.. list];
        bindJudgement = new Judgement("configuration", []);
        bindJudgement.Update(emitter, problem, now);
    }

    private static void AddCurrents(List<Line> list, ConfigFrame config, int pmu, double ratingAmps)
    {
        var start = ConfigLookup.PhasorStart(config, pmu);
        var channels = config.Pmus[pmu].Phasors;
        for (var i = 0; i < channels.Count; i++)
        {
            if (channels[i].Kind == PhasorKind.Current)
            {
                list.Add(new Line(config, pmu, start + i, ratingAmps));
            }
        }
    }

    private sealed class Line(ConfigFrame config, int pmu, int phasor, double ratingAmps) : IJudged
    {
        public TimedThreshold Alarm = new();
        public TimedThreshold Trip = new();
        public TimedThreshold ThermalAlarm = new();
        public TimedThreshold ThermalTrip = new();
        public DetectorEvent? AlarmOpen;
        public DetectorEvent? TripOpen;
        public DetectorEvent? ThermalAlarmOpen;
        public DetectorEvent? ThermalTripOpen;
        public ThermalReplica Replica;
        public InputFreshness Freshness;
        public double LastAmps = double.NaN;

        public int Pmu { get; } = pmu;

        public int Phasor { get; } = phasor;

        public double RatingAmps { get; } = ratingAmps;

        public string Subject { get; } = $"{ConfigLookup.StationName(config, pmu)}.{config.Pmus[pmu].Phasors[phasor - ConfigLookup.PhasorStart(config, pmu)].Name.Trim()}";

        public string[] Stations { get; } = [ConfigLookup.StationName(config, pmu)];

        public Judgement Judgement { get; } = new($"{ConfigLookup.StationName(config, pmu)} current", [ConfigLookup.StationName(config, pmu)]);
    }
}
