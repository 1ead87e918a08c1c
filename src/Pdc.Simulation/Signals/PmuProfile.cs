namespace Pdc.Simulation.Signals;

/// <summary>
/// The fixed character of one simulated PMU, drawn from the seed: its bus voltage level and load, power factor,
/// a slight phase unbalance, its bus angle from a simple network model, its position, and its own slow wanders
/// of local frequency, voltage and load.
/// </summary>
internal sealed class PmuProfile
{
    /// <summary>Buses per radial corridor of the network model; the angle falls bus by bus along a corridor.</summary>
    private const int CorridorLength = 8;

    private static readonly double[] Kilovolts = [69, 115, 138, 230, 345, 500];

    private PmuProfile(ref SeededRandom random, double busAngle)
    {
        NominalKilovolts = Kilovolts[(int)(random.NextDouble() * Kilovolts.Length)];
        PhaseVoltage = NominalKilovolts * 1000 / Math.Sqrt(3) * random.NextDouble(0.98, 1.04);
        LoadCurrent = random.NextDouble(200, 1200);
        PowerFactorAngle = Math.Acos(random.NextDouble(0.9, 0.99));
        BusAngle = busAngle;
        PhaseMagnitude = [random.NextDouble(0.995, 1.005), random.NextDouble(0.995, 1.005), random.NextDouble(0.995, 1.005)];
        PhaseAngleError = [0, Degrees(random.NextDouble(-0.3, 0.3)), Degrees(random.NextDouble(-0.3, 0.3))];
        Latitude = (float)random.NextDouble(37, 41);
        Longitude = (float)random.NextDouble(-98, -92);
        Span<byte> id = stackalloc byte[16];
        BitConverter.TryWriteBytes(id, random.NextUInt64());
        BitConverter.TryWriteBytes(id[8..], random.NextUInt64());
        GlobalId = new Guid(id);

        // Local electromechanical jitter around the grid's frequency (fast, tiny), and slow voltage and load drifts.
        FrequencyWander = new SpectralWander(ref random, 0.0005, 2, 0.05, 2, 8);
        VoltageWander = new SpectralWander(ref random, 0.003, 60, 0.001, 0.5, 8);
        LoadWander = new SpectralWander(ref random, 0.02, 120, 0.0005, 0.5, 8);
    }

    public double NominalKilovolts { get; }

    /// <summary>RMS phase-to-neutral voltage, V.</summary>
    public double PhaseVoltage { get; }

    /// <summary>RMS phase current at normal load, A.</summary>
    public double LoadCurrent { get; }

    /// <summary>How far the current lags the voltage, radians.</summary>
    public double PowerFactorAngle { get; }

    /// <summary>The bus's steady angle relative to the reference bus, radians.</summary>
    public double BusAngle { get; }

    /// <summary>Per-phase magnitude factors (A, B, C): a slight unbalance.</summary>
    public double[] PhaseMagnitude { get; }

    /// <summary>Per-phase departures from 120° spacing, radians.</summary>
    public double[] PhaseAngleError { get; }

    public float Latitude { get; }

    public float Longitude { get; }

    public Guid GlobalId { get; }

    /// <summary>Local frequency deviation, Hz.</summary>
    public SpectralWander FrequencyWander { get; }

    /// <summary>Relative voltage magnitude deviation.</summary>
    public SpectralWander VoltageWander { get; }

    /// <summary>Relative load (current magnitude) deviation.</summary>
    public SpectralWander LoadWander { get; }

    /// <summary>
    /// The PMUs of a simulation. Bus angles come from radial corridors leaving the reference bus: the first bus of
    /// a corridor sits within a few degrees of the reference, and each next one lags its neighbour by the angle
    /// its power flow needs across the line between them (2 to 8 degrees).
    /// </summary>
    public static PmuProfile[] CreateFleet(int count, ulong seed)
    {
        var random = new SeededRandom(seed);
        var fleet = new PmuProfile[count];
        var angle = 0.0;
        for (var p = 0; p < count; p++)
        {
            angle = p % CorridorLength == 0
                ? Degrees(random.NextDouble(-5, 5))
                : angle - Degrees(random.NextDouble(2, 8));
            fleet[p] = new PmuProfile(ref random, angle);
        }

        return fleet;
    }

    private static double Degrees(double degrees) => degrees * Math.PI / 180;
}
