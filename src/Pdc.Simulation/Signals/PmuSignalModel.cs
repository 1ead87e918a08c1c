using System.Buffers;
using System.Numerics;
using Pdc.Protocol;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Scenarios.Events;
using Pdc.Simulation.Time;

namespace Pdc.Simulation.Signals;

/// <summary>
/// The simulated grid as a pure function of time: <see cref="Fill"/> writes the data frame of any report instant,
/// with no clock, no socket and no state carried from one call to the next, so frames can be generated in any
/// order, offline, and always alike for the same seed.
/// </summary>
/// <remarks>
/// Each bus's frequency is FNOM plus the grid's wander (an Ornstein-Uhlenbeck-like process of about 10 mHz), a tiny
/// local wander and the scenario's events; its angle is its network-model offset plus 2π times the integral of that
/// deviation, and DFREQ its derivative, all exact, so FREQ, DFREQ and the rotation of the phasors agree. Phase
/// voltages and currents carry unbalance, slow drifts and measurement noise; V1 and I1 (and V2, I2, V0, I0) are
/// their symmetrical components, and MW and MVAR their three-phase power.
/// </remarks>
public sealed class PmuSignalModel
{
    private const double MagnitudeNoise = 0.0005;
    private const double AngleNoise = 0.0002;
    private const double FrequencyNoiseHz = 0.0005;
    private const double RocofNoiseHzPerSecond = 0.005;
    private const double NanosecondsPerSecond = 1e9;
    private const double TwoPi = 2 * Math.PI;

    private static readonly Complex A = Complex.FromPolarCoordinates(1, TwoPi / 3);

    private readonly PmuProfile[] profiles;
    private readonly SpectralWander gridWander;
    private readonly ScenarioEvent[] signalEvents;
    private readonly ConfigChange[] configChanges;
    private readonly Dictionary<ushort, SimulatedStream> streamsByIdCode;
    private readonly ulong seed;
    private readonly int nominalFrequency;
    private readonly ushort firstPmuIdCode;
    private readonly bool version2011;

    /// <param name="options">The simulation; its serving options are not read.</param>
    /// <param name="startUnixNanoseconds">The simulation start: time 0 of the scenario and of every wander.</param>
    public PmuSignalModel(SimulatorOptions options, long startUnixNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        StartUnixNanoseconds = startUnixNanoseconds;
        Schedule = new ReportSchedule(options.FramesPerSecond, options.EffectiveTimeBase);
        seed = (ulong)options.Seed;
        nominalFrequency = options.NominalFrequency;
        firstPmuIdCode = options.FirstPmuIdCode;
        version2011 = options.Version == ProtocolVersion.Ieee2011;
        profiles = PmuProfile.CreateFleet(options.PmuCount, seed);
        var random = new SeededRandom(seed ^ 0x6752_1D0F_0000_0001);
        gridWander = new SpectralWander(ref random, 0.010, 20, 1.0 / 1800, 2, 32);
        var events = options.Scenario.Events.Select(e => e.Bind(seed)).ToArray();
        signalEvents = events.Where(e => e is not (ConfigChange or FaultChange)).ToArray();
        configChanges = events.OfType<ConfigChange>().ToArray();
        Faults = new FaultSchedule(options.Faults, options.Scenario);
        Streams = CreateStreams(options);
        streamsByIdCode = Streams.ToDictionary(s => s.IdCode);
    }

    public long StartUnixNanoseconds { get; }

    /// <summary>The report instants (rate and TIME_BASE) of every stream.</summary>
    public ReportSchedule Schedule { get; }

    /// <summary>One multi-PMU stream, or one stream per PMU.</summary>
    public IReadOnlyList<SimulatedStream> Streams { get; }

    public int PmuCount => profiles.Length;

    internal FaultSchedule Faults { get; }

    /// <summary>Seconds from the simulation start to <paramref name="unixNanoseconds"/>.</summary>
    public double SecondsAt(long unixNanoseconds) => (unixNanoseconds - StartUnixNanoseconds) / NanosecondsPerSecond;

    /// <summary>
    /// Writes the timestamp and every PMU's values at <paramref name="reportInstantUnixNanoseconds"/> into
    /// <paramref name="frame"/>, whose config must be one of a stream's (<see cref="SimulatedStream.ConfigAt"/>),
    /// or a decoded copy of one: its PMUs are found by IDCODE, and their channels by position.
    /// </summary>
    public void Fill(DataFrame frame, long reportInstantUnixNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var config = frame.Config;
        var stream = StreamOf(config);
        var seconds = SecondsAt(reportInstantUnixNanoseconds);
        var streamFaults = Faults.ForStream(stream.Pmus, seconds);
        frame.Timestamp = FrameTimestamp.FromUnixNanoseconds(reportInstantUnixNanoseconds, config.TimeBase, new TimeQuality(streamFaults.TimeQualityCode));

        // Noise is keyed by the instant's index, so that a time rounded differently (from a decoded FRACSEC) finds it.
        var key = (ulong)(Schedule.NearestIndex(reportInstantUnixNanoseconds) - Schedule.NearestIndex(StartUnixNanoseconds));
        for (var slot = 0; slot < config.Pmus.Count; slot++)
        {
            FillPmu(frame, slot, config.Pmus[slot].IdCode - firstPmuIdCode, seconds, key);
        }
    }

