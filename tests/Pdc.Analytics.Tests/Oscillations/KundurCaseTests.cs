using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Islanding;
using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Tests.Support;
using Pdc.Protocol;
using Xunit.Abstractions;

namespace Pdc.Analytics.Tests.Oscillations;

/// <summary>
/// The Kundur two-area ringdown from ../shared. The data put buses 1, 2, 3 in one area and 11, 12, 13 in the
/// other: angle differences within {1, 2, 3} swing by a few degrees, those across the areas by tens.
/// </summary>
public class KundurCaseTests(ITestOutputHelper output)
{
    [Fact]
    public void InterAreaMode_IsEstimatedFromFrequencyAngleAndPower()
    {
        var sink = new RecordingSink();
        var ringdown = new RingdownModeDetector(
            new RingdownSettings
            {
                Signals =
                {
                    new SignalSettings { Kind = SignalKind.Frequency, Pmu = "PMU1" },
                    new SignalSettings { Kind = SignalKind.AngleDifference, Pmu = "PMU1", ReferencePmu = "PMU13" },
                    new SignalSettings { Kind = SignalKind.AngleDifference, Pmu = "102", ReferencePmu = "112" },
                    new SignalSettings { Kind = SignalKind.ActivePower, Pmu = "PMU3", CurrentChannel = "IBUS_3:BUS_21a", PhaseCount = 1 },
                },
            },
            sink);
        Replay(ringdown);

        for (var s = 0; s < ringdown.SignalCount; s++)
        {
            var dominant = ringdown.Modes(s)[0];
            output.WriteLine($"{ringdown.SignalLabel(s)}: {dominant.FrequencyHz:0.0000} Hz, damping {dominant.DampingPercent:0.00} %, fit {ringdown.FitQuality(s):0.0000}");
            Assert.InRange(dominant.FrequencyHz, 0.58, 0.60);
            Assert.InRange(dominant.DampingPercent, 1.0, 3.0);
        }

        // The mode is damped about 2 %, below the 3 % trip setting: every signal reports it once it is past the disturbance.
        var trips = sink.Started(DetectorEventType.PoorlyDampedMode).ToList();
        Assert.Equal(4, trips.Count);
        Assert.All(trips, e => Assert.True(RecordingSink.StartSecondsOf(e) > KundurCase.DisturbanceSeconds));
        Assert.Empty(sink.Started(DetectorEventType.GrowingOscillation));
    }

    [Fact]
    public void Disturbance_IsReportedAsRocofAndOverFrequency_WithoutIslandingOrLoadShedding()
    {
        var sink = new RecordingSink();
        IDetector[] detectors =
        [
            new RocofDetector(new RocofSettings(), sink),
            new FrequencyExcursionDetector(new FrequencyExcursionSettings(), sink),
            new IslandingDetector(new IslandingSettings(), sink),
            new UnderFrequencyLoadShedding(new UflsSettings(), sink),
        ];
        Replay(detectors);

        foreach (var e in sink.Events)
        {
            output.WriteLine($"{RecordingSink.SecondsOf(e):0.00} s {e.Phase} {e.Type}: {e.Message} (picked up at {RecordingSink.StartSecondsOf(e):0.00} s)");
        }

        var rocof = Assert.Single(sink.Started(DetectorEventType.Rocof));
        Assert.InRange(RecordingSink.StartSecondsOf(rocof), KundurCase.DisturbanceSeconds, KundurCase.DisturbanceSeconds + 1);
        Assert.True(rocof.Value("rocof_hz_per_s") > 0.5);
        var over = Assert.Single(sink.Started(DetectorEventType.OverFrequency));
        Assert.InRange(RecordingSink.StartSecondsOf(over), KundurCase.DisturbanceSeconds, KundurCase.DisturbanceSeconds + 1);
        Assert.Equal(50, over.Setting("nominal_hz"));
        Assert.Empty(sink.Started(DetectorEventType.Islanding));
        Assert.Empty(sink.Started(DetectorEventType.UnderFrequencyLoadShedding));
        Assert.Empty(sink.Started(DetectorEventType.CannotJudge));
    }

    private static void Replay(params IDetector[] detectors)
    {
        var kundur = KundurCase.Load();
        var frame = new DataFrame(kundur.Config);
        for (var row = 0; row < kundur.RowCount; row++)
        {
            kundur.Fill(frame, row);
            foreach (var detector in detectors)
            {
                detector.Process(frame);
            }
        }
    }
}
