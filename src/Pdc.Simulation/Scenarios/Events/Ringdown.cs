using System.Globalization;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// The ringdown of an electromechanical mode after a disturbance: on each participating bus the frequency
/// deviation is gain·A·e^(−σu)·cos(ωu + phase), where ω is the mode's (damped) frequency and σ follows from its
/// damping ratio ζ; phases across PMUs are the mode shape (0° and 180° for two areas swinging against each other).
/// </summary>
internal sealed class Ringdown : ScenarioEvent
{
    private readonly double frequencyHz;
    private readonly double dampingRatio;
    private readonly double amplitudeHz;
    private readonly double currentAmplitudePercent;
    private readonly double omega;
    private readonly double sigma;
    private readonly Dictionary<int, PmuParticipation> byPmu;

    public Ringdown(double atSeconds, double frequencyHz, double dampingRatio, double amplitudeHz, double currentAmplitudePercent, IReadOnlyList<PmuParticipation> participants)
        : base(atSeconds, participants.Select(p => p.Pmu).ToArray())
    {
        this.frequencyHz = frequencyHz;
        this.dampingRatio = dampingRatio;
        this.amplitudeHz = amplitudeHz;
        this.currentAmplitudePercent = currentAmplitudePercent;
        omega = 2 * Math.PI * frequencyHz;

        // ζ = σ/ω_n with ω_n² = σ² + ω², so σ = ζ·ω/√(1 − ζ²).
        sigma = dampingRatio * omega / Math.Sqrt(1 - (dampingRatio * dampingRatio));
        byPmu = participants.ToDictionary(p => p.Pmu);
    }

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"ringdown of a {frequencyHz:0.###} Hz mode, damping {dampingRatio * 100:0.#} %, {amplitudeHz * 1000:0.#} mHz, on {PmuList()}");

    public override void Apply(double seconds, int pmu, ref BusEffects effects)
    {
        var u = seconds - AtSeconds;
        if (u < 0 || !byPmu.TryGetValue(pmu, out var participant))
        {
            return;
        }

        var (sinPhase, cosPhase) = Math.SinCos(participant.PhaseRadians);
        var amplitude = participant.Gain * amplitudeHz;
        effects.AddFrequency(new DampedSinusoid(sigma, omega, amplitude * cosPhase, -amplitude * sinPhase).Evaluate(u));
        effects.Current *= 1 + (currentAmplitudePercent / 100 * participant.Gain * Math.Exp(-sigma * u) * Math.Cos((omega * u) + participant.PhaseRadians));
    }
}