    private SimulatedStream StreamOf(ConfigFrame config)
    {
        if (!streamsByIdCode.TryGetValue(config.IdCode, out var stream))
        {
            throw new ArgumentException($"IDCODE {config.IdCode} is not a stream of this simulation.", nameof(config));
        }

        foreach (var pmu in config.Pmus)
        {
            var index = pmu.IdCode - firstPmuIdCode;
            if (index < 0 || index >= profiles.Length)
            {
                throw new ArgumentException($"PMU IDCODE {pmu.IdCode} is not one of this simulation's.", nameof(config));
            }
        }

        return stream;
    }

    private void FillPmu(DataFrame frame, int slot, int pmu, double seconds, ulong key)
    {
        var profile = profiles[pmu];
        var pmuFaults = Faults.ForPmu(pmu, seconds);

        // A PMU whose clock is ahead labels with this instant what truly happened earlier, against a reference
        // wave that is itself shifted: its angles carry −2π·FNOM·offset.
        var clockOffset = pmuFaults.ClockOffsetMilliseconds / 1000;
        var t = seconds - clockOffset;
        var effects = BusEffects.Neutral;
        foreach (var e in signalEvents)
        {
            e.Apply(t, pmu, ref effects);
        }

        var grid = gridWander.Evaluate(t);
        var local = profile.FrequencyWander.Evaluate(t);
        var deviation = grid.Value + local.Value + effects.FrequencyHz;
        var cycles = grid.Integral + local.Integral + effects.Cycles;
        var rocof = grid.Derivative + local.Derivative + effects.RocofHzPerSecond;
        var angle = profile.BusAngle + (TwoPi * cycles) - (TwoPi * nominalFrequency * clockOffset);

        var voltage = profile.PhaseVoltage * (1 + profile.VoltageWander.Value(t));
        var current = profile.LoadCurrent * (1 + profile.LoadWander.Value(t)) * effects.Current;
        Span<double> phaseFactor = [effects.VoltageA, effects.VoltageB, effects.VoltageC];
        Span<Complex> v = stackalloc Complex[3];
        Span<Complex> i = stackalloc Complex[3];
        for (var x = 0; x < 3; x++)
        {
            // Phases A, B, C at 0°, −120°, +120° from the bus angle.
            var phaseAngle = angle - (x * TwoPi / 3) + profile.PhaseAngleError[x];
            v[x] = Complex.FromPolarCoordinates(
                voltage * phaseFactor[x] * profile.PhaseMagnitude[x] * (1 + (MagnitudeNoise * Noise(key, pmu, x))),
                phaseAngle + (AngleNoise * Noise(key, pmu, 3 + x)));
            i[x] = Complex.FromPolarCoordinates(
                current * profile.PhaseMagnitude[x] * (1 + (MagnitudeNoise * Noise(key, pmu, 6 + x))),
                phaseAngle - profile.PowerFactorAngle + (AngleNoise * Noise(key, pmu, 9 + x)));
        }

        var phasors = frame.PhasorsOf(slot);
        var polar = frame.Config.Pmus[slot].PolarPhasors;
        for (var n = 0; n < phasors.Length; n++)
        {
            phasors[n] = ToPhasor(Channel(n, v, i), polar);
        }

        frame.Frequency[slot] = (float)(nominalFrequency + deviation + (FrequencyNoiseHz * Noise(key, pmu, 12)));
        frame.Rocof[slot] = (float)(rocof + (RocofNoiseHzPerSecond * Noise(key, pmu, 13)));

        var power = (v[0] * Complex.Conjugate(i[0])) + (v[1] * Complex.Conjugate(i[1])) + (v[2] * Complex.Conjugate(i[2]));
        var analogs = frame.AnalogsOf(slot);
        Span<float> megawattsAndMegavars = [(float)(power.Real / 1e6), (float)(power.Imaginary / 1e6)];
        megawattsAndMegavars[..Math.Min(analogs.Length, 2)].CopyTo(analogs);

        var digitals = frame.DigitalsOf(slot);
        if (digitals.Length > 0)
        {
            digitals[0] = (ushort)(PmuChannels.BreakersClosed & ~effects.OpenBreakers);
        }

        frame.Stat[slot] = StatOf(pmu, seconds, pmuFaults, effects);
    }

