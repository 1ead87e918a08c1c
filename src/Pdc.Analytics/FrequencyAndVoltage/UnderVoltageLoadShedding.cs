using Pdc.Protocol;

namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// Under-voltage load shedding, one element per watched voltage phasor. Reports a Trip start event when an
/// element operates (values: voltage_pu, voltage, load_share_percent) and an end event when it resets; a
/// voltage invalid for longer than the stale setting is reported as cannot judge.
/// </summary>
public sealed class UnderVoltageLoadShedding : IDetector
{
    private const string Stale = "voltage invalid or stale";

    private readonly UvlsSettings settings;
    private readonly EventEmitter emitter;
    private readonly ThresholdLevels levels;
    private readonly long staleAfterNs;
    private readonly EventValue[] reportedSettings;
    private Judgement? bindJudgement;
    private Channel[] channels = [];

    public UnderVoltageLoadShedding(UvlsSettings settings, IDetectorEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        var check = new SettingsCheck(settings.Name);
        check.Add(settings.Validate());
        check.ThrowIfAny();
        this.settings = settings;
        emitter = new EventEmitter(settings.Name, sink);
        levels = new ThresholdLevels(
            -settings.PickupPerUnit,
            -(settings.PickupPerUnit + settings.DropoutMarginPerUnit),
            -settings.ResetPerUnit,
            ThresholdLevels.Nanoseconds(settings.DelaySeconds),
            ThresholdLevels.Nanoseconds(settings.ResetDelaySeconds));
        staleAfterNs = ThresholdLevels.Nanoseconds(settings.StaleAfterSeconds);
        reportedSettings =
        [
            new("pickup_pu", settings.PickupPerUnit),
            new("delay_s", settings.DelaySeconds),
            new("reset_pu", settings.ResetPerUnit),
            new("reset_delay_s", settings.ResetDelaySeconds),
        ];
    }

    public string Name => settings.Name;

    public bool CanJudge => Judgement.All(channels, bindJudgement);

    public void Process(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var now = frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase);
        if (emitter.IsNewConfiguration(frame.Config, now))
        {
            Bind(frame.Config, now);
        }

        foreach (var channel in channels)
        {
            Judge(channel, frame, now);
        }
    }

    private void Judge(Channel channel, DataFrame frame, long now)
    {
        var volts = ConfigLookup.IsValid(frame.Stat[channel.Pmu]) ? frame.Phasors[channel.Phasor].Magnitude : float.NaN;
        var valid = float.IsFinite(volts);
        if (!channel.Freshness.Update(valid, now, staleAfterNs))
        {
            channel.Judgement.Update(emitter, Stale, now);
            channel.Element.StopTimer();
            return;
        }

        channel.Judgement.Update(emitter, null, now);
        if (!valid)
        {
            return;
        }

        var perUnit = volts / channel.NominalVolts;
        switch (channel.Element.Update(-perUnit, now, levels))
        {
            case ThresholdChange.Operated:
                channel.Open = emitter.Start(
                    DetectorEventType.UnderVoltageLoadShedding,
                    EventSeverity.Trip,
                    channel.Subject,
                    now,
                    channel.Stations,
                    [new("voltage_pu", perUnit), new("voltage", volts), new("load_share_percent", settings.LoadSharePercent)],
                    reportedSettings,
                    1,
                    $"{channel.Subject} at {perUnit:0.000} pu for {settings.DelaySeconds} s",
                    channel.Element.PickupTime);
                break;
            case ThresholdChange.Reset when channel.Open is not null:
                emitter.End(channel.Open, now, [new("voltage_pu", perUnit), new("voltage", volts), new("load_share_percent", settings.LoadSharePercent)]);
                channel.Open = null;
                break;
        }
    }

    private void Bind(ConfigFrame config, long now)
    {
        var list = new List<Channel>();
        string? problem = null;
        if (settings.Voltages.Count == 0)
        {
            for (var pmu = 0; pmu < config.Pmus.Count; pmu++)
            {
                var phasor = ConfigLookup.FindPhasor(config, pmu, null, PhasorKind.Voltage);
                if (phasor >= 0)
                {
                    list.Add(new Channel(config, pmu, phasor, settings.NominalVolts));
                }
            }
        }
        else
        {
            foreach (var voltage in settings.Voltages)
            {
                var pmu = ConfigLookup.FindPmu(config, voltage.Pmu);
                var phasor = pmu < 0 ? -1 : ConfigLookup.FindPhasor(config, pmu, voltage.Channel, PhasorKind.Voltage);
                if (phasor < 0)
                {
                    problem ??= $"voltage '{voltage.Pmu}' '{voltage.Channel}' is not in the configuration";
                    continue;
                }

                list.Add(new Channel(config, pmu, phasor, voltage.NominalVolts > 0 ? voltage.NominalVolts : settings.NominalVolts));
            }
        }

        channels = [.. list];
        bindJudgement = new Judgement("configuration", []);
        bindJudgement.Update(emitter, problem, now);
    }

    private sealed class Channel(ConfigFrame config, int pmu, int phasor, double nominalVolts) : IJudged
    {
        public TimedThreshold Element = new();
        public InputFreshness Freshness;

        public int Pmu { get; } = pmu;

        public int Phasor { get; } = phasor;

        public double NominalVolts { get; } = nominalVolts;

        public string Subject { get; } = $"{ConfigLookup.StationName(config, pmu)}.{config.Pmus[pmu].Phasors[phasor - ConfigLookup.PhasorStart(config, pmu)].Name.Trim()}";

        public string[] Stations { get; } = [ConfigLookup.StationName(config, pmu)];

        public Judgement Judgement { get; } = new($"{ConfigLookup.StationName(config, pmu)} voltage", [ConfigLookup.StationName(config, pmu)]);

        public DetectorEvent? Open { get; set; }
    }
}
