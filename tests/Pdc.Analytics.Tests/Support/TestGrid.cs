using Pdc.Protocol;

namespace Pdc.Analytics.Tests.Support;

/// <summary>
/// Builds configurations and aligned frames for tests: PMUs named PMU0, PMU1, ... (IDCODE 100 + index), float
/// polar phasors, one voltage "V" then the currents "I1", "I2", ...; and a clock that stamps consecutive
/// report instants at the configured rate.
/// </summary>
internal sealed class TestGrid
{
    public const uint TimeBase = 1_000_000;
    public const long StartUnixNanoseconds = 1_700_000_000L * 1_000_000_000;

    private readonly int currentsPerPmu;
    private long index;

    public TestGrid(int pmuCount, int framesPerSecond, int nominalHz = 60, int currentsPerPmu = 1)
    {
        var pmus = new List<PmuConfig>(pmuCount);
        for (var i = 0; i < pmuCount; i++)
        {
            var phasors = new List<PhasorChannel> { new("V", PhasorKind.Voltage, 1f, 0f) };
            for (var c = 1; c <= currentsPerPmu; c++)
            {
                phasors.Add(new PhasorChannel($"I{c}", PhasorKind.Current, 1f, 0f));
            }

            pmus.Add(new PmuConfig($"PMU{i}", (ushort)(100 + i), DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency, phasors, [], [], nominalHz, 1));
        }

        Config = Create(pmus, framesPerSecond);
        Frame = new DataFrame(Config);
        NominalHz = nominalHz;
        this.currentsPerPmu = currentsPerPmu;
    }

    public ConfigFrame Config { get; }

    public DataFrame Frame { get; }

    public int NominalHz { get; }

    public double FramesPerSecond => Config.FramesPerSecond;

    /// <summary>Seconds since the first frame of the frame about to be built.</summary>
    public double Time => index / Config.FramesPerSecond;

    /// <summary>Frame time of the frame built <paramref name="seconds"/> after the first.</summary>
    public static long UnixNanoseconds(double seconds) => StartUnixNanoseconds + (long)Math.Round(seconds * 1e9);

    public static ConfigFrame Create(IReadOnlyList<PmuConfig> pmus, int framesPerSecond) =>
        new(FrameType.Config2, ProtocolVersion.Ieee2011, 1, default, TimeBase, pmus, (short)framesPerSecond);

    /// <summary>A grid with a new configuration of <paramref name="pmuCount"/> PMUs whose clock goes on from this one's.</summary>
    public TestGrid Reconfigured(int pmuCount) =>
        new(pmuCount, (int)FramesPerSecond, NominalHz, currentsPerPmu) { index = index };

    /// <summary>Stamps the next report instant, marks every PMU valid at nominal frequency, and returns the frame to fill.</summary>
    public DataFrame Next()
    {
        var nanoseconds = StartUnixNanoseconds + (long)Math.Round(index * 1e9 / Config.FramesPerSecond);
        index++;
        Frame.Timestamp = FrameTimestamp.FromUnixNanoseconds(nanoseconds, TimeBase);
        Array.Clear(Frame.Stat);
        Array.Fill(Frame.Frequency, NominalHz);
        Array.Clear(Frame.Rocof);
        return Frame;
    }

    /// <summary>Sets every phasor of every PMU to <paramref name="magnitude"/> at angle 0.</summary>
    public void SetAllPhasors(float magnitude)
    {
        Array.Fill(Frame.Phasors, Phasor.FromPolar(magnitude, 0));
    }

    public void SetVoltage(int pmu, float magnitude, float angle) => Frame.PhasorsOf(pmu)[0] = Phasor.FromPolar(magnitude, angle);

    public void SetCurrent(int pmu, int current, float magnitude, float angle = 0) => Frame.PhasorsOf(pmu)[current] = Phasor.FromPolar(magnitude, angle);

    public void MarkInvalid(int pmu) => Frame.Stat[pmu] = Stat.DataInvalidBit;
}
