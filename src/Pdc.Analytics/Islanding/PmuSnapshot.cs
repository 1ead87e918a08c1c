using Pdc.Protocol;

namespace Pdc.Analytics.Islanding;

/// <summary>Per-PMU values of the current frame in flat arrays, so every group's reference is the total minus the group.</summary>
internal sealed class PmuSnapshot(int count)
{
    private readonly bool[] valid = new bool[count];
    private readonly bool[] hasAngle = new bool[count];
    private readonly double[] frequency = new double[count];
    private readonly double[] cosine = new double[count];
    private readonly double[] sine = new double[count];

    public double[] Weight { get; } = new double[count];

    /// <summary>Index of each PMU's first voltage phasor, or −1.</summary>
    public int[] VoltagePhasor { get; } = new int[count];

    public bool[] InReference { get; } = new bool[count];

    /// <summary>PMUs of islanded groups: no longer "healthy remote PMUs", so they leave every reference.</summary>
    public bool[] Islanded { get; } = new bool[count];

    /// <summary>Reads every PMU of <paramref name="frame"/> and returns the sums over the valid reference PMUs.</summary>
    public PhasorSum Read(DataFrame frame)
    {
        for (var i = 0; i < valid.Length; i++)
        {
            double hz = frame.Frequency[i];
            valid[i] = ConfigLookup.IsValid(frame.Stat[i]) && double.IsFinite(hz) && hz > 0;
            frequency[i] = hz;
            hasAngle[i] = false;
            if (valid[i] && VoltagePhasor[i] >= 0)
            {
                var phasor = frame.Phasors[VoltagePhasor[i]];
                if (phasor.IsPolar)
                {
                    // One sine-cosine pair instead of the two that Real and Imaginary would each compute.
                    double angle = phasor.Angle;
                    (sine[i], cosine[i]) = Math.SinCos(angle);
                    hasAngle[i] = double.IsFinite(angle) && phasor.Magnitude > 0;
                }
                else
                {
                    double real = phasor.Real;
                    double imaginary = phasor.Imaginary;
                    var magnitude = Math.Sqrt((real * real) + (imaginary * imaginary));
                    hasAngle[i] = magnitude > 0 && double.IsFinite(magnitude);
                    cosine[i] = real / magnitude;
                    sine[i] = imaginary / magnitude;
                }
            }
        }

        var count = 0;
        double weight = 0, weightedFrequency = 0, angleWeight = 0, c = 0, s = 0;
        for (var i = 0; i < valid.Length; i++)
        {
            if (InReference[i] && valid[i] && !Islanded[i])
            {
                Add(i, ref count, ref weight, ref weightedFrequency, ref angleWeight, ref c, ref s);
            }
        }

        return new PhasorSum(count, weight, weightedFrequency, angleWeight, c, s);
    }

    /// <summary>Sums over the valid PMUs of <paramref name="members"/>, or only those counted in the reference.</summary>
    public PhasorSum Sum(ReadOnlySpan<int> members, bool onlyReference)
    {
        var count = 0;
        double weight = 0, weightedFrequency = 0, angleWeight = 0, c = 0, s = 0;
        foreach (var i in members)
        {
            if (valid[i] && (!onlyReference || (InReference[i] && !Islanded[i])))
            {
                Add(i, ref count, ref weight, ref weightedFrequency, ref angleWeight, ref c, ref s);
            }
        }

        return new PhasorSum(count, weight, weightedFrequency, angleWeight, c, s);
    }

    private void Add(int i, ref int count, ref double weight, ref double weightedFrequency, ref double angleWeight, ref double c, ref double s)
    {
        var w = Weight[i];
        count++;
        weight += w;
        weightedFrequency += w * frequency[i];
        if (hasAngle[i])
        {
            angleWeight += w;
            c += w * cosine[i];
            s += w * sine[i];
        }
    }
}
