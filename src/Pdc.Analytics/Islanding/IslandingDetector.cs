using Pdc.Protocol;

namespace Pdc.Analytics.Islanding;

/// <summary>
/// Reports an Islanding Trip per group when its frequency departs from the reference or its angle drifts
/// steadily away (see <see cref="IslandingSettings"/>), and an end event when it has rejoined. An islanded
/// group's PMUs leave the reference of every other group until it rejoins. Values:
/// group_frequency_hz, reference_frequency_hz, frequency_difference_hz, angle_difference_deg, angle_drift_deg.
/// Angles come from each PMU's first voltage phasor. Confidence is the share of the group's and the
/// reference's PMUs that were valid. "Cannot judge: reference invalid" when too few reference PMUs stay valid.
/// </summary>
public sealed class IslandingDetector : IDetector
{
    private const string ReferenceInvalid = "reference invalid";
    private const string GroupInvalid = "no valid PMU in the group";
    private const double DegreesPerRadian = 180 / Math.PI;

    private readonly IslandingSettings settings;
    private readonly EventEmitter emitter;
    private readonly long staleAfterNs;
    private readonly EventValue[] reportedSettings;
    private Judgement? bindJudgement;
    private Group[] groups = [];
    private PmuSnapshot pmus = new(0);
    private ThresholdLevels levels;
    private SampleClock clock;
    private double framesPerSecond;
    private double nominalHz;
    private int referenceCount;

    public IslandingDetector(IslandingSettings settings, IDetectorEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        var check = new SettingsCheck(settings.Name);
        check.Add(settings.Validate());
        check.ThrowIfAny();
        this.settings = settings;
        emitter = new EventEmitter(settings.Name, sink);
        staleAfterNs = ThresholdLevels.Nanoseconds(settings.StaleAfterSeconds);
        reportedSettings =
        [
            new("frequency_deviation_hz", settings.FrequencyDeviationHz),
            new("angle_drift_deg", settings.AngleDriftDegrees),
            new("angle_window_s", settings.AngleWindowSeconds),
            new("delay_s", settings.DelaySeconds),
            new("system_event_share", settings.SystemEventShare),
        ];
    }

    public string Name => settings.Name;

    public bool CanJudge => Judgement.All(groups, bindJudgement);

    /// <summary>Whether the group named <paramref name="groupName"/> is islanded now.</summary>
    public bool IsIslanded(string groupName)
    {
        foreach (var group in groups)
        {
            if (group.Name == groupName)
            {
                return group.Element.Operated;
            }
        }

        return false;
    }

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

