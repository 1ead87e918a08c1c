using Pdc.Protocol;

namespace Pdc.Analytics;

/// <summary>A <see cref="SignalSettings"/> resolved against one configuration: indices only, read per frame without allocating.</summary>
internal readonly struct SignalSource
{
    private const double DegreesPerRadian = 180 / Math.PI;

    private SignalSource(SignalKind kind, int pmu, int phasor, int referencePmu, int otherPhasor, int phaseCount, string label, string[] stations)
    {
        Kind = kind;
        Pmu = pmu;
        Phasor = phasor;
        ReferencePmu = referencePmu;
        OtherPhasor = otherPhasor;
        PhaseCount = phaseCount;
        Label = label;
        Stations = stations;
    }

    public SignalKind Kind { get; }

    public int Pmu { get; }

    public int Phasor { get; }

    public int ReferencePmu { get; }

    /// <summary>The reference phasor of an angle difference, or the current phasor of a power.</summary>
    public int OtherPhasor { get; }

    public int PhaseCount { get; }

    /// <summary>A readable name for events: "PMU1 frequency", "PMU1.VA − PMU3.VA angle".</summary>
    public string Label { get; }

    /// <summary>Station names of the PMUs the signal reads.</summary>
    public string[] Stations { get; }

    /// <summary>The frequency of PMU number <paramref name="pmu"/>.</summary>
    public static SignalSource FrequencyOf(ConfigFrame config, int pmu)
    {
        var station = ConfigLookup.StationName(config, pmu);
        return new SignalSource(SignalKind.Frequency, pmu, -1, -1, -1, 1, station + " frequency", [station]);
    }

    /// <summary>Resolves <paramref name="settings"/>; false with the reason when a PMU or channel is missing.</summary>
    public static bool TryResolve(SignalSettings settings, ConfigFrame config, out SignalSource source, out string problem)
    {
        source = default;
        var pmu = ConfigLookup.FindPmu(config, settings.Pmu);
        if (pmu < 0)
        {
            problem = $"PMU '{settings.Pmu}' is not in the configuration";
            return false;
        }

        var station = ConfigLookup.StationName(config, pmu);
        switch (settings.Kind)
        {
            case SignalKind.Frequency:
                source = FrequencyOf(config, pmu);
                problem = "";
                return true;
            case SignalKind.Magnitude:
            {
                var phasor = ConfigLookup.FindPhasor(config, pmu, settings.Channel, PhasorKind.Voltage);
                if (phasor < 0)
                {
                    problem = $"PMU '{station}' has no phasor '{settings.Channel ?? "(first voltage)"}'";
                    return false;
                }

                source = new SignalSource(SignalKind.Magnitude, pmu, phasor, -1, -1, 1, $"{station}.{PhasorName(config, pmu, phasor)} magnitude", [station]);
                problem = "";
                return true;
            }

            case SignalKind.AngleDifference:
                return TryResolveAngle(settings, config, pmu, station, out source, out problem);
            default:
                return TryResolvePower(settings, config, pmu, station, out source, out problem);
        }
    }

    /// <summary>The signal's value in this frame, or NaN when a PMU it reads is flagged invalid or a value is missing.</summary>
    public double Read(DataFrame frame)
    {
        if (!ConfigLookup.IsValid(frame.Stat[Pmu]))
        {
            return double.NaN;
        }

        switch (Kind)
        {
            case SignalKind.Frequency:
                return frame.Frequency[Pmu];
            case SignalKind.Magnitude:
                return frame.Phasors[Phasor].Magnitude;
            case SignalKind.AngleDifference:
            {
                if (!ConfigLookup.IsValid(frame.Stat[ReferencePmu]))
                {
                    return double.NaN;
                }

                var difference = (double)frame.Phasors[Phasor].Angle - frame.Phasors[OtherPhasor].Angle;
                return WrapDegrees(difference * DegreesPerRadian);
            }

            default:
            {
                var voltage = frame.Phasors[Phasor];
                var current = frame.Phasors[OtherPhasor];
                var watts = ((double)voltage.Real * current.Real) + ((double)voltage.Imaginary * current.Imaginary);
                return PhaseCount * watts * 1e-6;
            }
        }
    }

    /// <summary>An angle in degrees brought into (−180, 180].</summary>
    public static double WrapDegrees(double degrees)
    {
        var wrapped = Math.IEEERemainder(degrees, 360);
        return wrapped <= -180 ? wrapped + 360 : wrapped;
    }

    private static bool TryResolveAngle(SignalSettings settings, ConfigFrame config, int pmu, string station, out SignalSource source, out string problem)
    {
        source = default;
        var reference = ConfigLookup.FindPmu(config, settings.ReferencePmu);
        if (reference < 0)
        {
            problem = $"reference PMU '{settings.ReferencePmu}' is not in the configuration";
            return false;
        }

        var phasor = ConfigLookup.FindPhasor(config, pmu, settings.Channel, PhasorKind.Voltage);
        var referencePhasor = ConfigLookup.FindPhasor(config, reference, settings.ReferenceChannel, PhasorKind.Voltage);
        if (phasor < 0 || referencePhasor < 0)
        {
            problem = $"a phasor of the angle difference {station} − {ConfigLookup.StationName(config, reference)} is not in the configuration";
            return false;
        }

        var referenceStation = ConfigLookup.StationName(config, reference);
        var label = $"{station}.{PhasorName(config, pmu, phasor)} − {referenceStation}.{PhasorName(config, reference, referencePhasor)} angle";
        source = new SignalSource(SignalKind.AngleDifference, pmu, phasor, reference, referencePhasor, 1, label, [station, referenceStation]);
        problem = "";
        return true;
    }

    private static bool TryResolvePower(SignalSettings settings, ConfigFrame config, int pmu, string station, out SignalSource source, out string problem)
    {
        source = default;
        var voltage = ConfigLookup.FindPhasor(config, pmu, settings.Channel, PhasorKind.Voltage);
        var current = ConfigLookup.FindPhasor(config, pmu, settings.CurrentChannel, PhasorKind.Current);
        if (voltage < 0 || current < 0)
        {
            problem = $"PMU '{station}' lacks the voltage or current phasor of the power signal";
            return false;
        }

        var label = $"{station}.{PhasorName(config, pmu, current)} active power";
        source = new SignalSource(SignalKind.ActivePower, pmu, voltage, -1, current, settings.PhaseCount, label, [station]);
        problem = "";
        return true;
    }

    private static string PhasorName(ConfigFrame config, int pmu, int phasor) =>
        config.Pmus[pmu].Phasors[phasor - ConfigLookup.PhasorStart(config, pmu)].Name.Trim();
}