    /// <summary>Phasor n of the channel list: phases, then the positive, negative and zero sequences.</summary>
    private static Complex Channel(int n, ReadOnlySpan<Complex> v, ReadOnlySpan<Complex> i) => n switch
    {
        < 3 => v[n],
        < 6 => i[n - 3],
        6 => Positive(v),
        7 => Positive(i),
        8 => Negative(v),
        9 => Negative(i),
        10 => Zero(v),
        _ => Zero(i),
    };

    private static Complex Positive(ReadOnlySpan<Complex> p) => (p[0] + (A * p[1]) + (A * A * p[2])) / 3;

    private static Complex Negative(ReadOnlySpan<Complex> p) => (p[0] + (A * A * p[1]) + (A * p[2])) / 3;

    private static Complex Zero(ReadOnlySpan<Complex> p) => (p[0] + p[1] + p[2]) / 3;

    private static Phasor ToPhasor(Complex value, bool polar) => polar
        ? Phasor.FromPolar((float)value.Magnitude, (float)value.Phase)
        : Phasor.FromRectangular((float)value.Real, (float)value.Imaginary);

    private ushort StatOf(int pmu, double seconds, FaultSettings pmuFaults, BusEffects effects)
    {
        var stat = 0;
        if (pmuFaults.SyncError)
        {
            stat |= Stat.SyncErrorBit;
        }

        foreach (var change in configChanges)
        {
            if (change.Concerns(pmu) && seconds >= change.AtSeconds - ConfigChange.WarningSeconds && seconds < change.AtSeconds)
            {
                stat |= Stat.ConfigChangeBit;
            }
        }

        if (effects.MagnitudeLowTrigger)
        {
            stat |= Stat.TriggerBit | 1;
        }

        if (version2011 && pmuFaults.TimeQualityCode != 0)
        {
            // STAT bits 8-6 (2011): the PMU's time quality, 1 (<100 ns) to 7 (>10 ms), from the FRACSEC code's 10^(code−10) s.
            var quality = pmuFaults.TimeQualityCode == 0xF ? 7 : Math.Clamp(pmuFaults.TimeQualityCode - 2, 1, 7);
            stat |= quality << 6;
        }

        return (ushort)stat;
    }

    private double Noise(ulong key, int pmu, int channel) => SeededRandom.GaussianAt(seed, key, ((ulong)pmu << 8) | (uint)channel);

    private SimulatedStream[] CreateStreams(SimulatorOptions options)
    {
        var groups = options.PerPmuPorts
            ? Enumerable.Range(0, options.PmuCount).Select(p => ((ushort)(firstPmuIdCode + p), new[] { p })).ToArray()
            : [(options.EffectiveStreamIdCode, Enumerable.Range(0, options.PmuCount).ToArray())];
        return groups.Select(g => CreateStream(options, g.Item1, g.Item2)).ToArray();
    }

    private SimulatedStream CreateStream(SimulatorOptions options, ushort idCode, int[] pmus)
    {
        var changes = configChanges.Where(c => pmus.Any(c.Concerns)).ToArray();
        var times = changes.Select(c => c.AtSeconds).Distinct().Order().Prepend(double.NegativeInfinity);
        var revisions = times.Select(from =>
        {
            var fromNanoseconds = double.IsNegativeInfinity(from) ? long.MinValue : StartUnixNanoseconds + (long)Math.Round(from * NanosecondsPerSecond);
            var pmuConfigs = pmus.Select(p => PmuChannels.Create(
                p, profiles[p], (ushort)(firstPmuIdCode + p), options.Format, nominalFrequency, changes.Count(c => c.AtSeconds <= from && c.Concerns(p))));
            var stamp = FrameTimestamp.FromUnixNanoseconds(Math.Max(StartUnixNanoseconds, fromNanoseconds), Schedule.TimeBase);
            return (fromNanoseconds, new ConfigFrame(FrameType.Config2, options.Version, idCode, stamp, Schedule.TimeBase, pmuConfigs.ToArray(), (short)options.FramesPerSecond));
        }).ToArray();
        CheckSize(revisions[^1].Item2);
        return new SimulatedStream(idCode, pmus, revisions);
    }

    private static void CheckSize(ConfigFrame config)
    {
        var size = 0;
        try
        {
            size = ConfigFrameWriter.WriteConfig12(new ArrayBufferWriter<byte>(), config);
        }
        catch (InvalidOperationException)
        {
            size = int.MaxValue;
        }

        if (size > ushort.MaxValue || config.DataFrameSize > ushort.MaxValue)
        {
            throw new ArgumentException($"{config.Pmus.Count} PMUs do not fit one stream (its CFG-2 would pass the 65535-byte FRAMESIZE limit); serve them on per-PMU ports or simulate fewer.");
        }
    }
}
