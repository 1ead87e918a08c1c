using Pdc.Protocol;

namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// The system frequency input shared by the frequency detectors: the monitored PMUs resolved against each new
/// configuration, their median per frame, and the cannot-judge report when too few stay valid for too long.
/// A new configuration ends every event the detector has open, since the detector then rebuilds what held them.
/// </summary>
internal sealed class FrequencyInput(IList<string> pmuKeys, int minimumPmus, double nominalSettingHz, double staleAfterSeconds)
{
    private const string NotEnoughPmus = "too few valid PMUs for the system frequency";
    private const string Subject = "system frequency";

    private readonly long staleAfterNs = ThresholdLevels.Nanoseconds(staleAfterSeconds);
    private Judgement judgement = new(Subject, []);
    private string? bindProblem;
    private SystemFrequency? median;
    private InputFreshness freshness;

    public bool CanJudge => judgement.CanJudge;

    /// <summary>Station names of the monitored PMUs (events list them).</summary>
    public string[] Stations { get; private set; } = [];

    public double NominalHz { get; private set; }

    /// <summary>Share of the monitored PMUs valid in the last frame read.</summary>
    public double Confidence => median is null || median.PmuCount == 0 ? 0 : (double)median.ValidCount / median.PmuCount;

    /// <summary>True when the last <see cref="Read"/> met a new configuration (the caller rebuilds its own state).</summary>
    public bool Rebound { get; private set; }

    public InputState Read(DataFrame frame, long now, EventEmitter emitter, bool reportedRocof, out double value)
    {
        value = double.NaN;
        Rebound = emitter.IsNewConfiguration(frame.Config, now);
        if (Rebound)
        {
            Bind(frame.Config);
        }

        if (bindProblem is not null || median is null)
        {
            judgement.Update(emitter, bindProblem, now);
            return InputState.CannotJudge;
        }

        value = reportedRocof ? median.MeasureRocof(frame) : median.Measure(frame);
        var enough = median.ValidCount >= minimumPmus;
        if (!freshness.Update(enough, now, staleAfterNs))
        {
            judgement.Update(emitter, NotEnoughPmus, now);
            return InputState.CannotJudge;
        }

        judgement.Update(emitter, null, now);
        return enough ? InputState.Valid : InputState.Ignored;
    }

    private void Bind(ConfigFrame config)
    {
        judgement = new Judgement(Subject, []);
        freshness = default;
        median = null;
        var missing = new List<string>();
        var pmus = ConfigLookup.SelectPmus(config, pmuKeys, missing);
        bindProblem = missing.Count > 0 ? $"PMU '{missing[0]}' is not in the configuration" : null;
        if (pmus.Length == 0)
        {
            bindProblem ??= "no PMU to monitor";
            return;
        }

        median = new SystemFrequency(pmus);
        Stations = ConfigLookup.StationNames(config, pmus);
        NominalHz = nominalSettingHz > 0 ? nominalSettingHz : config.Pmus[pmus[0]].NominalFrequency;
    }
}
