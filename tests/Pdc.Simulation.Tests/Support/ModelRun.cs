using System.Numerics;
using Pdc.Protocol;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Tests.Support;

/// <summary>The signal model sampled offline, frame by frame, over a span of simulated time: no clock, no socket.</summary>
internal sealed class ModelRun
{
    public const long Start = 1_700_000_000L * 1_000_000_000;

    private ModelRun(PmuSignalModel model, IReadOnlyList<double> seconds, IReadOnlyList<DataFrame> frames)
    {
        Model = model;
        Seconds = seconds;
        Frames = frames;
    }

    public PmuSignalModel Model { get; }

    /// <summary>Seconds from the start of each frame.</summary>
    public IReadOnlyList<double> Seconds { get; }

    public IReadOnlyList<DataFrame> Frames { get; }

    public static ModelRun Sample(SimulatorOptions options, double fromSeconds, double toSeconds, int? everyNthInstant = null)
    {
        var model = new PmuSignalModel(options, Start);
        var schedule = model.Schedule;
        var first = schedule.IndexAtOrAfter(Start + (long)(fromSeconds * 1e9));
        var last = schedule.IndexAtOrAfter(Start + (long)(toSeconds * 1e9));
        var seconds = new List<double>();
        var frames = new List<DataFrame>();
        for (var index = first; index < last; index += everyNthInstant ?? 1)
        {
            var instant = schedule.ToUnixNanoseconds(index);
            var frame = new DataFrame(model.Streams[0].ConfigAt(instant));
            model.Fill(frame, instant);
            seconds.Add(model.SecondsAt(instant));
            frames.Add(frame);
        }

        return new ModelRun(model, seconds, frames);
    }

    public double[] Frequency(int pmu) => Frames.Select(f => (double)f.Frequency[pmu]).ToArray();

    public double[] Rocof(int pmu) => Frames.Select(f => (double)f.Rocof[pmu]).ToArray();

    /// <summary>Phasor <paramref name="name"/> (VA, I1...) of a PMU in every frame, as a complex number.</summary>
    public Complex[] Phasor(int pmu, string name) => Frames.Select(f => Phasor(f, pmu, name)).ToArray();

    public static Complex Phasor(DataFrame frame, int pmu, string name)
    {
        var channels = frame.Config.Pmus[pmu].Phasors;
        var index = channels.Select((c, i) => (c, i)).Single(x => x.c.Name == name).i;
        var phasor = frame.PhasorsOf(pmu)[index];
        return new Complex(phasor.Real, phasor.Imaginary);
    }

    /// <summary>Indices of the frames whose time lies in [from, to).</summary>
    public int[] Between(double from, double to) =>
        Enumerable.Range(0, Seconds.Count).Where(i => Seconds[i] >= from && Seconds[i] < to).ToArray();

    /// <summary>The amplitude of the sinusoid at <paramref name="hertz"/> in <paramref name="values"/> over the chosen frames (a one-bin DFT).</summary>
    public double Amplitude(double[] values, int[] frames, double hertz)
    {
        var mean = frames.Average(i => values[i]);
        var sum = Complex.Zero;
        foreach (var i in frames)
        {
            sum += (values[i] - mean) * Complex.FromPolarCoordinates(1, -2 * Math.PI * hertz * Seconds[i]);
        }

        return 2 * sum.Magnitude / frames.Length;
    }
}
