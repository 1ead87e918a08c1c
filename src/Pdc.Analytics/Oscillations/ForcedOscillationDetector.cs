using Pdc.Analytics.Numerics;
using Pdc.Protocol;

namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Detects forced oscillations (see <see cref="ForcedOscillationSettings"/>). Each signal's spectrum is
/// evaluated every half segment, the signals staggered across frames so the cost per frame stays even. A
/// detection in any signal starts a ForcedOscillation Alarm (when its largest amplitude reaches the setting)
/// naming the PMUs where it is largest; values: frequency_hz, amplitude (largest), spectral_ratio, then
/// amplitude_1.. in the order of the PMUs. The start time is the onset estimated from the segments; confidence
/// is 1 − the Bonferroni p-value of the test. The event ends when no signal has shown the oscillation for the
/// end delay. A signal whose segment is mostly invalid is reported as cannot judge.
/// </summary>
public sealed class ForcedOscillationDetector : IDetector
{
    private const string Invalid = "signal invalid for too much of a segment";
    private const int MaxTracked = 8;
    private const int FrozenNeighbours = 2;

    private readonly ForcedOscillationSettings settings;
    private readonly EventEmitter emitter;
    private readonly long endAfterNs;
    private SignalSource[] sources = [];
    private Judgement[] judgements = [];
    private bool[] resolved = [];
    private AngleUnwrapper[] unwrappers = [];
    private WelchSpectra? spectra;
    private TrackedOscillation[] tracked = [];
    private bool[] frozen = [];
    private LargestAmplitudes ranking = new(1);
    private EventValue[] reportedSettings = [];
    private SampleClock clock;
    private double framesPerSecond;
    private double threshold;
    private double singleThreshold;
    private int lowBin;
    private int highBin;
    private int learningSegments;

    public ForcedOscillationDetector(ForcedOscillationSettings settings, IDetectorEventSink sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        var check = new SettingsCheck(settings.Name);
        check.Add(settings.Validate());
        check.ThrowIfAny();
        this.settings = settings;
        emitter = new EventEmitter(settings.Name, sink);
        endAfterNs = ThresholdLevels.Nanoseconds(settings.EndAfterSeconds);
    }

    public string Name => settings.Name;

    public bool CanJudge => Judgement.All(judgements);

    /// <summary>True while the ambient spectra are still being learned and no decision is made.</summary>
    public bool IsLearning
    {
        get
        {
            if (spectra is null)
            {
                return true;
            }

            for (var s = 0; s < sources.Length; s++)
            {
                if (resolved[s] && spectra.BaselineCount(s) < learningSegments)
                {
                    return true;
                }
            }

            return false;
        }
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
        if (steps == 0 || spectra is null)
        {
            return;
        }

        for (var gap = 1; gap < Math.Min(steps, spectra.Segment + 1); gap++)
        {
            for (var s = 0; s < sources.Length; s++)
            {
                spectra.Write(s, float.NaN);
            }

            spectra.EndFrame();
        }

        for (var s = 0; s < sources.Length; s++)
        {
            var value = resolved[s] ? sources[s].Read(frame) : double.NaN;
            spectra.Write(s, (float)(sources[s].Kind == SignalKind.AngleDifference ? unwrappers[s].Unwrap(value) : value));
        }

        spectra.EndFrame();
        if (spectra.Frames >= spectra.Segment)
        {
            for (var s = (int)(spectra.Frames % spectra.Hop); s < sources.Length; s += spectra.Hop)
            {
                Evaluate(s, now);
            }
        }

        EndQuietOscillations(now);
    }

    private void Evaluate(int signal, long now)
    {
        var welch = spectra!;
        if (!resolved[signal])
        {
            return;
        }

        if (!welch.TryAnalyse(signal, now, settings.MaximumInvalidShare))
        {
            judgements[signal].Update(emitter, Invalid, now);
            return;
        }

        judgements[signal].Update(emitter, null, now);
        Array.Clear(frozen);
        foreach (var oscillation in tracked)
        {
            if (oscillation.InUse)
            {
                Freeze(oscillation.Bin);
            }
        }

        if (welch.BaselineCount(signal) >= learningSegments && welch.SegmentsDone(signal) >= settings.AveragedSegments)
        {
            var bin = welch.PeakRatio(signal, lowBin, highBin, out var ratio);
            if (bin >= 0 && ratio > threshold)
            {
                Freeze(bin);
                Detected(signal, bin, ratio, now);
            }
        }

        welch.UpdateBaseline(signal, frozen);
    }

