using System.Globalization;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// Load on a feeder grows: the current magnitude ramps linearly from its normal value to <c>factor</c> times it
/// over <c>rampSeconds</c> and holds there (until <c>durationSeconds</c>, if given, when the load is shed). The
/// bus voltage sags a little as the current grows, as it does behind a real source impedance.
/// </summary>
internal sealed class FeederOverload(double atSeconds, IReadOnlyList<int> pmus, double factor, double rampSeconds, double durationSeconds)
    : ScenarioEvent(atSeconds, pmus)
{
    /// <summary>Per-unit voltage drop per per-unit current increase (a stiff bus).</summary>
    private const double VoltageDroop = 0.04;

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"feeder overload on {PmuList()}: current ramps to {factor:0.##}× over {rampSeconds:0.#} s{Lasting(durationSeconds)}");

    public override void Apply(double seconds, int pmu, ref BusEffects effects)
    {
        var u = seconds - AtSeconds;
        if (u < 0 || u >= durationSeconds || !Concerns(pmu))
        {
            return;
        }

        var progress = rampSeconds > 0 ? Math.Min(u / rampSeconds, 1) : 1;
        var multiplier = 1 + ((factor - 1) * progress);
        effects.Current *= multiplier;
        effects.ScaleVoltage(Math.Max(0.5, 1 - (VoltageDroop * (multiplier - 1))));
    }
}
