namespace Pdc.Analytics.Oscillations;

/// <summary>One forced oscillation being followed: where in the spectrum, since when, and its amplitude in every signal.</summary>
internal sealed class TrackedOscillation(int signals)
{
    public bool InUse { get; set; }

    public int Bin { get; set; }

    public double FrequencyHz { get; set; }

    public long Onset { get; set; }

    public long LastSeen { get; set; }

    public double Ratio { get; set; }

    public double[] Amplitudes { get; } = new double[signals];

    public DetectorEvent? Open { get; set; }

    public void Start(int bin, double frequencyHz, long onset, long now, double ratio)
    {
        InUse = true;
        Bin = bin;
        FrequencyHz = frequencyHz;
        Onset = onset;
        LastSeen = now;
        Ratio = ratio;
        Open = null;
        Array.Clear(Amplitudes);
    }

    public double LargestAmplitude()
    {
        var largest = 0.0;
        foreach (var amplitude in Amplitudes)
        {
            largest = Math.Max(largest, amplitude);
        }

        return largest;
    }
}
