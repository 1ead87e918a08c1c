using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Scenarios.Events;

namespace Pdc.Simulation.Faults;

/// <summary>
/// The fault settings in force at any time: the baseline (command-line options), then each scenario fault change
/// from its time on, in time order, for the PMUs it names. A stream's network faults are those of any of its PMUs
/// that a change names: a stream that carries a faulty PMU suffers that PMU's network faults.
/// </summary>
internal sealed class FaultSchedule(FaultSettings baseline, Scenario scenario)
{
    private readonly FaultChange[] changes = scenario.Events.OfType<FaultChange>().ToArray();

    public FaultSettings Baseline { get; } = baseline;

    public FaultSettings ForPmu(int pmu, double seconds)
    {
        var settings = Baseline;
        foreach (var change in changes)
        {
            if (change.AtSeconds > seconds)
            {
                break;
            }

            if (change.Concerns(pmu))
            {
                settings = change.Patch.ApplyTo(settings);
            }
        }

        return settings;
    }

    public FaultSettings ForStream(IReadOnlyList<int> pmus, double seconds)
    {
        var settings = Baseline;
        foreach (var change in changes)
        {
            if (change.AtSeconds > seconds)
            {
                break;
            }

            if (change.Pmus.Count == 0 || pmus.Any(change.Pmus.Contains))
            {
                settings = change.Patch.ApplyTo(settings);
            }
        }

        return settings;
    }
}
