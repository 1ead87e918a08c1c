using Pdc.Analytics;
using Pdc.Analytics.Islanding;
using Pdc.Analytics.Oscillations;

namespace Pdc.Host.Runtime;

/// <summary>
/// The detectors <c>pdc demo</c> runs on its four simulated PMUs (IDCODEs 1-4): a forced-oscillation detector on
/// every PMU's frequency, learning the ambient spectrum for its first 20 s, and islanding of the south area (the
/// second half of the PMUs) against the north one, which stands for the main grid.
/// </summary>
internal static class DemoDetectors
{
    public static DetectorPipelineSettings For(int pmuCount)
    {
        var pmus = Enumerable.Range(1, pmuCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var settings = new DetectorPipelineSettings();
        settings.ForcedOscillation.Add(new ForcedOscillationSettings
        {
            Signals = [.. pmus.Select(p => new SignalSettings { Kind = SignalKind.Frequency, Pmu = p })],
            LearningSeconds = 20,
            BaselineSeconds = 60,
            SegmentSeconds = 8,
            AveragedSegments = 2,

            // Electromechanical range, and peaks worth an operator's attention (2 mHz of frequency swing).
            LowestFrequencyHz = 0.2,
            MinimumAmplitude = 0.002,
        });
        var half = pmus.Count / 2;
        settings.Islanding.Add(new IslandingSettings
        {
            Groups = [new IslandingGroupSettings { Name = "south area", Pmus = [.. pmus.Skip(half)] }],
            ReferencePmus = [.. pmus.Take(half)],
        });
        return settings;
    }
}
