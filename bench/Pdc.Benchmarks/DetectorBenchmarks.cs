using BenchmarkDotNet.Attributes;
using Pdc.Analytics;
using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Islanding;
using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Overload;
using Pdc.Protocol;

namespace Pdc.Benchmarks;

/// <summary>
/// Cost per aligned frame (60 frames/s) of every detector together, on ambient data from 100 and 1,000 PMUs,
/// each with a voltage and two currents: UFLS, ROCOF, over/under frequency, UVLS and overload (with the
/// thermal replica) on every PMU, islanding with every PMU its own group, forced-oscillation spectra of every
/// PMU's frequency, an ambient mode meter on 4 signals and ringdown analysis of 4 signals. The frames are
/// built in place (<see cref="FrameOnly"/> is that cost alone). The setup runs 150 s of frames first, past
/// every learning phase, so the figure is the steady state, the once-a-second analyses averaged in.
/// </summary>
[MemoryDiagnoser]
public class DetectorBenchmarks
{
    private const int FramesPerSecond = 60;
    private const float NominalVolts = 132_790;
    private const float RatingAmps = 1000;

    private AmbientFrames frames = null!;
    private DetectorPipeline pipeline = null!;

    [Params(100, 1000)]
    public int Pmus { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        frames = new AmbientFrames(Pmus);
        pipeline = new DetectorPipeline(AllDetectors(Pmus));
        var events = 0;
        pipeline.Events.Subscribe(_ => events++);
        for (var k = 0; k < 150 * FramesPerSecond; k++)
        {
            pipeline.Process(frames.Next());
        }

        if (events > 0 || pipeline.Detectors.Any(d => !d.CanJudge))
        {
            throw new InvalidOperationException($"The ambient frames raised {events} events; the benchmark would measure event reporting.");
        }
    }

    [Benchmark(Baseline = true)]
    public DataFrame FrameOnly() => frames.Next();

    [Benchmark]
    public DataFrame AllDetectors()
    {
        var frame = frames.Next();
        pipeline.Process(frame);
        return frame;
    }

    private static DetectorPipelineSettings AllDetectors(int pmus)
    {
        var far = $"PMU{pmus / 2}";
        return new DetectorPipelineSettings
        {
            Ufls = { new UflsSettings() },
            Rocof = { new RocofSettings() },
            FrequencyExcursion = { new FrequencyExcursionSettings() },
            Uvls = { new UvlsSettings { NominalVolts = NominalVolts } },
            Overload = { new OverloadSettings { RatingAmps = RatingAmps, ThermalReplica = true } },
            Islanding = { new IslandingSettings() },
            ForcedOscillation = { new ForcedOscillationSettings() },
            AmbientModeMeters = { new AmbientModeMeterSettings { Signals = Signals(far) } },
            Ringdown = { new RingdownSettings { Signals = Signals(far) } },
        };
    }

    private static List<SignalSettings> Signals(string far) =>
    [
        new() { Pmu = "PMU0" },
        new() { Pmu = far },
        new() { Kind = SignalKind.AngleDifference, Pmu = "PMU0", ReferencePmu = far },
        new() { Kind = SignalKind.ActivePower, Pmu = "PMU1" },
    ];

    /// <summary>
    /// Ambient frames built in place: each PMU's frequency is AR(2) noise (a 0.45 Hz mode damped 10 %) driven
    /// from a table of normal samples, its voltage angle integrates that frequency, currents are steady.
    /// </summary>
    private sealed class AmbientFrames
    {
        private const int TableSize = 1 << 16;

        private readonly DataFrame frame;
        private readonly double[] normal = new double[TableSize];
        private readonly double[] previous;
        private readonly double[] beforePrevious;
        private readonly double[] angles;
        private readonly double a1;
        private readonly double a2;
        private long index;

        public AmbientFrames(int pmus)
        {
            var configs = new List<PmuConfig>(pmus);
            for (var i = 0; i < pmus; i++)
            {
                PhasorChannel[] phasors = [new("V", PhasorKind.Voltage, 1f, 0f), new("I1", PhasorKind.Current, 1f, 0f), new("I2", PhasorKind.Current, 1f, 0f)];
                configs.Add(new PmuConfig($"PMU{i}", (ushort)(1000 + i), DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency, phasors, [], [], 60, 1));
            }

            frame = new DataFrame(new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, 1, default, 1_000_000, configs, FramesPerSecond));
            var random = new Random(42);
            for (var i = 0; i < TableSize; i++)
            {
                normal[i] = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            }

            previous = new double[pmus];
            beforePrevious = new double[pmus];
            angles = new double[pmus];
            var radius = Math.Exp(-0.1 * 2 * Math.PI * 0.45 / Math.Sqrt(0.99) / FramesPerSecond);
            a1 = 2 * radius * Math.Cos(2 * Math.PI * 0.45 / FramesPerSecond);
            a2 = -radius * radius;
        }

        public DataFrame Next()
        {
            var nanoseconds = 1_700_000_000_000_000_000 + (index * 1_000_000_000 / FramesPerSecond);
            frame.Timestamp = FrameTimestamp.FromUnixNanoseconds(nanoseconds, 1_000_000);
            for (var p = 0; p < previous.Length; p++)
            {
                var deviation = (a1 * previous[p]) + (a2 * beforePrevious[p]) + (0.00003 * normal[(index + (p * 4099)) & (TableSize - 1)]);
                beforePrevious[p] = previous[p];
                previous[p] = deviation;
                angles[p] += 2 * Math.PI * deviation / FramesPerSecond;
                frame.Stat[p] = 0;
                frame.Frequency[p] = (float)(60 + deviation);
                var phasors = frame.PhasorsOf(p);
                phasors[0] = Phasor.FromPolar(NominalVolts, (float)Math.IEEERemainder(angles[p] - (0.001 * p), 2 * Math.PI));
                phasors[1] = Phasor.FromPolar(RatingAmps / 2, -0.2f);
                phasors[2] = Phasor.FromPolar(RatingAmps / 3, -0.3f);
            }

            index++;
            return frame;
        }
    }
}
