using System.Globalization;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// A group of buses separates from the grid: their tie breaker opens, and their frequency settles to an offset
/// from the rest (exponentially, with time constant τ) and wanders on its own from then on, so their angles drift
/// away from the others'. The rest of the grid carries on unaffected.
/// </summary>
internal sealed class Islanding(double atSeconds, IReadOnlyList<int> pmus, double frequencyOffsetHz, double timeConstantSeconds, SpectralWander? islandWander = null)
    : ScenarioEvent(atSeconds, pmus)
{
    /// <summary>An island is a small system: its own frequency wanders more, and faster, than the grid's.</summary>
    private const double IslandWanderHz = 0.02;
    private const double IslandWanderSeconds = 5;

    public override string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"islanding of {PmuList()}: frequency {frequencyOffsetHz:+0.###;-0.###} Hz from the rest, τ {timeConstantSeconds:0.###} s");

    public override ScenarioEvent Bind(ulong seed)
    {
        var random = new SeededRandom(seed ^ (ulong)BitConverter.DoubleToInt64Bits(AtSeconds) ^ 0x1513_A4D0);
        return new Islanding(AtSeconds, Pmus, frequencyOffsetHz, timeConstantSeconds, new SpectralWander(ref random, IslandWanderHz, IslandWanderSeconds, 0.005, 1, 16))
        {
            Origin = Origin,
        };
    }

    public override void Apply(double seconds, int pmu, ref BusEffects effects)
    {
        var u = seconds - AtSeconds;
        if (u < 0 || !Pmus.Contains(pmu))
        {
            return;
        }

        effects.OpenBreakers |= PmuChannels.TieBreakerBit;
        effects.AddFrequency(DampedSinusoid.Constant(frequencyOffsetHz).Evaluate(u));
        effects.AddFrequency(DampedSinusoid.Exponential(-frequencyOffsetHz, timeConstantSeconds).Evaluate(u));
        if (islandWander is not null)
        {
            // The island's own wander, counted from the separation so that the frequency does not jump.
            var now = islandWander.Evaluate(seconds);
            var then = islandWander.Evaluate(AtSeconds);
            effects.AddFrequency((now.Value - then.Value, now.Integral - then.Integral - (then.Value * u), now.Derivative));
        }
    }
}
