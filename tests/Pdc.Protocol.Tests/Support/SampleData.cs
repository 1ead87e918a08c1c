namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// Fills a <see cref="DataFrame"/> with values that its formats represent exactly (integer fields are drawn as
/// raw integers and scaled as the decoder scales them), so that encoding and decoding must give them back bit for bit.
/// Now and then a value is absent (0x8000, NaN) where the integer formats can say so.
/// </summary>
internal static class SampleData
{
    public static DataFrame Create(ConfigFrame config, Random random, FrameTimestamp timestamp)
    {
        var frame = new DataFrame(config) { Timestamp = timestamp };
        for (var p = 0; p < config.Pmus.Count; p++)
        {
            var pmu = config.Pmus[p];
            frame.Stat[p] = (ushort)random.Next(0x10000);
            FillPhasors(pmu, frame.PhasorsOf(p), random);
            FillFrequency(pmu, frame, p, random);
            FillAnalogs(pmu, frame.AnalogsOf(p), random);
            foreach (ref var digital in frame.DigitalsOf(p))
            {
                digital = (ushort)random.Next(0x10000);
            }
        }

        return frame;
    }

    private static void FillPhasors(PmuConfig pmu, Span<Phasor> phasors, Random random)
    {
        for (var i = 0; i < phasors.Length; i++)
        {
            var scale = pmu.Phasors[i].Scale;
            var absent = random.Next(8) == 0;
            phasors[i] = (pmu.FloatPhasors, pmu.PolarPhasors) switch
            {
                (true, true) => Phasor.FromPolar(NextFloat(random, 0, 400_000), NextFloat(random, -MathF.PI, MathF.PI)),
                (true, false) => Phasor.FromRectangular(NextFloat(random, -300_000, 300_000), NextFloat(random, -300_000, 300_000)),
                (false, true) when absent => Phasor.Missing,
                (false, true) => Phasor.FromPolar(random.Next(0x10000) * scale, random.Next(-31_416, 31_417) / 10_000f),
                (false, false) => Phasor.FromRectangular(
                    absent ? float.NaN : random.Next(-32_767, 32_768) * scale,
                    random.Next(-32_767, 32_768) * scale),
            };
        }
    }

    private static void FillFrequency(PmuConfig pmu, DataFrame frame, int p, Random random)
    {
        if (pmu.FloatFrequency)
        {
            frame.Frequency[p] = NextFloat(random, pmu.NominalFrequency - 5, pmu.NominalFrequency + 5);
            frame.Rocof[p] = NextFloat(random, -10, 10);
            return;
        }

        frame.Frequency[p] = random.Next(8) == 0 ? float.NaN : pmu.NominalFrequency + (random.Next(-32_767, 32_768) / 1000f);
        frame.Rocof[p] = random.Next(8) == 0 ? float.NaN : random.Next(-32_767, 32_768) / 100f;
    }

    private static void FillAnalogs(PmuConfig pmu, Span<float> analogs, Random random)
    {
        for (var i = 0; i < analogs.Length; i++)
        {
            var channel = pmu.Analogs[i];
            analogs[i] = pmu.FloatAnalogs ? NextFloat(random, -100_000, 100_000)
                : random.Next(8) == 0 ? float.NaN
                : (random.Next(-32_767, 32_768) * channel.Scale) + channel.Offset;
        }
    }

    private static float NextFloat(Random random, float min, float max) => min + ((max - min) * random.NextSingle());
}
