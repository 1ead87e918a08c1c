namespace Pdc.Protocol;

/// <summary>
/// Caller-owned storage for the decoded values of one data frame, sized once from its configuration and
/// reused for every frame, so decoding allocates nothing. Values of all PMUs lie in flat arrays; a PMU's
/// slice starts at <see cref="PhasorStart"/>, <see cref="AnalogStart"/> and <see cref="DigitalStart"/>.
/// </summary>
public sealed class DataFrame
{
    public DataFrame(ConfigFrame config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        var pmuCount = config.Pmus.Count;
        Stat = new ushort[pmuCount];
        Frequency = new float[pmuCount];
        Rocof = new float[pmuCount];
        Phasors = new Phasor[config.PhasorCount];
        Analogs = new float[config.AnalogCount];
        Digitals = new ushort[config.DigitalCount];
        PhasorStart = new int[pmuCount + 1];
        AnalogStart = new int[pmuCount + 1];
        DigitalStart = new int[pmuCount + 1];
        for (var i = 0; i < pmuCount; i++)
        {
            var pmu = config.Pmus[i];
            PhasorStart[i + 1] = PhasorStart[i] + pmu.Phasors.Count;
            AnalogStart[i + 1] = AnalogStart[i] + pmu.Analogs.Count;
            DigitalStart[i + 1] = DigitalStart[i] + pmu.Digitals.Count;
        }
    }

    public ConfigFrame Config { get; }

    public FrameTimestamp Timestamp { get; set; }

    /// <summary>STAT word of each PMU.</summary>
    public ushort[] Stat { get; }

    /// <summary>Frequency of each PMU in Hz (absolute, not the deviation an integer FREQ carries).</summary>
    public float[] Frequency { get; }

    /// <summary>ROCOF (DFREQ) of each PMU in Hz/s.</summary>
    public float[] Rocof { get; }

    /// <summary>All PMUs' phasors, PMU by PMU.</summary>
    public Phasor[] Phasors { get; }

    /// <summary>All PMUs' analog values, PMU by PMU (integer analogs scaled by CFG-3's ANSCALE only).</summary>
    public float[] Analogs { get; }

    /// <summary>All PMUs' digital status words, PMU by PMU.</summary>
    public ushort[] Digitals { get; }

    /// <summary>Index of each PMU's first phasor in <see cref="Phasors"/>; entry [PMU count] is the total.</summary>
    public int[] PhasorStart { get; }

    public int[] AnalogStart { get; }

    public int[] DigitalStart { get; }

    public Span<Phasor> PhasorsOf(int pmu) => Phasors.AsSpan(PhasorStart[pmu], PhasorStart[pmu + 1] - PhasorStart[pmu]);

    public Span<float> AnalogsOf(int pmu) => Analogs.AsSpan(AnalogStart[pmu], AnalogStart[pmu + 1] - AnalogStart[pmu]);

    public Span<ushort> DigitalsOf(int pmu) => Digitals.AsSpan(DigitalStart[pmu], DigitalStart[pmu + 1] - DigitalStart[pmu]);
}
