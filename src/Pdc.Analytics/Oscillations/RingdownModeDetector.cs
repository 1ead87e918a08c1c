using Pdc.Analytics.Numerics;
using Pdc.Protocol;

namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Estimates each signal's modes (frequency, damping, amplitude) by Matrix Pencil over the last
/// <see cref="RingdownSettings.WindowSeconds"/>, once per update interval, staggered across signals. Frames
/// only feed the signals' own ring buffers; the estimate runs on the calling thread but allocates nothing.
/// While a window is a ringdown (see <see cref="RingdownSettings.TriggerRatio"/>), for the dominant mode of
/// each band it reports PoorlyDampedMode (Alarm below the alarm setting, Trip below the trip setting) or
/// GrowingOscillation (negative damping), with start and end events; confidence is the share of the window's
/// variance the model explains. A window with a longer gap than allowed is
/// reported as cannot judge.
/// </summary>
public sealed class RingdownModeDetector : IDetector
{
    private const string Stale = "signal invalid or stale in the window";
    private const string TooFewSamples = "the frame rate gives the window too few samples for the model order";

    private readonly RingdownSettings settings;
    private readonly EventEmitter emitter;
    private readonly DampingLimits limits;
    private readonly BandLimits bands;
    private readonly EventValue[] reportedSettings;
    private readonly long intervalNs;
    private readonly double ambientGain;
    private Track[] tracks = [];
    private MatrixPencil? pencil;
    private double[] window = [];
    private SampleClock clock;
    private double framesPerSecond;
    private double analysisRate;
    private int maxGap;
    private bool started;

    public RingdownModeDetector(RingdownSettings settings, IDetectorEventSink sink)
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
        ambientGain = Math.Min(1, settings.UpdateIntervalSeconds / settings.AmbientSeconds);
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

    public int SignalCount => tracks.Length;

    public string SignalLabel(int signal) => tracks[signal].Label;

    /// <summary>The latest estimate's modes of <paramref name="signal"/>, largest energy first (empty before the first estimate).</summary>
    public ReadOnlySpan<OscillationMode> Modes(int signal) => tracks[signal].Modes.AsSpan(0, tracks[signal].ModeCount);

    /// <summary>Share of the window's variance the latest estimate's model explains.</summary>
    public double FitQuality(int signal) => tracks[signal].FitQuality;

    /// <summary>Whether the latest window of <paramref name="signal"/> was a ringdown (RMS well above ambient).</summary>
    public bool IsRingingDown(int signal) => tracks[signal].RingingDown;

    /// <summary>Frame time (Unix ns) at the end of the latest estimate's window; 0 before the first.</summary>
    public long EstimateTime(int signal) => tracks[signal].EstimateTime;

    public void Process(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var now = frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase);
        if (emitter.IsNewConfiguration(frame.Config, now))
        {
            Bind(frame.Config, now);
        }

        var steps = clock.Advance(now, framesPerSecond);
        if (steps == 0 || pencil is null)
        {
            return;
        }

        if (!started)
        {
            started = true;
            for (var i = 0; i < tracks.Length; i++)
            {
                tracks[i].NextAnalysis = now + intervalNs + (intervalNs * i / tracks.Length);
            }
        }

