using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Scenarios;

public sealed class ScenarioFileTests
{
    public static TheoryData<string> ReadyNames => new(Scenario.ReadyNames);

    public static TheoryData<string, string> BadScenarios => new()
    {
        { """{ "events": [ { "type": "islanding", "atSeconds": 5, "pmus": [3], "frequencyOffsetHz": "fast" } ] }""", "events[0].frequencyOffsetHz: expected the island's frequency offset from the grid in Hz" },
        { """{ "events": [ { "type": "earthquake", "atSeconds": 5 } ] }""", "events[0].type: expected one of forcedOscillation, ringdown, islanding" },
        { """{ "events": [ { "type": "ringdown", "frequencyHz": 0.3, "dampingRatio": 0.1, "amplitudeHz": 0.01, "pmus": [1] } ] }""", "events[0]: the field \"atSeconds\" is missing" },
        { """{ "events": [ { "type": "forcedOscillation", "atSeconds": 1, "frequncyHz": 1, "amplitudeHz": 0.01, "pmus": [1] } ] }""", "events[0]: the field \"frequencyHz\" is missing" },
        { """{ "events": [ { "type": "configChange", "atSeconds": 1, "pmus": [1], "phasor": "V2" } ] }""", "events[0].phasor: unknown field; expected one of type, atSeconds, pmus" },
        { """{ "events": [ { "type": "voltageSag", "atSeconds": 1, "pmus": [0], "depthPercent": 20, "durationSeconds": 0.1 } ] }""", "events[0].pmus[0]: expected a PMU number, a whole number from 1, got 0" },
        { """{ "events": [ { "type": "voltageSag", "atSeconds": 1, "pmus": [1], "depthPercent": 20, "durationSeconds": 0.1, "phases": "AX" } ] }""", "events[0].phases: expected phase letters" },
        { """{ "events": [ { "type": "ringdown", "atSeconds": 1, "frequencyHz": 0.3, "dampingRatio": 1.5, "amplitudeHz": 0.01, "pmus": [1] } ] }""", "events[0].dampingRatio: expected a damping ratio, 0 or more and less than 1 (0.05 is 5 %), got 1.5" },
        { """{ "events": [ { "type": "generatorTrip", "atSeconds": 1, "dipHz": -0.1, "rocofHzPerSecond": 0.2 } ] }""", "events[0].rocofHzPerSecond: expected the initial ROCOF in Hz/s, not 0, at most ±10, with the sign of dipHz (negative)" },
        { """{ "events": [ { "type": "forcedOscillation", "atSeconds": 1, "frequencyHz": 1, "amplitudeHz": 0.01, "pmus": [{ "pmu": 1, "phase": 90 }] } ] }""", "events[0].pmus[0].phase: unknown field; expected one of pmu, phaseDegrees, gain" },
        { """{ "faults": { "dropPercent": 150 } }""", "faults.dropPercent: expected a percentage, 0-100, got 150" },
        { """{ "event": [] }""", "scenario.event: unknown field; expected one of name, description, faults, events" },
        { """[ 1, 2 ]""", "scenario: expected a JSON object { ... }, got an array" },
        { """{ "events": [ { "type": "islanding", "atSeconds": 5, "pmus": [3] """, "not valid JSON (line 1" },
    };

    [Theory]
    [MemberData(nameof(ReadyNames))]
    public void ReadyScenario_LoadsByName_AndRunsOnFourPmus(string name)
    {
        var scenario = Scenario.Load(name);

        Assert.Equal(name, scenario.Name);
        Assert.NotEmpty(scenario.Description);
        Assert.NotEmpty(scenario.Timeline);
        Assert.InRange(scenario.RequiredPmuCount, 1, 4);
        var run = ModelRun.Sample(new SimulatorOptions { PmuCount = 4, FramesPerSecond = 10, Scenario = scenario }, 0, 120, everyNthInstant: 10);
        Assert.All(run.Frames, f => Assert.All(f.Frequency, hz => Assert.InRange(hz, 59, 61)));
    }

    [Fact]
    public void TheReadyScenarios_IncludeTheOnesTheIssueAsksFor()
    {
        Assert.Superset(new HashSet<string>(["demo", "oscillation", "islanding", "generator-trip", "overload"]), new HashSet<string>(Scenario.ReadyNames));
    }

    [Fact]
    public void ReadyScenario_LoadsByPathToo()
    {
        var path = Path.Combine(Scenario.ReadyFolder, "islanding.json");

        Assert.Equal("islanding", Scenario.Load(path).Name);
    }

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public void BadScenario_IsRefused_WithTheFieldAndWhatItShouldHold(string json, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => Scenario.Parse(json, "bad.json"));

        Assert.StartsWith("bad.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioNamingAMissingPmu_IsRefused_SayingHowManyItNeeds()
    {
        var scenario = Scenario.Parse("""{ "events": [ { "type": "islanding", "atSeconds": 5, "pmus": [2, 6], "frequencyOffsetHz": 0.1 } ] }""", "big.json");

        var error = Assert.Throws<ScenarioException>(() => new SimulatorOptions { PmuCount = 4, Scenario = scenario }.Validate());
        Assert.Equal("big.json: events[0] (islanding) names PMU 6, but the simulation has 4 PMUs; simulate at least 6.", error.Message);
    }

    [Fact]
    public void UnknownScenarioName_IsRefused_ListingTheReadyOnes()
    {
        var error = Assert.Throws<ScenarioException>(() => Scenario.Load("no-such-scenario"));

        Assert.Contains("no-such-scenario", error.Message, StringComparison.Ordinal);
        Assert.Contains("demo, generator-trip, islanding", error.Message, StringComparison.Ordinal);
    }
}
