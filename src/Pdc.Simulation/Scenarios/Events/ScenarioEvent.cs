using System.Globalization;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// One timed event of a scenario. Times are seconds from the simulation start; PMUs are 0-based indices
/// (scenario files number them from 1). Events are immutable, so one scenario can drive many simulations.
/// </summary>
internal abstract class ScenarioEvent(double atSeconds, IReadOnlyList<int> pmus)
{
    /// <summary>When the event starts, in seconds from the simulation start.</summary>
    public double AtSeconds { get; } = atSeconds;

    /// <summary>Where it was defined, for errors: "demo.json: events[1] (islanding)".</summary>
    public string Origin { get; set; } = string.Empty;

    /// <summary>The PMUs it concerns; empty when it concerns all of them.</summary>
    public IReadOnlyList<int> Pmus { get; } = pmus;

    /// <summary>Every PMU the event names (which must exist), including any it names outside <see cref="Pmus"/>.</summary>
    public virtual IEnumerable<int> NamedPmus => Pmus;

    public bool Concerns(int pmu) => Pmus.Count == 0 || Pmus.Contains(pmu);

    /// <summary>One line for the console, e.g. "forced oscillation 0.8 Hz, 20 mHz, on PMUs 1, 2".</summary>
    public abstract string Describe();

    /// <summary>Adds what the event does to bus <paramref name="pmu"/> at <paramref name="seconds"/>.</summary>
    public virtual void Apply(double seconds, int pmu, ref BusEffects effects)
    {
    }

    /// <summary>This event prepared for a simulation with <paramref name="seed"/> (events that draw random numbers).</summary>
    public virtual ScenarioEvent Bind(ulong seed) => this;

    protected static string Lasting(double durationSeconds) =>
        double.IsPositiveInfinity(durationSeconds) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" for {durationSeconds:0.###} s");

    protected string PmuList() => Pmus.Count == 0 ? "all PMUs" : (Pmus.Count == 1 ? "PMU " : "PMUs ") + string.Join(", ", Pmus.Select(p => p + 1));
}