    private void Freeze(int bin)
    {
        for (var b = Math.Max(0, bin - FrozenNeighbours); b <= Math.Min(frozen.Length - 1, bin + FrozenNeighbours); b++)
        {
            frozen[b] = true;
        }
    }

    private void Detected(int signal, int bin, double ratio, long now)
    {
        var welch = spectra!;
        var frequency = welch.RefinedFrequency(signal, bin);
        TrackedOscillation? oscillation = null;
        TrackedOscillation? free = null;
        foreach (var candidate in tracked)
        {
            if (candidate.InUse && Math.Abs(candidate.Bin - bin) <= FrozenNeighbours)
            {
                oscillation = candidate;
                break;
            }

            free ??= candidate.InUse ? null : candidate;
        }

        if (oscillation is not null)
        {
            oscillation.LastSeen = now;
            if (ratio > oscillation.Ratio)
            {
                // A segment that holds more of the oscillation locates it better.
                oscillation.Ratio = ratio;
                oscillation.FrequencyHz = frequency;
            }
            welch.PrepareTone(oscillation.FrequencyHz);

            // The largest seen: once the oscillation stops, the average still shows it for a while but the newest segment does not.
            oscillation.Amplitudes[signal] = Math.Max(oscillation.Amplitudes[signal], welch.Amplitude(signal));
        }
        else if (free is not null)
        {
            oscillation = free;
            var onset = Math.Min(now, welch.EarliestOnset(signal, bin, singleThreshold));
            oscillation.Start(bin, frequency, onset, now, ratio);
            welch.PrepareTone(frequency);
            for (var s = 0; s < sources.Length; s++)
            {
                oscillation.Amplitudes[s] = resolved[s] ? welch.Amplitude(s) : 0;
            }
        }

        if (oscillation is { Open: null } && oscillation.LargestAmplitude() >= settings.MinimumAmplitude)
        {
            Report(oscillation, now);
        }
    }

    private void Report(TrackedOscillation oscillation, long now)
    {
        var count = ranking.Rank(oscillation.Amplitudes, resolved);
        var pmus = new string[count];
        for (var i = 0; i < count; i++)
        {
            pmus[i] = sources[ranking[i]].Stations[0];
        }

        var values = Values(oscillation, count);

        var welch = spectra!;
        var pValue = (highBin - lowBin + 1) * ChiSquare.UpperTail(welch.DegreesOfFreedom, welch.DegreesOfFreedom * oscillation.Ratio);
        oscillation.Open = emitter.Start(
            DetectorEventType.ForcedOscillation,
            EventSeverity.Alarm,
            $"{oscillation.FrequencyHz:0.000} Hz",
            now,
            pmus,
            values,
            reportedSettings,
            1 - Math.Min(1, pValue),
            $"forced oscillation at {oscillation.FrequencyHz:0.000} Hz, largest at {pmus[0]} (amplitude {oscillation.Amplitudes[ranking[0]]:G3})",
            oscillation.Onset);
    }

    /// <summary>The event values, with the amplitudes of the PMUs in the order of the present ranking.</summary>
    private EventValue[] Values(TrackedOscillation oscillation, int count)
    {
        var values = new EventValue[3 + count];
        values[0] = new("frequency_hz", oscillation.FrequencyHz);
        values[1] = new("amplitude", oscillation.Amplitudes[ranking[0]]);
        values[2] = new("spectral_ratio", oscillation.Ratio);
        for (var i = 0; i < count; i++)
        {
            values[3 + i] = new($"amplitude_{i + 1}", oscillation.Amplitudes[ranking[i]]);
        }

        return values;
    }

