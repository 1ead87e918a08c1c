using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Islanding;
using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Overload;
using Pdc.Analytics.Tests.Support;

namespace Pdc.Analytics.Tests;

public class DetectorPipelineTests
{
    private const int FramesPerSecond = 60;
    private const int PmuCount = 20;
    private const float NominalVolts = 132_790;
    private const float RatingAmps = 1000;

    [Fact]
    public void WholePipeline_AfterWarmUp_Processes10000FramesWithoutAllocating()
    {
        var pipeline = new DetectorPipeline(AllDetectors());
        var events = new RecordingSink();
        pipeline.Events.Subscribe(events);
        var fleet = new AmbientFleet(PmuCount, FramesPerSecond);

        // Past every learning phase: the forced-oscillation baseline and the ambient meter's minimum (120 s).
        for (var k = 0; k < 150 * FramesPerSecond; k++)
        {
            pipeline.Process(fleet.Next());
        }

        var eventsBefore = events.Events.Count;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10_000; k++)
        {
            pipeline.Process(fleet.Next());
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(eventsBefore, events.Events.Count);
        Assert.All(pipeline.Detectors, d => Assert.True(d.CanJudge, d.Name));
        Assert.False(((ForcedOscillationDetector)pipeline.Find("forced-oscillation")!).IsLearning);
        Assert.NotNull(((AmbientModeMeter)pipeline.Find("ambient-mode-meter")!).DominantMode(0, OscillationBand.InterArea));
        Assert.NotEqual(0, ((RingdownModeDetector)pipeline.Find("ringdown")!).EstimateTime(0));
    }

    [Fact]
    public void Pipeline_RunsEveryConfiguredDetectorAndPublishesTheirEvents()
    {
        var settings = new DetectorPipelineSettings
        {
            Ufls = { new UflsSettings() },
            FrequencyExcursion = { new FrequencyExcursionSettings() },
        };
        var pipeline = new DetectorPipeline(settings);
        var received = new List<DetectorEvent>();
        using var subscription = pipeline.Events.Subscribe(received.Add);
        var grid = new TestGrid(3, FramesPerSecond);
        for (var k = 0; k < 2 * FramesPerSecond; k++)
        {
            var frame = grid.Next();
            Array.Fill(frame.Frequency, 59.0f);
            pipeline.Process(frame);
        }

        Assert.Equal(["ufls", "frequency"], pipeline.Detectors.Select(d => d.Name));
        Assert.Contains(received, e => e.Type == DetectorEventType.UnderFrequencyLoadShedding && e.Detector == "ufls");
        Assert.Contains(received, e => e.Type == DetectorEventType.UnderFrequency && e.Detector == "frequency");
    }

    [Fact]
    public void InvalidSettings_AreRefusedWithEveryProblemNamed()
    {
        var settings = new DetectorPipelineSettings
        {
            Ufls = { new UflsSettings { Stages = { new UflsStageSettings { PickupHz = 59, DelaySeconds = -1 } } } },
            Rocof = { new RocofSettings { Name = "ufls" } },
        };

        var problem = Assert.Throws<ArgumentException>(() => new DetectorPipeline(settings));
        Assert.Contains("Stages[0].DelaySeconds", problem.Message, StringComparison.Ordinal);
        Assert.Contains("ufls: Name is used by two detectors", problem.Message, StringComparison.Ordinal);
    }

    private static DetectorPipelineSettings AllDetectors() => new()
    {
        Ufls = { new UflsSettings() },
        Rocof = { new RocofSettings() },
        FrequencyExcursion = { new FrequencyExcursionSettings() },
        Uvls = { new UvlsSettings { NominalVolts = NominalVolts } },
        Overload = { new OverloadSettings { RatingAmps = RatingAmps, ThermalReplica = true } },
        Islanding = { new IslandingSettings() },
        ForcedOscillation = { new ForcedOscillationSettings() },
        AmbientModeMeters =
        {
            new AmbientModeMeterSettings
            {
                Signals =
                {
                    new SignalSettings { Pmu = "PMU0" },
                    new SignalSettings { Kind = SignalKind.AngleDifference, Pmu = "PMU0", ReferencePmu = "PMU10" },
                },
            },
        },
        Ringdown =
        {
            new RingdownSettings
            {
                Signals =
                {
                    new SignalSettings { Pmu = "PMU0" },
                    new SignalSettings { Kind = SignalKind.AngleDifference, Pmu = "PMU0", ReferencePmu = "PMU10" },
                    new SignalSettings { Kind = SignalKind.ActivePower, Pmu = "PMU1" },
                },
                MinimumAmplitude = 0.05,
            },
        },
    };

    /// <summary>Quiet ambient conditions on every PMU: frequency noise with a well-damped mode, angles following it, nominal voltages, half-rated currents.</summary>
    private sealed class AmbientFleet
    {
        private readonly TestGrid grid;
        private readonly AmbientNoise[] noise;
        private readonly double[] angles;

        public AmbientFleet(int pmus, int framesPerSecond)
        {
            grid = new TestGrid(pmus, framesPerSecond, currentsPerPmu: 2);
            noise = new AmbientNoise[pmus];
            angles = new double[pmus];
            for (var p = 0; p < pmus; p++)
            {
                noise[p] = new AmbientNoise(0.45, 0.1, framesPerSecond, 0.005, p);
            }
        }

        public Pdc.Protocol.DataFrame Next()
        {
            var frame = grid.Next();
            for (var p = 0; p < noise.Length; p++)
            {
                var deviation = noise[p].Next();
                angles[p] += 2 * Math.PI * deviation / grid.FramesPerSecond;
                frame.Frequency[p] = (float)(60 + deviation);
                grid.SetVoltage(p, NominalVolts, (float)Math.IEEERemainder(angles[p] - (0.05 * p), 2 * Math.PI));
                grid.SetCurrent(p, 1, RatingAmps / 2, -0.2f);
                grid.SetCurrent(p, 2, RatingAmps / 3, -0.3f);
            }

            return frame;
        }
    }
}
