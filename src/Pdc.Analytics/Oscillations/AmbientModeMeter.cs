using Pdc.Protocol;

namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Ambient mode meter: per signal, the dominant mode of each band (inter-area, local) from a recursively
/// updated autoregressive model (see <see cref="AmbientModeMeterSettings"/>). Reports PoorlyDampedMode and
/// GrowingOscillation like the ringdown detector, with confidence the share of the window filled by valid
/// data. Before <see cref="AmbientModeMeterSettings.MinimumSeconds"/> of data it makes no estimate; a
/// signal stale or mostly invalid is reported as cannot judge. Allocates nothing per frame.
/// </summary>
public sealed class AmbientModeMeter : IDetector
{
    private const string Stale = "signal invalid or stale";

    private readonly AmbientModeMeterSettings settings;
    private readonly EventEmitter emitter;
    private readonly DampingLimits limits;
    private readonly BandLimits bands;
    private readonly EventValue[] reportedSettings;
    private readonly long intervalNs;
    private readonly long minimumNs;
    private readonly long staleAfterNs;
    private Track[] tracks = [];
    private SampleClock clock;
    private double framesPerSecond;
    private double analysisRate;
    private long firstFrame;
    private bool started;

    public AmbientModeMeter(AmbientModeMeterSettings settings, IDetectorEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        var check = new SettingsCheck(settings.Name);
        check.Add(settings.Validate());
        check.ThrowIfAny();
        this.settings = settings;
        emitter = new EventEmitter(settings.Name, sink);
        limits = new DampingLimits(settings.DampingAlarmPercent, settings.DampingTripPercent, settings.DampingHysteresisPercent, settings.ConfirmUpdates, settings.DampingConsistencyPercent);
        bands = new BandLimits(settings.LowestFrequencyHz, settings.InterAreaUpperHz, settings.HighestFrequencyHz);
        intervalNs = ThresholdLevels.Nanoseconds(settings.UpdateIntervalSeconds);
        minimumNs = ThresholdLevels.Nanoseconds(settings.MinimumSeconds);
        staleAfterNs = ThresholdLevels.Nanoseconds(settings.StaleAfterSeconds);
        reportedSettings =
        [
            new("damping_alarm_percent", settings.DampingAlarmPercent),
            new("damping_trip_percent", settings.DampingTripPercent),
            new("window_s", settings.WindowSeconds),
            new("model_order", settings.ModelOrder),
        ];
    }

    public string Name => settings.Name;

    public bool CanJudge => Judgement.All(tracks);

    /// <summary>
    /// The latest estimate of the dominant mode of <paramref name="band"/> in <paramref name="signal"/>, or null
    /// when there is none. Its Energy is the model's spectral peak height (arbitrary scale); Amplitude is 0.
    /// </summary>
    public OscillationMode? DominantMode(int signal, OscillationBand band)
    {
        var track = tracks[signal];
        return band switch
        {
            OscillationBand.InterArea when track.HasInterArea => track.InterAreaMode,
            OscillationBand.Local when track.HasLocal => track.LocalMode,
            _ => null,
        };
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

        if (!started)
        {
            started = true;
            firstFrame = now;
            for (var i = 0; i < tracks.Length; i++)
            {
                tracks[i].NextAnalysis = now + intervalNs + (intervalNs * i / tracks.Length);
            }
        }

        foreach (var track in tracks)
        {
            if (track.Signal is null || track.Model is null)
            {
                continue;
            }

            for (var i = 1; i < steps; i++)
            {
                Feed(track, double.NaN);
            }

            var value = track.Source.Read(frame);
            if (!double.IsNaN(value))
            {
                track.LastValid = now;
            }

            Feed(track, value);
            if (now >= track.NextAnalysis)
            {
                track.NextAnalysis = Math.Max(track.NextAnalysis + intervalNs, now + (intervalNs / 2));
                Analyse(track, now);
            }
        }
    }

    private static void Feed(Track track, double value)
    {
        if (track.Signal!.Add(value))
        {
            track.Model!.Add(track.Signal.Latest);
        }
    }