    private void EndQuietOscillations(long now)
    {
        foreach (var oscillation in tracked)
        {
            if (!oscillation.InUse || now - oscillation.LastSeen <= endAfterNs)
            {
                continue;
            }

            if (oscillation.Open is not null)
            {
                // Later segments, wholly inside the oscillation, refine the amplitudes: the end report carries the largest seen, in the reported PMUs' order.
                var order = oscillation.Open.Pmus;
                var latest = new EventValue[3 + order.Count];
                latest[0] = new("frequency_hz", oscillation.FrequencyHz);
                latest[2] = new("spectral_ratio", oscillation.Ratio);
                for (var i = 0; i < order.Count; i++)
                {
                    latest[3 + i] = new($"amplitude_{i + 1}", AmplitudeAt(oscillation, order[i]));
                }

                latest[1] = new("amplitude", order.Count > 0 ? latest[3].Value : 0);
                emitter.End(oscillation.Open, now, latest);
            }

            oscillation.InUse = false;
            oscillation.Open = null;
        }
    }

    private double AmplitudeAt(TrackedOscillation oscillation, string station)
    {
        for (var s = 0; s < sources.Length; s++)
        {
            if (resolved[s] && sources[s].Stations[0] == station)
            {
                return oscillation.Amplitudes[s];
            }
        }

        return 0;
    }

    private void Bind(ConfigFrame config, long now)
    {
        clock.Reset();
        framesPerSecond = config.FramesPerSecond > 0 ? config.FramesPerSecond : 1;
        var count = settings.Signals.Count > 0 ? settings.Signals.Count : config.Pmus.Count;
        sources = new SignalSource[count];
        resolved = new bool[count];
        unwrappers = new AngleUnwrapper[count];
        judgements = new Judgement[count];
        for (var i = 0; i < count; i++)
        {
            var problem = "";
            if (settings.Signals.Count == 0)
            {
                sources[i] = SignalSource.FrequencyOf(config, i);
                resolved[i] = true;
            }
            else
            {
                resolved[i] = SignalSource.TryResolve(settings.Signals[i], config, out sources[i], out problem);
            }

            judgements[i] = new Judgement(resolved[i] ? sources[i].Label : settings.Signals[i].Pmu, resolved[i] ? sources[i].Stations : []);
            judgements[i].Update(emitter, resolved[i] ? null : problem, now);
        }

        var segment = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(4, Math.Ceiling(settings.SegmentSeconds * framesPerSecond)));
        spectra = new WelchSpectra(sources.Length, segment, settings.AveragedSegments, framesPerSecond, settings.BaselineSeconds);
        lowBin = Math.Max(1, (int)Math.Ceiling(settings.LowestFrequencyHz / spectra.BinHz));
        var highest = settings.HighestFrequencyHz > 0 ? Math.Min(settings.HighestFrequencyHz, framesPerSecond / 2) : framesPerSecond / 2;
        highBin = Math.Min(spectra.Bins - 2, (int)Math.Floor(highest / spectra.BinHz));
        var bins = Math.Max(1, highBin - lowBin + 1);
        threshold = ChiSquare.ScaledThreshold(spectra.DegreesOfFreedom, settings.FalseAlarmProbability / bins);
        singleThreshold = ChiSquare.ScaledThreshold(2, settings.FalseAlarmProbability / bins);
        learningSegments = (int)Math.Ceiling(settings.LearningSeconds * framesPerSecond / spectra.Hop);
        frozen = new bool[spectra.Bins];
        ranking = new LargestAmplitudes(settings.ReportedPmus);
        tracked = new TrackedOscillation[MaxTracked];
        for (var i = 0; i < tracked.Length; i++)
        {
            tracked[i] = new TrackedOscillation(sources.Length);
        }

        reportedSettings =
        [
            new("false_alarm_probability", settings.FalseAlarmProbability),
            new("threshold_ratio", threshold),
            new("segment_s", segment / framesPerSecond),
            new("averaged_segments", settings.AveragedSegments),
            new("minimum_amplitude", settings.MinimumAmplitude),
        ];
    }
}
