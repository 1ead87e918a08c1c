using Pdc.Simulation.Faults;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>From this time on, the named fault settings change, for the PMUs listed (and the streams carrying them).</summary>
internal sealed class FaultChange(double atSeconds, IReadOnlyList<int> pmus, FaultPatch patch) : ScenarioEvent(atSeconds, pmus)
{
    public FaultPatch Patch { get; } = patch;

    public override string Describe() => $"faults on {PmuList()}: {Patch.Describe()}";
}
