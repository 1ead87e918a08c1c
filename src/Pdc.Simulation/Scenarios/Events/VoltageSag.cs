using System.Globalization;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// A voltage sag (a fault elsewhere on the network): the magnitude of the chosen phases drops by
/// <c>depthPercent</c> for <c>durationSeconds</c>. A drop of 10 % or more sets the PMU's trigger (magnitude low).
/// </summary>
internal sealed class VoltageSag(double atSeconds, IReadOnlyList<int> pmus, double depthPercent, double durationSeconds, string phases)
    : ScenarioEvent(atSeconds, pmus)
{
    private const double TriggerDepthPercent = 10;

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"voltage sag of {depthPercent:0.#} % on phase{(phases.Length > 1 ? "s" : string.Empty)} {phases} of {PmuList()}{Lasting(durationSeconds)}");

    public override void Apply(double seconds, int pmu, ref BusEffects effects)
    {
        var u = seconds - AtSeconds;
        if (u < 0 || u >= durationSeconds || !Concerns(pmu))
        {
            return;
        }

        var retained = 1 - (depthPercent / 100);
        effects.VoltageA *= phases.Contains('A', StringComparison.Ordinal) ? retained : 1;
        effects.VoltageB *= phases.Contains('B', StringComparison.Ordinal) ? retained : 1;
        effects.VoltageC *= phases.Contains('C', StringComparison.Ordinal) ? retained : 1;
        effects.MagnitudeLowTrigger |= depthPercent >= TriggerDepthPercent;
    }
}