        foreach (var track in tracks)
        {
            if (track.Signal is null)
            {
                continue;
            }

            for (var i = 1; i < steps; i++)
            {
                track.Signal.Add(double.NaN);
            }

            track.Signal.Add(track.Source.Read(frame));
            if (now >= track.NextAnalysis)
            {
                track.NextAnalysis = Math.Max(track.NextAnalysis + intervalNs, now + (intervalNs / 2));
                Analyse(track, now);
            }
        }
    }

    private void Analyse(Track track, long now)
    {
        var signal = track.Signal!;
        if (signal.Count < window.Length)
        {
            return;
        }

        if (!signal.TryCopyLatest(window, maxGap))
        {
            track.Judgement.Update(emitter, Stale, now);
            track.ModeCount = 0;
            return;
        }

        track.Judgement.Update(emitter, null, now);
        if (!pencil!.TryEstimate(window, analysisRate, track.Modes, out var count, out var fit))
        {
            track.ModeCount = 0;
            return;
        }

        SortByEnergy(track.Modes.AsSpan(0, count));
        var variance = pencil.WindowVariance;
        track.RingingDown = !double.IsNaN(track.AmbientVariance) && variance >= settings.TriggerRatio * settings.TriggerRatio * track.AmbientVariance;
        // A ringdown barely teaches the ambient level (a tenth of the gain), so it cannot mask its own tail; a lasting
        // change of the ambient level is still learned, over ten time constants.
        var gain = track.RingingDown ? ambientGain / 10 : ambientGain;
        track.AmbientVariance = double.IsNaN(track.AmbientVariance) ? variance : track.AmbientVariance + ((variance - track.AmbientVariance) * gain);
        track.ModeCount = count;
        track.FitQuality = fit;
        track.EstimateTime = now;
        JudgeBand(track, OscillationBand.InterArea, track.InterArea, fit, now);
        JudgeBand(track, OscillationBand.Local, track.Local, fit, now);
    }

    private void JudgeBand(Track track, OscillationBand band, DampingAlarm alarm, double fit, long now)
    {
        var found = false;
        var dominant = default(OscillationMode);
        var modes = track.Modes.AsSpan(0, track.ModeCount);
        var totalEnergy = 0.0;
        foreach (var mode in modes)
        {
            totalEnergy += mode.Energy;
        }

        if (track.RingingDown && fit >= settings.MinimumFitQuality)
        {
            // Modes are sorted by energy, so the first in the band is its dominant mode.
            foreach (var mode in modes)
            {
                if (bands.Classify(mode.FrequencyHz) == band)
                {
                    dominant = mode;
                    found = mode.Amplitude >= settings.MinimumAmplitude && mode.Energy >= settings.MinimumEnergyShare * totalEnergy;
                    break;
                }
            }
        }

        alarm.Update(found, dominant, fit, now, emitter, limits, reportedSettings);
    }

    private static void SortByEnergy(Span<OscillationMode> modes)
    {
        for (var i = 1; i < modes.Length; i++)
        {
            var mode = modes[i];
            var j = i - 1;
            while (j >= 0 && modes[j].Energy < mode.Energy)
            {
                modes[j + 1] = modes[j];
                j--;
            }

            modes[j + 1] = mode;
        }
    }

    private void Bind(ConfigFrame config, long now)
    {
        started = false;
        clock.Reset();
        framesPerSecond = config.FramesPerSecond > 0 ? config.FramesPerSecond : 1;
        var factor = Math.Max(1, (int)Math.Floor(framesPerSecond / settings.AnalysisRateHz));
        analysisRate = framesPerSecond / factor;
        var samples = (int)Math.Round(settings.WindowSeconds * analysisRate);
        var pencilLength = Math.Max(settings.ModelOrder, (int)Math.Round(samples * settings.PencilFraction));
        pencil = samples - pencilLength >= settings.ModelOrder ? new MatrixPencil(samples, pencilLength, settings.ModelOrder) : null;
        window = new double[samples];
        maxGap = (int)Math.Floor(settings.MaximumGapSeconds * analysisRate);
        tracks = new Track[settings.Signals.Count];
        for (var i = 0; i < tracks.Length; i++)
        {
            var signalSettings = settings.Signals[i];
            var resolved = SignalSource.TryResolve(signalSettings, config, out var source, out var problem);
            var label = resolved ? source.Label : $"{signalSettings.Pmu} {signalSettings.Kind}";
            var stations = resolved ? source.Stations : [];
            tracks[i] = new Track(label, stations, settings.ModelOrder)
            {
                Source = source,
                Signal = resolved ? new DecimatedSignal(samples, factor, signalSettings.Kind == SignalKind.AngleDifference) : null,
            };
            var reason = !resolved ? problem : pencil is null ? TooFewSamples : null;
            tracks[i].Judgement.Update(emitter, reason, now);
        }
    }

    private sealed class Track(string label, string[] stations, int order) : IJudged
    {
        public string Label { get; } = label;

        public SignalSource Source { get; init; }

        public DecimatedSignal? Signal { get; init; }

        public OscillationMode[] Modes { get; } = new OscillationMode[order];

        public int ModeCount { get; set; }

        public double FitQuality { get; set; }

        public long EstimateTime { get; set; }

        public long NextAnalysis { get; set; }

        public double AmbientVariance { get; set; } = double.NaN;

        public bool RingingDown { get; set; }

        public Judgement Judgement { get; } = new(label, stations);

        public DampingAlarm InterArea { get; } = new($"{label} inter-area", stations);

        public DampingAlarm Local { get; } = new($"{label} local", stations);
    }
}