    private void Analyse(Track track, long now)
    {
        var model = track.Model!;
        if (now - firstFrame < minimumNs)
        {
            return;
        }

        if (now - track.LastValid > staleAfterNs || model.Coverage < 0.5)
        {
            track.Judgement.Update(emitter, Stale, now);
            track.HasInterArea = track.HasLocal = false;
            return;
        }

        track.Judgement.Update(emitter, null, now);
        if (!model.TryFit())
        {
            return;
        }

        track.HasInterArea = track.HasLocal = false;
        double interAreaPeak = 0, localPeak = 0;
        var poleReal = model.PoleReal;
        var poleImaginary = model.PoleImaginary;
        for (var p = 0; p < poleReal.Length; p++)
        {
            if (poleImaginary[p] <= 0)
            {
                continue;
            }

            var angle = Math.Atan2(poleImaginary[p], poleReal[p]);
            var band = bands.Classify(angle * analysisRate / (2 * Math.PI));
            if (band == OscillationBand.Outside)
            {
                continue;
            }

            var peak = model.Spectrum(angle);
            var radius = Math.Sqrt((poleReal[p] * poleReal[p]) + (poleImaginary[p] * poleImaginary[p]));
            var mode = OscillationMode.FromPole(Math.Log(radius) * analysisRate, angle * analysisRate, 0, 0, peak);
            if (band == OscillationBand.InterArea && peak > interAreaPeak)
            {
                interAreaPeak = peak;
                track.InterAreaMode = mode;
                track.HasInterArea = true;
            }
            else if (band == OscillationBand.Local && peak > localPeak)
            {
                localPeak = peak;
                track.LocalMode = mode;
                track.HasLocal = true;
            }
        }

        track.InterArea.Update(track.HasInterArea, track.InterAreaMode, model.Coverage, now, emitter, limits, reportedSettings);
        track.Local.Update(track.HasLocal, track.LocalMode, model.Coverage, now, emitter, limits, reportedSettings);
    }

    private void Bind(ConfigFrame config, long now)
    {
        started = false;
        clock.Reset();
        framesPerSecond = config.FramesPerSecond > 0 ? config.FramesPerSecond : 1;
        var factor = Math.Max(1, (int)Math.Floor(framesPerSecond / settings.AnalysisRateHz));
        analysisRate = framesPerSecond / factor;
        tracks = new Track[settings.Signals.Count];
        for (var i = 0; i < tracks.Length; i++)
        {
            var signalSettings = settings.Signals[i];
            var resolved = SignalSource.TryResolve(signalSettings, config, out var source, out var problem);
            var label = resolved ? source.Label : $"{signalSettings.Pmu} {signalSettings.Kind}";
            var stations = resolved ? source.Stations : [];
            tracks[i] = new Track(label, stations)
            {
                Source = source,
                Signal = resolved ? new DecimatedSignal(1, factor, signalSettings.Kind == SignalKind.AngleDifference) : null,
                Model = resolved ? new RecursiveAutocorrelation(settings.ModelOrder, settings.WindowSeconds * analysisRate, settings.DetrendSeconds * analysisRate) : null,
                LastValid = now,
            };
            tracks[i].Judgement.Update(emitter, resolved ? null : problem, now);
        }
    }

    private sealed class Track(string label, string[] stations) : IJudged
    {
        public string Label { get; } = label;

        public SignalSource Source { get; init; }

        public DecimatedSignal? Signal { get; init; }

        public RecursiveAutocorrelation? Model { get; init; }

        public long LastValid { get; set; }

        public long NextAnalysis { get; set; }

        public OscillationMode InterAreaMode { get; set; }

        public OscillationMode LocalMode { get; set; }

        public bool HasInterArea { get; set; }

        public bool HasLocal { get; set; }

        public Judgement Judgement { get; } = new(label, stations);

        public DampingAlarm InterArea { get; } = new($"{label} inter-area", stations);

        public DampingAlarm Local { get; } = new($"{label} local", stations);
    }
}
