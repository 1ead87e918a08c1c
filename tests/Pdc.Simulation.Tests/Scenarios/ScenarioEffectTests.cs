using Pdc.Protocol;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Scenarios;

/// <summary>Each kind of scenario event shows in the frames the way it shows in a real grid's measurements.</summary>
public sealed class ScenarioEffectTests
{
    [Fact]
    public void ForcedOscillation_ShowsInFreqAtItsFrequencyAndAmplitude_OnItsPmusOnly()
    {
        var run = Run(
            """{ "type": "forcedOscillation", "atSeconds": 10, "durationSeconds": 30, "frequencyHz": 1.2, "amplitudeHz": 0.02, "pmus": [1, { "pmu": 2, "gain": 0.5 }] }""",
            0, 50);
        var during = run.Between(15, 35);
        var before = run.Between(0, 10);
        var after = run.Between(40, 50);

        Assert.InRange(run.Amplitude(run.Frequency(0), during, 1.2), 0.018, 0.022);
        Assert.InRange(run.Amplitude(run.Frequency(1), during, 1.2), 0.009, 0.011);
        Assert.True(run.Amplitude(run.Frequency(2), during, 1.2) < 0.001, "PMU 3 is not in the oscillation");
        Assert.True(run.Amplitude(run.Frequency(0), before, 1.2) < 0.001, "no oscillation before it starts");
        Assert.True(run.Amplitude(run.Frequency(0), after, 1.2) < 0.001, "no oscillation after it ends");
    }

    [Fact]
    public void Ringdown_DecaysAtItsDampingRatio_WithOppositeSwingsAcrossTheModeShape()
    {
        const string Ringdown = """{ "type": "ringdown", "atSeconds": 5, "frequencyHz": 0.5, "dampingRatio": 0.1, "amplitudeHz": 0.05, "pmus": [1, { "pmu": 3, "phaseDegrees": 180 }] }""";
        var run = Run(Ringdown, 0, 25);
        var quiet = ModelRun.Sample(new SimulatorOptions { PmuCount = 4, FramesPerSecond = 50 }, 0, 25);
        var early = run.Between(5, 9);
        var late = run.Between(13, 17);

        // The model is deterministic, so the same grid without the event isolates what the event adds.
        double[] Added(int pmu) => run.Frequency(pmu).Zip(quiet.Frequency(pmu), (with, without) => with - without).ToArray();

        // e^(−σ·8 s) with σ = ζω/√(1−ζ²) ≈ 0.316/s: the amplitude falls to 8 % in 8 s.
        var (first, second, third) = (Added(0), Added(1), Added(2));
        var ratio = run.Amplitude(first, late, 0.5) / run.Amplitude(first, early, 0.5);
        Assert.InRange(ratio, 0.075, 0.085);
        Assert.True(run.Amplitude(run.Frequency(0), early, 0.5) > 0.02, "the ringdown stands out of the wander");
        var correlation = early.Sum(i => first[i] * third[i]);
        Assert.True(correlation < 0, "PMUs 1 and 3 swing against each other");
        Assert.All(second, added => Assert.Equal(0, added));
    }

    [Fact]
    public void Islanding_TheGroupsFrequencyDepartsFromTheRest_WhileTheRestStaysTogether()
    {
        var run = Run("""{ "type": "islanding", "atSeconds": 10, "pmus": [3, 4], "frequencyOffsetHz": 0.2, "timeConstantSeconds": 2 }""", 0, 40);
        var before = run.Between(0, 10);
        var settled = run.Between(25, 40);

        Assert.True(Gap(run, 0, 2, before) < 0.005, "one grid before the separation");
        Assert.InRange(Gap(run, 0, 2, settled), 0.15, 0.25);
        Assert.InRange(Gap(run, 0, 3, settled), 0.15, 0.25);
        Assert.True(Gap(run, 0, 1, settled) < 0.005, "PMUs 1 and 2 stay in the grid, together");
        Assert.All(settled, i => Assert.Equal(0, run.Frames[i].DigitalsOf(2)[0] & 0x0002));
        Assert.All(settled, i => Assert.Equal(0x0002, run.Frames[i].DigitalsOf(0)[0] & 0x0002));

        // 0.2 Hz apart for 15 s: the island's angle slides three whole turns against the grid's.
        var slide = AngleTravel(run, 0, 2, settled);
        Assert.InRange(slide / (2 * Math.PI), 2.5, 3.5);
    }

