using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// Anti-alias decimation: a linear-phase low-pass FIR (windowed sinc, Hamming) runs at the input rate and is
/// sampled at the output instants, centred on them so timestamps stay true. The price is a delay of half the
/// filter, which the alignment adds to its wait. A gap in the input repeats the last frame into the history.
/// </summary>
internal sealed class FirDownsampler : IDownsampler
{
    private readonly int inputRate;
    private readonly int outputRate;
    private readonly double[] taps;
    private readonly int channels;
    private readonly double[] history;
    private readonly ushort[] stats;
    private readonly ushort[] digitals;
    private readonly int digitalCount;
    private readonly double[] sample;
    private readonly DataFrame output;
    private long newest = long.MinValue;

    public FirDownsampler(DeviceSource device, int outputRate)
    {
        inputRate = device.FramesPerSecond;
        this.outputRate = outputRate;
        taps = DesignLowPass(inputRate, outputRate);
        channels = ChannelVector.Length(device.Config);
        digitalCount = device.Config.Digitals.Count;
        history = new double[taps.Length * channels];
        stats = new ushort[taps.Length];
        digitals = new ushort[taps.Length * digitalCount];
        sample = new double[channels];
        output = ChannelVector.SinglePmuFrame(device);
    }

    /// <summary>Half the filter length, in input periods, as nanoseconds.</summary>
    public long DelayNanoseconds => HalfLength * 1_000_000_000L / inputRate;

    private int HalfLength => (taps.Length - 1) / 2;

    public bool Accept(long inputIndex, DataFrame source, int pmu, out long outputIndex, out DataFrame values, out int valuesPmu)
    {
        values = output;
        valuesPmu = 0;
        outputIndex = 0;
        if (inputIndex <= newest)
        {
            return false;
        }

        ChannelVector.Read(source, pmu, sample);
        var fill = newest == long.MinValue || inputIndex - newest > taps.Length ? taps.Length : (int)(inputIndex - newest);
        for (var k = 0; k < fill; k++)
        {
            Store(inputIndex - k, source, pmu);
        }

        newest = inputIndex;
        var centre = inputIndex - HalfLength;
        outputIndex = InstantMapper.CeilingDivide(centre * outputRate, inputRate);
        if (InstantMapper.FloorDivide(outputIndex * inputRate, outputRate) != centre)
        {
            return false;
        }

        Filter(centre);
        return true;
    }

    private void Store(long index, DataFrame source, int pmu)
    {
        var slot = Slot(index);
        sample.CopyTo(history.AsSpan(slot * channels, channels));
        stats[slot] = source.Stat[pmu];
        source.DigitalsOf(pmu).CopyTo(digitals.AsSpan(slot * digitalCount, digitalCount));
    }

    private void Filter(long centre)
    {
        Array.Clear(sample);
        for (var t = 0; t < taps.Length; t++)
        {
            var row = history.AsSpan(Slot(newest - t) * channels, channels);
            var weight = taps[t];
            for (var c = 0; c < channels; c++)
            {
                sample[c] += weight * row[c];
            }
        }

        ChannelVector.Write(sample, output, 0);
        var slot = Slot(centre);
        output.Stat[0] = stats[slot];
        digitals.AsSpan(slot * digitalCount, digitalCount).CopyTo(output.DigitalsOf(0));
    }

    private int Slot(long index) => (int)(((index % taps.Length) + taps.Length) % taps.Length);

    /// <summary>
    /// Pass band to 0.2 × output rate, stop band from the output Nyquist frequency (0.5 × output rate);
    /// a Hamming window needs about 3.3/Δf taps for that transition. Unity gain at DC keeps 60 Hz at 60 Hz.
    /// </summary>
    internal static double[] DesignLowPass(int inputRate, int outputRate)
    {
        var transition = 0.3 * outputRate / inputRate;
        var half = (int)Math.Ceiling(3.3 / transition / 2);
        var length = (2 * half) + 1;
        var cutoff = 0.35 * outputRate / inputRate;
        var taps = new double[length];
        for (var n = 0; n < length; n++)
        {
            var m = n - half;
            var sinc = m == 0 ? 2 * cutoff : Math.Sin(2 * Math.PI * cutoff * m) / (Math.PI * m);
            var window = 0.54 - (0.46 * Math.Cos(2 * Math.PI * n / (length - 1)));
            taps[n] = sinc * window;
        }

        var gain = taps.Sum();
        for (var n = 0; n < length; n++)
        {
            taps[n] /= gain;
        }

        return taps;
    }
}
