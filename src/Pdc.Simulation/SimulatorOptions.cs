using System.Net;
using Pdc.Protocol;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Time;

namespace Pdc.Simulation;

/// <summary>
/// Everything that shapes a simulation: the PMUs and their stream(s), the signals (seed, scenario), the faults,
/// and, for <see cref="Serving.PmuSimulator"/>, where to serve them. The signal model reads the first groups only.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>FORMAT of every PMU with float polar phasors, float analogs and float FREQ/DFREQ.</summary>
    public const DataFormat FloatPolar = DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency;

    private const ushort DefaultStreamIdCode = 100;

    public int PmuCount { get; init; } = 4;

    public int FramesPerSecond { get; init; } = 30;

    public ProtocolVersion Version { get; init; } = ProtocolVersion.Ieee2011;

    /// <summary>FORMAT of every PMU: integer or float phasors, polar or rectangular, integer or float analogs and FREQ.</summary>
    public DataFormat Format { get; init; } = FloatPolar;

    /// <summary>FNOM, 50 or 60 Hz.</summary>
    public int NominalFrequency { get; init; } = 60;

    /// <summary>Draws the PMUs' character, the wander, the noise and the faults: the same seed gives the same frames.</summary>
    public long Seed { get; init; } = 1;

    public Scenario Scenario { get; init; } = Scenario.Quiet;

    /// <summary>Faults from the start, for every PMU; the scenario's fault events change them later.</summary>
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>
    /// IDCODE of the multi-PMU stream (like a PDC's); unused with <see cref="PerPmuPorts"/>. By default 100, or the
    /// first IDCODE after the PMUs' when they take 100.
    /// </summary>
    public ushort? StreamIdCode { get; init; }

    /// <summary>IDCODE of the first PMU; the others follow (1, 2, 3... by default).</summary>
    public ushort FirstPmuIdCode { get; init; } = 1;

    /// <summary>TIME_BASE; by default <see cref="ReportSchedule.TimeBaseFor"/> the rate, so that FRACSEC is exact.</summary>
    public uint? TimeBase { get; init; }

    /// <summary>One stream per PMU, each on its own port from <see cref="Listen"/>'s, instead of one multi-PMU stream.</summary>
    public bool PerPmuPorts { get; init; }

    /// <summary>Where TCP clients connect (port 0: any free port; see the served streams for the ports bound).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 4712);

    /// <summary>
    /// Also send data frames over UDP, without waiting for commands, to this address (to consecutive ports with
    /// <see cref="PerPmuPorts"/>). Commands may come back to the UDP socket the frames leave from.
    /// </summary>
    public IPEndPoint? UdpDestination { get; init; }

    /// <summary>Frames waiting for one slow client; beyond this the oldest data frame is dropped (and counted).</summary>
    public int ClientQueueCapacity { get; init; } = 128;

    /// <summary>Largest CFG-3 frame; a larger CFG-3 is sent in CONT_IDX fragments.</summary>
    public int Config3FrameSize { get; init; } = ushort.MaxValue;

    /// <summary>Receives one line per notable happening: connections, commands, scenario events, faults.</summary>
    public Action<string>? Log { get; init; }

    public uint EffectiveTimeBase => TimeBase ?? ReportSchedule.TimeBaseFor(FramesPerSecond);

    public ushort EffectiveStreamIdCode => StreamIdCode ?? (IsPmuIdCode(DefaultStreamIdCode) ? (ushort)(FirstPmuIdCode + PmuCount) : DefaultStreamIdCode);

    /// <summary>Throws <see cref="ArgumentException"/> (or <see cref="ScenarioException"/>) naming the first bad option.</summary>
    public void Validate()
    {
        if (PmuCount < 1 || PmuCount > ushort.MaxValue - FirstPmuIdCode)
        {
            throw new ArgumentException($"The PMU count is 1 or more, with IDCODEs from {FirstPmuIdCode} that fit 16 bits; not {PmuCount}.");
        }

        if (FramesPerSecond is < 1 or > 1000)
        {
            throw new ArgumentException($"The rate is 1 to 1000 frames per second, not {FramesPerSecond}.");
        }

        _ = new ReportSchedule(FramesPerSecond, EffectiveTimeBase);
        if (NominalFrequency is not (50 or 60))
        {
            throw new ArgumentException($"FNOM is 50 or 60 Hz, not {NominalFrequency}.");
        }

        if (((ushort)Format & ~0xF) != 0)
        {
            throw new ArgumentException($"FORMAT uses bits 0-3 only, not 0x{(ushort)Format:X4}.");
        }

        if (!PerPmuPorts && IsPmuIdCode(EffectiveStreamIdCode))
        {
            throw new ArgumentException($"The stream IDCODE {EffectiveStreamIdCode} is also a PMU's (PMUs are {FirstPmuIdCode}..{FirstPmuIdCode + PmuCount - 1}); choose another.");
        }

        if (PerPmuPorts && Listen.Port != 0 && Listen.Port + PmuCount - 1 > IPEndPoint.MaxPort)
        {
            throw new ArgumentException($"{PmuCount} ports from {Listen.Port} go past {IPEndPoint.MaxPort}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ClientQueueCapacity, 1);
        Faults.Validate();
        Scenario.CheckPmus(PmuCount);
    }

    private bool IsPmuIdCode(int idCode) => idCode >= FirstPmuIdCode && idCode < FirstPmuIdCode + PmuCount;
}
