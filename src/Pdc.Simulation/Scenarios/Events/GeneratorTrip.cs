using System.Globalization;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// A generator trips: the whole grid's frequency falls with an initial ROCOF, overshoots to a nadir as the
/// governors respond (a damped swing of the system's natural frequency), settles near <c>dipHz</c>, and returns to
/// nominal as secondary control (AGC) acts with time constant <c>recoverySeconds</c>:
/// Δf(u) = dip·(e^(−u/τ) − e^(−σu)·(cos ωu + c·sin ωu)), with c chosen so that Δf'(0) is the given ROCOF.
/// The tripped unit's own PMU, if named, sees its current vanish and its generator breaker open.
/// </summary>
internal sealed class GeneratorTrip : ScenarioEvent
{
    private readonly double dipHz;
    private readonly double rocofHzPerSecond;
    private readonly double recoverySeconds;
    private readonly int? trippedPmu;
    private readonly DampedSinusoid recovery;
    private readonly DampedSinusoid swing;

    public GeneratorTrip(double atSeconds, double dipHz, double rocofHzPerSecond, double recoverySeconds, double naturalFrequencyHz, double dampingRatio, int? trippedPmu)
        : base(atSeconds, [])
    {
        this.dipHz = dipHz;
        this.rocofHzPerSecond = rocofHzPerSecond;
        this.recoverySeconds = recoverySeconds;
        this.trippedPmu = trippedPmu;
        var naturalOmega = 2 * Math.PI * naturalFrequencyHz;
        var sigma = dampingRatio * naturalOmega;
        var omega = naturalOmega * Math.Sqrt(1 - (dampingRatio * dampingRatio));
        var c = (sigma - (1 / recoverySeconds) - (rocofHzPerSecond / dipHz)) / omega;
        recovery = DampedSinusoid.Exponential(dipHz, recoverySeconds);
        swing = new DampedSinusoid(sigma, omega, -dipHz, -dipHz * c);
    }

    public override IEnumerable<int> NamedPmus => trippedPmu is { } p ? [p] : [];

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"generator trip{(trippedPmu is { } p ? $" at PMU {p + 1}" : string.Empty)}: all PMUs dip to about {dipHz * 1000:0.#} mHz, ROCOF {rocofHzPerSecond:0.###} Hz/s, recovery τ {recoverySeconds:0.#} s");

    public override void Apply(double seconds, int pmu, ref BusEffects effects)
    {
        var u = seconds - AtSeconds;
        if (u < 0)
        {
            return;
        }

        effects.AddFrequency(recovery.Evaluate(u));
        effects.AddFrequency(swing.Evaluate(u));
        if (pmu == trippedPmu)
        {
            effects.Current = 0;
            effects.OpenBreakers |= PmuChannels.GeneratorBreakerBit;
        }
    }
}
