using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// Each output instant gets the mean of the input frames in the output period that ends at it (phasors as
/// complex numbers); STAT and digitals come from the period's last frame. A period whose last frame never
/// comes is emitted with what it has when the next period starts (unless that frame completes its own
/// period at once, which then wins).
/// </summary>
internal sealed class AverageDownsampler : IDownsampler
{
    private readonly int inputRate;
    private readonly int outputRate;
    private readonly DataFrame output;
    private readonly double[] sum;
    private readonly double[] sample;
    private readonly ushort[] windowDigitals;
    private ushort windowStat;
    private long window = long.MinValue;
    private int count;

    public AverageDownsampler(DeviceSource device, int outputRate)
    {
        inputRate = device.FramesPerSecond;
        this.outputRate = outputRate;
        output = ChannelVector.SinglePmuFrame(device);
        sum = new double[ChannelVector.Length(device.Config)];
        sample = new double[sum.Length];
        windowDigitals = new ushort[device.Config.Digitals.Count];
    }

    public long DelayNanoseconds => 0;

    public bool Accept(long inputIndex, DataFrame source, int pmu, out long outputIndex, out DataFrame values, out int valuesPmu)
    {
        values = output;
        valuesPmu = 0;
        outputIndex = window;
        var target = InstantMapper.CeilingDivide(inputIndex * outputRate, inputRate);
        var partial = false;
        if (target != window)
        {
            if (count > 0 && target > window)
            {
                Finish();
                partial = true;
            }

            window = target;
            count = 0;
            Array.Clear(sum);
        }

        ChannelVector.Read(source, pmu, sample);
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += sample[i];
        }

        count++;
        windowStat = source.Stat[pmu];
        source.DigitalsOf(pmu).CopyTo(windowDigitals);
        if (InstantMapper.FloorDivide(target * inputRate, outputRate) == inputIndex)
        {
            Finish();
            outputIndex = target;
            window = long.MinValue;
            count = 0;
            return true;
        }

        return partial;
    }

    private void Finish()
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sample[i] = sum[i] / count;
        }

        ChannelVector.Write(sample, output, 0);
        output.Stat[0] = windowStat;
        windowDigitals.CopyTo(output.DigitalsOf(0));
    }
}
