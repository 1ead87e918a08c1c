using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Islanding;
using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Overload;

namespace Pdc.Analytics;

/// <summary>Which detectors a pipeline runs, each kind a list of instances (bindable from a JSON configuration section).</summary>
public sealed class DetectorPipelineSettings
{
    public IList<RingdownSettings> Ringdown { get; set; } = [];

    public IList<AmbientModeMeterSettings> AmbientModeMeters { get; set; } = [];

    public IList<ForcedOscillationSettings> ForcedOscillation { get; set; } = [];

    public IList<IslandingSettings> Islanding { get; set; } = [];

    public IList<OverloadSettings> Overload { get; set; } = [];

    public IList<UflsSettings> Ufls { get; set; } = [];

    public IList<UvlsSettings> Uvls { get; set; } = [];

    public IList<RocofSettings> Rocof { get; set; } = [];

    public IList<FrequencyExcursionSettings> FrequencyExcursion { get; set; } = [];

    /// <summary>Every instance's settings, in the order the pipeline runs them.</summary>
    public IEnumerable<IDetectorSettings> All()
    {
        // Cheap protection first, heavy analysis last.
        IEnumerable<IEnumerable<IDetectorSettings>> kinds =
            [Ufls, Rocof, FrequencyExcursion, Uvls, Overload, Islanding, ForcedOscillation, AmbientModeMeters, Ringdown];
        foreach (var kind in kinds)
        {
            foreach (var settings in kind)
            {
                yield return settings;
            }
        }
    }

    /// <summary>Every instance's problems, plus names used twice (events could not be told apart).</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var settings in All())
        {
            problems.AddRange(settings.Validate());
            if (!names.Add(settings.Name))
            {
                problems.Add($"{settings.Name}: Name is used by two detectors; names must be unique.");
            }
        }

        return problems;
    }
}
