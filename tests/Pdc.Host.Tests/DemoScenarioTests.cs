using Pdc.Analytics;
using Pdc.Host.Runtime;
using Pdc.Protocol;
using Pdc.Simulation;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Signals;

namespace Pdc.Host.Tests;

/// <summary>
/// The demo's story, checked offline: the simulator's signal model (a pure function of time) generates the
/// demo scenario frame by frame, and the demo's detectors must raise a forced-oscillation event during the
/// oscillation and an islanding event right after the island forms, and nothing before them.
/// </summary>
public sealed class DemoScenarioTests
{
    [Fact]
    public void DemoScenario_RaisesAnOscillationEventAndAnIslandingEvent_AtTheirTimes()
    {
        const int rate = 30;
        var start = 1_767_225_600L * 1_000_000_000;
        var options = new SimulatorOptions { PmuCount = 4, FramesPerSecond = rate, Scenario = Scenario.Load("demo") };
        var model = new PmuSignalModel(options, start);
        var pipeline = new DetectorPipeline(DemoDetectors.For(4));
        var events = new List<DetectorEvent>();
        using var subscription = pipeline.Events.Subscribe(events.Add);
        var frame = new DataFrame(model.Streams[0].ConfigAt(start));

        for (var k = 0; k < 90 * rate; k++)
        {
            var instant = model.Schedule.ToUnixNanoseconds(model.Schedule.NearestIndex(start) + k);
            model.Fill(frame, instant);
            pipeline.Process(frame);
        }

        double SecondsOf(DetectorEvent e) => (e.TimeUnixNanoseconds - start) / 1e9;
        var starts = events.Where(e => e.Phase == EventPhase.Start && e.Type != DetectorEventType.CannotJudge).ToList();
        var oscillation = starts.First(e => e.Type == DetectorEventType.ForcedOscillation);
        Assert.InRange(SecondsOf(oscillation), 30, 60);
        // The start event is raised from the first segments, so its frequency is good to a bin (1/8 s = 0.125 Hz).
        Assert.Equal(1.1, oscillation.Value("frequency_hz"), 0.125);
        var island = starts.First(e => e.Type == DetectorEventType.Islanding);
        Assert.InRange(SecondsOf(island), 70, 75);
        Assert.True(island.Subject.Contains("south", StringComparison.Ordinal) || island.Message.Contains("south", StringComparison.Ordinal), $"{island.Subject}: {island.Message}");
        Assert.DoesNotContain(starts, e => SecondsOf(e) < 30);
        Assert.All(
            starts.Where(e => e.Type == DetectorEventType.ForcedOscillation && SecondsOf(e) < 70),
            e => Assert.Equal(1.1, e.Value("frequency_hz"), 0.125));
    }
}