    [Fact]
    public void GeneratorTrip_DipsEveryPmuTogether_AtTheGivenRocof_ThenRecovers()
    {
        var run = Run("""{ "type": "generatorTrip", "atSeconds": 10, "dipHz": -0.1, "rocofHzPerSecond": -0.15, "recoverySeconds": 20, "pmu": 2 }""", 0, 130, everyNthInstant: 5);
        var afterTrip = run.Between(10, 30);
        var start = run.Between(10.05, 10.4);
        var recovered = run.Between(120, 130);

        for (var pmu = 0; pmu < 4; pmu++)
        {
            var nadir = afterTrip.Min(i => run.Frequency(pmu)[i]) - 60;
            Assert.InRange(nadir, -0.3, -0.1);
            Assert.InRange(start.Average(i => run.Rocof(pmu)[i]), -0.17, -0.12);
            Assert.True(Math.Abs(recovered.Average(i => run.Frequency(pmu)[i]) - 60) < 0.03, $"PMU {pmu + 1} recovers");
        }

        Assert.All(afterTrip, i => Assert.True(Gap(run, 0, 3, [i]) < 0.005, "all PMUs dip together"));
        Assert.All(afterTrip, i => Assert.True(ModelRun.Phasor(run.Frames[i], 1, "IA").Magnitude < 1, "the tripped unit carries no current"));
        Assert.All(afterTrip, i => Assert.Equal(0, run.Frames[i].DigitalsOf(1)[0] & 0x0004));
    }

    [Fact]
    public void FeederOverload_RampsTheCurrentToItsFactor_AndSagsTheVoltageSlightly()
    {
        var run = Run("""{ "type": "feederOverload", "atSeconds": 5, "pmus": [2], "factor": 1.5, "rampSeconds": 10 }""", 0, 20, everyNthInstant: 5);
        double Mean(int pmu, string name, double from, double to) => run.Between(from, to).Average(i => ModelRun.Phasor(run.Frames[i], pmu, name).Magnitude);

        Assert.InRange(Mean(1, "IA", 16, 20) / Mean(1, "IA", 0, 5), 1.45, 1.55);
        Assert.InRange(Mean(1, "IA", 9.5, 10.5) / Mean(1, "IA", 0, 5), 1.2, 1.3);
        Assert.InRange(Mean(1, "V1", 16, 20) / Mean(1, "V1", 0, 5), 0.97, 0.995);
        Assert.InRange(Mean(0, "IA", 16, 20) / Mean(0, "IA", 0, 5), 0.95, 1.05);
    }

    [Fact]
    public void VoltageSag_DropsTheChosenPhase_ForItsDuration_AndTriggersThePmu()
    {
        var run = Run("""{ "type": "voltageSag", "atSeconds": 2, "pmus": [1], "depthPercent": 40, "durationSeconds": 0.2, "phases": "A" }""", 1, 3);
        var during = run.Between(2, 2.2);
        var before = run.Between(1, 2);
        double Mean(string name, int[] frames) => frames.Average(i => ModelRun.Phasor(run.Frames[i], 0, name).Magnitude);

        Assert.InRange(Mean("VA", during) / Mean("VA", before), 0.59, 0.61);
        Assert.InRange(Mean("VB", during) / Mean("VB", before), 0.99, 1.01);
        Assert.InRange(Mean("V1", during) / Mean("V1", before), 0.85, 0.88);
        Assert.All(during, i => Assert.Equal(Stat.TriggerBit | 1, run.Frames[i].Stat[0]));
        Assert.All(before, i => Assert.Equal(0, run.Frames[i].Stat[0]));
        Assert.Equal(0, run.Frames[run.Between(2.2, 3)[0]].Stat[0]);
    }

    private static ModelRun Run(string eventJson, double from, double to, int? everyNthInstant = null)
    {
        var scenario = Scenario.Parse($$"""{ "events": [ {{eventJson}} ] }""");
        return ModelRun.Sample(new SimulatorOptions { PmuCount = 4, FramesPerSecond = 50, Scenario = scenario }, from, to, everyNthInstant);
    }

    /// <summary>The largest FREQ difference between two PMUs over the chosen frames.</summary>
    private static double Gap(ModelRun run, int a, int b, int[] frames) =>
        frames.Select(i => Math.Abs(run.Frames[i].Frequency[a] - run.Frames[i].Frequency[b])).Average();

    /// <summary>How far (radians, unwrapped) PMU b's V1 angle moves against PMU a's over the chosen frames.</summary>
    private static double AngleTravel(ModelRun run, int a, int b, int[] frames)
    {
        var total = 0.0;
        for (var k = 1; k < frames.Length; k++)
        {
            double Difference(int i) => ModelRun.Phasor(run.Frames[i], b, "V1").Phase - ModelRun.Phasor(run.Frames[i], a, "V1").Phase;
            total += Math.IEEERemainder(Difference(frames[k]) - Difference(frames[k - 1]), 2 * Math.PI);
        }

        return total;
    }
}
