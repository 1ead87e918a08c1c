using Pdc.Protocol;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Faults;

/// <summary>Faults of the PMUs themselves: their clocks, their time quality, their configuration.</summary>
public sealed class PmuFaultTests
{
    private static readonly SimulatorOptions Options = new() { PmuCount = 3, FramesPerSecond = 50 };

    [Fact]
    public void ClockOffset_BiasesEveryAngleByTwoPiFnomTimesTheOffset()
    {
        var good = ModelRun.Sample(Options, 5, 6);
        var ahead = ModelRun.Sample(Options with { Faults = new FaultSettings { ClockOffsetMilliseconds = 1 } }, 5, 6);

        // −2π·60 Hz·1 ms = −0.377 rad, give or take what the grid did in that millisecond and the noise.
        for (var i = 0; i < good.Frames.Count; i++)
        {
            var shift = Math.IEEERemainder(ModelRun.Phasor(ahead.Frames[i], 1, "VA").Phase - ModelRun.Phasor(good.Frames[i], 1, "VA").Phase, 2 * Math.PI);
            Assert.InRange(shift, -0.377 - 0.002, -0.377 + 0.002);
        }

        Assert.Equal(good.Frames.Select(f => f.Timestamp), ahead.Frames.Select(f => f.Timestamp));
    }

    [Fact]
    public void TimeQuality_SetsTheFracsecCode_TheStatSyncBit_AndThe2011QualityBits()
    {
        var faults = new FaultSettings { TimeQualityCode = 0xB, SyncError = true };
        var frame2011 = ModelRun.Sample(Options with { Faults = faults }, 1, 1.1).Frames[0];
        var frame2005 = ModelRun.Sample(Options with { Faults = faults, Version = ProtocolVersion.Ieee2005 }, 1, 1.1).Frames[0];

        Assert.Equal(0xB, frame2011.Timestamp.TimeQuality.Code);
        Assert.All(frame2011.Stat, s => Assert.True(new Stat(s).SyncError));
        Assert.All(frame2011.Stat, s => Assert.Equal(7, new Stat(s).PmuTimeQuality));
        Assert.All(frame2005.Stat, s => Assert.Equal(Stat.SyncErrorBit, s));
    }

    [Fact]
    public void ScenarioFaults_ApplyFromTheirTime_ToThePmusTheyName()
    {
        var scenario = Scenario.Parse("""{ "events": [ { "type": "faults", "atSeconds": 5, "pmus": [2], "syncError": true } ] }""");
        var run = ModelRun.Sample(Options with { Scenario = scenario }, 4, 6, everyNthInstant: 10);

        Assert.All(run.Between(4, 5), i => Assert.Equal([0, 0, 0], run.Frames[i].Stat));
        Assert.All(run.Between(5, 6), i => Assert.Equal([0, Stat.SyncErrorBit, 0], run.Frames[i].Stat));
    }

    [Fact]
    public void ConfigChange_WarnsInStatForAMinute_ThenAddsAPhasorAndBumpsCfgcnt()
    {
        var options = Options with { Scenario = Scenario.Quiet.WithConfigChange(100) };
        var run = ModelRun.Sample(options, 30, 110, everyNthInstant: 50);
        var stream = run.Model.Streams[0];

        Assert.All(run.Between(30, 40), i => Assert.All(run.Frames[i].Stat, s => Assert.Equal(0, s)));
        Assert.All(run.Between(40, 100), i => Assert.All(run.Frames[i].Stat, s => Assert.Equal(Stat.ConfigChangeBit, s)));
        Assert.All(run.Between(100, 110), i => Assert.All(run.Frames[i].Stat, s => Assert.Equal(0, s)));

        var before = stream.ConfigAt(ModelRun.Start + 99_999_000_000);
        var after = stream.ConfigAt(ModelRun.Start + 100_000_000_000);
        Assert.All(before.Pmus, p => Assert.Equal((8, 0), (p.Phasors.Count, (int)p.ConfigChangeCount)));
        Assert.All(after.Pmus, p => Assert.Equal((9, 1), (p.Phasors.Count, (int)p.ConfigChangeCount)));
        Assert.Equal("V2", after.Pmus[0].Phasors[8].Name);
        Assert.True(after.DataFrameSize > before.DataFrameSize);
        Assert.Same(after, run.Frames[^1].Config);
    }
}
