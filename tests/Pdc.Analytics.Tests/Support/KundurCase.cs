using System.Globalization;
using Pdc.Protocol;
using Pdc.Testing;

namespace Pdc.Analytics.Tests.Support;

/// <summary>
/// The Kundur two-area data set in ../shared/datasets/kundur_case2b, read in place: one PMU per bus (from the
/// PMU*.cfg files), 25 rows/s, 50 Hz, disturbance 19.88 s after the first row. Rows become aligned frames.
/// </summary>
internal sealed class KundurCase
{
    public const int FramesPerSecond = 25;
    public const double DisturbanceSeconds = 19.88;

    private static readonly int[] Buses = [1, 2, 3, 11, 12, 13];

    private readonly double[][][] rows;

    private KundurCase(ConfigFrame config, double[][][] rows)
    {
        Config = config;
        this.rows = rows;
    }

    public ConfigFrame Config { get; }

    public int RowCount => rows[0].Length;

    public static string Folder => Path.Combine(SharedFiles.Root, "datasets", "kundur_case2b");

    public static KundurCase Load()
    {
        var pmus = new List<PmuConfig>();
        var data = new double[Buses.Length][][];
        for (var b = 0; b < Buses.Length; b++)
        {
            pmus.Add(ReadConfig(Path.Combine(Folder, $"PMU{Buses[b]}.cfg")));
            data[b] = [.. File.ReadLines(Path.Combine(Folder, $"iPMUBUS_{Buses[b]}.csv"))
                .Where(line => line.Length > 0)
                .Select(line => line.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
        }

        return new KundurCase(TestGrid.Create(pmus, FramesPerSecond), data);
    }

    /// <summary>Station name of the PMU at <paramref name="bus"/>.</summary>
    public static string Station(int bus) => $"PMU{bus}";

    /// <summary>Fills <paramref name="frame"/> with row <paramref name="row"/> of every PMU.</summary>
    public void Fill(DataFrame frame, int row)
    {
        var nanoseconds = TestGrid.StartUnixNanoseconds + ((long)row * 1_000_000_000 / FramesPerSecond);
        frame.Timestamp = FrameTimestamp.FromUnixNanoseconds(nanoseconds, TestGrid.TimeBase);
        for (var pmu = 0; pmu < rows.Length; pmu++)
        {
            var values = rows[pmu][row];
            var phasors = frame.PhasorsOf(pmu);
            for (var p = 0; p < phasors.Length; p++)
            {
                phasors[p] = Phasor.FromPolar((float)values[1 + (2 * p)], (float)values[2 + (2 * p)]);
            }

            frame.Stat[pmu] = 0;
            frame.Frequency[pmu] = (float)values[^2];
            frame.Rocof[pmu] = (float)values[^1];
        }
    }

    private static PmuConfig ReadConfig(string path)
    {
        var lines = File.ReadAllLines(path);
        var identity = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var phasorCount = int.Parse(lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        var nominal = int.Parse(lines[7].Trim(), CultureInfo.InvariantCulture);
        var phasors = new List<PhasorChannel>();
        for (var i = 0; i < phasorCount; i++)
        {
            var fields = lines[8 + i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            phasors.Add(new PhasorChannel(fields[0], fields[1] == "Current" ? PhasorKind.Current : PhasorKind.Voltage, 1f, 0f));
        }

        var format = DataFormat.PolarPhasors | DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency;
        return new PmuConfig(identity[0], ushort.Parse(identity[1], CultureInfo.InvariantCulture), format, phasors, [], [], nominal, 1);
    }
}