        var reference = pmus.Read(frame);
        foreach (var group in groups)
        {
            Judge(group, reference, now, steps);
        }
    }

    private void Judge(Group group, in PhasorSum reference, long now, int steps)
    {
        var own = pmus.Sum(group.Pmus, onlyReference: false);
        var theirs = reference - pmus.Sum(group.Pmus, onlyReference: true);
        var reason = own.Count == 0 ? GroupInvalid : theirs.Count < settings.MinimumReferencePmus ? ReferenceInvalid : null;
        if (!group.Freshness.Update(reason is null, now, staleAfterNs))
        {
            group.Judgement.Update(emitter, reason, now);
            group.Element.StopTimer();
            group.Angles.Skip(steps);
            return;
        }

        group.Judgement.Update(emitter, null, now);
        if (reason is not null)
        {
            group.Angles.Skip(steps);
            return;
        }

        var groupHz = own.Frequency;
        var referenceHz = theirs.Frequency;
        var difference = groupHz - referenceHz;
        var angle = own.HasAngle && theirs.HasAngle ? own.AngleTo(theirs) * DegreesPerRadian : double.NaN;
        group.Angles.Skip(steps - 1);
        group.Angles.Push(angle);
        var drift = group.Angles.SteadyDrift();
        var groupMove = groupHz - nominalHz;
        var referenceMove = referenceHz - nominalHz;
        var systemWide = groupMove * referenceMove > 0 && Math.Abs(referenceMove) >= settings.SystemEventShare * Math.Abs(groupMove);
        var score = systemWide ? 0 : Math.Max(Math.Abs(difference) / settings.FrequencyDeviationHz, Math.Abs(drift) / settings.AngleDriftDegrees);
        switch (group.Element.Update(score, now, levels))
        {
            case ThresholdChange.Operated:
                var byFrequency = Math.Abs(difference) >= settings.FrequencyDeviationHz;
                group.Open = emitter.Start(
                    DetectorEventType.Islanding,
                    EventSeverity.Trip,
                    group.Name,
                    now,
                    group.Stations,
                    Values(groupHz, referenceHz, group.Angles.Latest, drift),
                    reportedSettings,
                    ((double)own.Count / group.Pmus.Length) * ((double)theirs.Count / Math.Max(1, referenceCount - group.ReferenceMembers)),
                    byFrequency
                        ? $"{group.Name} frequency {groupHz:0.000} Hz departs from the reference {referenceHz:0.000} Hz"
                        : $"{group.Name} angle drifts steadily from the reference ({drift:0.0}° over {settings.AngleWindowSeconds} s)",
                    group.Element.PickupTime);
                MarkIslanded(group, true);
                break;
            case ThresholdChange.Reset when group.Open is not null:
                emitter.End(group.Open, now, Values(groupHz, referenceHz, group.Angles.Latest, drift));
                group.Open = null;
                MarkIslanded(group, false);
                break;
        }
    }

    private void MarkIslanded(Group group, bool islanded)
    {
        foreach (var pmu in group.Pmus)
        {
            pmus.Islanded[pmu] = islanded;
        }
    }

    private static EventValue[] Values(double groupHz, double referenceHz, double angle, double drift) =>
    [
        new("group_frequency_hz", groupHz),
        new("reference_frequency_hz", referenceHz),
        new("frequency_difference_hz", groupHz - referenceHz),
        new("angle_difference_deg", angle),
        new("angle_drift_deg", drift),
    ];

    private void Bind(ConfigFrame config, long now)
    {
        clock.Reset();
        framesPerSecond = config.FramesPerSecond > 0 ? config.FramesPerSecond : 1;
        nominalHz = config.Pmus.Count > 0 ? config.Pmus[0].NominalFrequency : 60;
        levels = new ThresholdLevels(1.0, 0.9, 0.5, ThresholdLevels.Nanoseconds(settings.DelaySeconds), ThresholdLevels.Nanoseconds(settings.ResetDelaySeconds));
        var missing = new List<string>();
        var referenceSet = ConfigLookup.SelectPmus(config, settings.ReferencePmus, missing);
        pmus = new PmuSnapshot(config.Pmus.Count);
        foreach (var index in referenceSet)
        {
            pmus.InReference[index] = true;
        }

        referenceCount = referenceSet.Length;
        for (var i = 0; i < config.Pmus.Count; i++)
        {
            pmus.Weight[i] = 1;
            pmus.VoltagePhasor[i] = ConfigLookup.FindPhasor(config, i, null, PhasorKind.Voltage);
        }

        foreach (var (key, weight) in settings.InertiaWeights)
        {
            var index = ConfigLookup.FindPmu(config, key);
            if (index < 0)
            {
                missing.Add(key);
            }
            else
            {
                pmus.Weight[index] = weight;
            }
        }

        var window = Math.Max(4, (int)Math.Round(settings.AngleWindowSeconds * framesPerSecond));
        var list = new List<Group>();
        if (settings.Groups.Count == 0)
        {
            for (var i = 0; i < config.Pmus.Count; i++)
            {
                list.Add(new Group(ConfigLookup.StationName(config, i), [i], config, window, pmus.InReference));
            }
        }
        else
        {
            foreach (var group in settings.Groups)
            {
                var members = ConfigLookup.SelectPmus(config, group.Pmus, missing);
                list.Add(new Group(group.Name, members, config, window, pmus.InReference));
            }
        }

        groups = [.. list];
        bindJudgement = new Judgement("configuration", []);
        bindJudgement.Update(emitter, missing.Count > 0 ? $"PMU '{missing[0]}' is not in the configuration" : null, now);
    }

    private sealed class Group(string name, int[] members, ConfigFrame config, int window, bool[] inReference) : IJudged
    {
        public TimedThreshold Element = new();
        public InputFreshness Freshness;

        public string Name { get; } = name;

        public int[] Pmus { get; } = members;

        /// <summary>How many of the group's PMUs also belong to the reference set (and so leave it for this group).</summary>
        public int ReferenceMembers { get; } = members.Count(pmu => inReference[pmu]);

        public string[] Stations { get; } = ConfigLookup.StationNames(config, members);

        public AngleHistory Angles { get; } = new(window);

        public Judgement Judgement { get; } = new(name, ConfigLookup.StationNames(config, members));

        public DetectorEvent? Open { get; set; }
    }
}
