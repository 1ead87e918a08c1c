using System.Numerics;
using Pdc.Protocol;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Signals;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Signals;

public sealed class SignalModelTests
{
    private static readonly SimulatorOptions Options = new() { PmuCount = 4, FramesPerSecond = 50 };

    [Fact]
    public void SameSeedAndInstant_GiveIdenticalFrames_AndAnotherSeedDoesNot()
    {
        var first = ModelRun.Sample(Options, 10, 11);
        var again = ModelRun.Sample(Options, 10, 11);
        var other = ModelRun.Sample(Options with { Seed = 2 }, 10, 11);

        Assert.Equal(Encoded(first), Encoded(again));
        Assert.NotEqual(Encoded(first), Encoded(other));
    }

    [Fact]
    public void Frames_CanBeFilledInAnyOrder_WithTheSameValues()
    {
        var model = new PmuSignalModel(Options, ModelRun.Start);
        var instants = Enumerable.Range(0, 20).Select(k => model.Schedule.ToUnixNanoseconds(model.Schedule.IndexAtOrAfter(ModelRun.Start) + (k * 37))).ToArray();
        var forward = instants.Select(i => Fill(model, i)).ToArray();
        var backward = instants.Reverse().Select(i => Fill(new PmuSignalModel(Options, ModelRun.Start), i)).Reverse().ToArray();

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Timestamp_IsTheReportInstant_WithExactFracsec()
    {
        var run = ModelRun.Sample(Options with { FramesPerSecond = 30 }, 0, 2);
        var timeBase = run.Model.Schedule.TimeBase;

        Assert.Equal(3_000_000u, timeBase);
        Assert.All(run.Frames, f => Assert.Equal(0u, f.Timestamp.FractionOfSecond % (timeBase / 30)));
        Assert.Equal(60, run.Frames.Select(f => f.Timestamp).Distinct().Count());
    }

    [Fact]
    public void Frequency_AgreesWithTheRotationOfThePositiveSequenceAngle()
    {
        var run = ModelRun.Sample(Options, 0, 30);
        for (var pmu = 0; pmu < 4; pmu++)
        {
            var angles = run.Phasor(pmu, "V1").Select(v => v.Phase).ToArray();
            var frequency = run.Frequency(pmu);
            var errors = new List<double>();
            for (var k = 1; k < angles.Length; k++)
            {
                var turned = Math.IEEERemainder(angles[k] - angles[k - 1], 2 * Math.PI);
                var fromAngle = turned / (2 * Math.PI * (run.Seconds[k] - run.Seconds[k - 1]));
                var reported = ((frequency[k] + frequency[k - 1]) / 2) - 60;
                errors.Add(fromAngle - reported);
            }

            // Angle noise over 20 ms and FREQ noise make each step a few mHz off; on average they agree closely.
            Assert.True(Math.Abs(errors.Average()) < 0.0005, $"PMU {pmu + 1}: mean error {errors.Average() * 1000:0.###} mHz");
            Assert.True(errors.Max(Math.Abs) < 0.02, $"PMU {pmu + 1}: worst error {errors.Max(Math.Abs) * 1000:0.#} mHz");
            Assert.True(frequency.Max() - frequency.Min() > 0.002, $"PMU {pmu + 1}: FREQ barely moves, so the check proves little");
        }
    }

    [Fact]
    public void Rocof_IsTheDerivativeOfFrequency()
    {
        // A generator trip makes FREQ move fast enough for its slope to stand well above the noise.
        var trip = Scenario.Parse("""{ "events": [ { "type": "generatorTrip", "atSeconds": 1, "dipHz": -0.1, "rocofHzPerSecond": -0.15 } ] }""");
        var run = ModelRun.Sample(Options with { Scenario = trip }, 0, 20);
        var frequency = run.Frequency(2);
        var rocof = run.Rocof(2);
        var errors = new List<double>();
        var slopes = new List<double>();
        const int Half = 5;
        for (var k = Half; k < frequency.Length - Half; k++)
        {
            var slope = (frequency[k + Half] - frequency[k - Half]) / (run.Seconds[k + Half] - run.Seconds[k - Half]);
            var reported = rocof[(k - Half)..(k + Half + 1)].Average();
            slopes.Add(slope);
            errors.Add(slope - reported);
        }

        Assert.True(slopes.Min() < -0.1, "FREQ falls steeply after the trip");
        Assert.True(Math.Abs(errors.Average()) < 0.002, $"mean error {errors.Average():0.####} Hz/s");
        Assert.True(errors.Average(e => e * e) < 0.01 * 0.01, "DFREQ follows the slope of FREQ within noise");
    }

    [Fact]
    public void Frequency_WandersAroundNominal_ByAboutTenMillihertz()
    {
        var run = ModelRun.Sample(Options, 0, 3600, everyNthInstant: 50);
        var deviation = run.Frequency(0).Select(f => f - 60).ToArray();
        var mean = deviation.Average();
        var spread = Math.Sqrt(deviation.Average(d => (d - mean) * (d - mean)));

        Assert.InRange(spread, 0.004, 0.025);
        Assert.InRange(mean, -0.015, 0.015);
    }

    [Fact]
    public void PositiveSequence_IsComputedFromThePhases_AndMwMvarAreTheirPower()
    {
        var frame = ModelRun.Sample(Options, 5, 5.1).Frames[0];
        var a = Complex.FromPolarCoordinates(1, 2 * Math.PI / 3);
        for (var pmu = 0; pmu < 4; pmu++)
        {
            var (va, vb, vc) = (ModelRun.Phasor(frame, pmu, "VA"), ModelRun.Phasor(frame, pmu, "VB"), ModelRun.Phasor(frame, pmu, "VC"));
            var (ia, ib, ic) = (ModelRun.Phasor(frame, pmu, "IA"), ModelRun.Phasor(frame, pmu, "IB"), ModelRun.Phasor(frame, pmu, "IC"));
            var v1 = (va + (a * vb) + (a * a * vc)) / 3;
            var power = (va * Complex.Conjugate(ia)) + (vb * Complex.Conjugate(ib)) + (vc * Complex.Conjugate(ic));

            Assert.True((v1 - ModelRun.Phasor(frame, pmu, "V1")).Magnitude < v1.Magnitude * 1e-5);
            Assert.True(Math.Abs((vb.Phase - va.Phase + (2 * Math.PI)) % (2 * Math.PI) - (4 * Math.PI / 3)) < 0.01, "B lags A by 120°");
            Assert.Equal(power.Real / 1e6, frame.AnalogsOf(pmu)[0], 0.01 * Math.Abs(power.Real / 1e6));
            Assert.Equal(power.Imaginary / 1e6, frame.AnalogsOf(pmu)[1], 0.01 * Math.Abs(power.Imaginary / 1e6) + 0.01);
            Assert.True(power.Real > 0 && power.Imaginary > 0, "a lagging load draws MW and MVAR");
        }
    }

    [Fact]
    public void BusAngles_SitApartByTheNetworkModel_AndRotateTogether()
    {
        var run = ModelRun.Sample(Options, 0, 60, everyNthInstant: 10);
        var first = run.Phasor(0, "V1");
        var second = run.Phasor(1, "V1");
        var differences = first.Zip(second, (x, y) => Math.IEEERemainder(y.Phase - x.Phase, 2 * Math.PI)).ToArray();
        var turned = first.Select(v => v.Phase).ToArray();

        Assert.InRange(differences.Average(), -0.2, -0.02);
        Assert.True(differences.Max() - differences.Min() < 0.05, "neighbouring buses keep their angle difference within a few degrees");
        Assert.True(turned.Max() - turned.Min() > 0.1, "the angles themselves rotate with the frequency deviation");
    }

    [Fact]
    public void Digitals_ShowEveryBreakerClosed_AndStatIsClean_InSteadyOperation()
    {
        var run = ModelRun.Sample(Options, 0, 1);

        Assert.All(run.Frames, f => Assert.All(f.Digitals, d => Assert.Equal(0x000F, d)));
        Assert.All(run.Frames, f => Assert.All(f.Stat, s => Assert.Equal(0, s)));
    }

    private static byte[] Fill(PmuSignalModel model, long instant)
    {
        var frame = new DataFrame(model.Streams[0].ConfigAt(instant));
        model.Fill(frame, instant);
        var bytes = new byte[frame.Config.DataFrameSize];
        DataFrameCodec.Write(bytes, frame);
        return bytes;
    }

    private static byte[] Encoded(ModelRun run) => run.Frames.SelectMany(f =>
    {
        var bytes = new byte[f.Config.DataFrameSize];
        DataFrameCodec.Write(bytes, f);
        return bytes;
    }).ToArray();
}
