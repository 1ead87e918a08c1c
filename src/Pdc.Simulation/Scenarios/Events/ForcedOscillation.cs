using System.Globalization;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// A forced oscillation (a machine or control loop driving the grid at a fixed frequency): the frequency of
/// each participating bus swings as gain·A·sin(2πf·u + phase) while the event lasts, its angle with it, and
/// optionally its current magnitude (and so its MW) by a percentage.
/// </summary>
internal sealed class ForcedOscillation(
    double atSeconds,
    double durationSeconds,
    double frequencyHz,
    double amplitudeHz,
    double currentAmplitudePercent,
    IReadOnlyList<PmuParticipation> participants)
    : ScenarioEvent(atSeconds, participants.Select(p => p.Pmu).ToArray())
{
    private readonly double omega = 2 * Math.PI * frequencyHz;
    private readonly Dictionary<int, PmuParticipation> byPmu = participants.ToDictionary(p => p.Pmu);

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"forced oscillation {frequencyHz:0.###} Hz, {amplitudeHz * 1000:0.#} mHz, on {PmuList()}{Lasting(durationSeconds)}");

    public override void Apply(double seconds, int pmu, ref BusEffects effects)
    {
        var u = seconds - AtSeconds;
        if (u < 0 || !byPmu.TryGetValue(pmu, out var participant))
        {
            return;
        }

        var (sinPhase, cosPhase) = Math.SinCos(participant.PhaseRadians);
        var amplitude = participant.Gain * amplitudeHz;
        var term = new DampedSinusoid(0, omega, amplitude * sinPhase, amplitude * cosPhase).Evaluate(Math.Min(u, durationSeconds));
        if (u >= durationSeconds)
        {
            // Over: the frequency is back, and the angle keeps what the oscillation added.
            term = (0, term.Integral, 0);
        }
        else
        {
            effects.Current *= 1 + (currentAmplitudePercent / 100 * participant.Gain * Math.Sin((omega * u) + participant.PhaseRadians));
        }

        effects.AddFrequency(term);
    }
}
