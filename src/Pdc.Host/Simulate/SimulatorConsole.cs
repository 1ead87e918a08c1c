using System.Globalization;
using Pdc.Protocol;
using Pdc.Simulation;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Serving;

namespace Pdc.Host.Simulate;

/// <summary>What <c>pdc simulate</c> tells its user: what it serves and how to connect, what happens, and what it did.</summary>
internal static class SimulatorConsole
{
    /// <summary>An event line: the time, then the message.</summary>
    public static string Stamp(string message) => $"{DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} {message}";

    public static void WriteBanner(TextWriter output, SimulatorOptions options, PmuSimulator simulator)
    {
        var model = simulator.Model;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"pdc simulate: {options.PmuCount} PMU(s) at {options.FramesPerSecond} frames/s, {(options.Version == ProtocolVersion.Ieee2005 ? "C37.118-2005" : "C37.118-2011")}, {Describe(options.Format)}, FNOM {options.NominalFrequency} Hz, TIME_BASE {model.Schedule.TimeBase}, seed {options.Seed}"));
        foreach (var stream in simulator.Streams)
        {
            var udp = stream.UdpDestination is { } destination ? $", UDP from {stream.UdpLocalEndPoint} to {destination}" : string.Empty;
            output.WriteLine($"  stream IDCODE {stream.IdCode} on TCP {stream.TcpEndPoint}{udp}: PMU IDCODE(s) {string.Join(", ", stream.PmuIdCodes)}");
        }

        output.WriteLine($"  channels per PMU: VA VB VC IA IB IC V1 I1 (phasors), MW MVAR (analogs), breaker states (1 digital word)");
        output.WriteLine($"scenario {options.Scenario.Name}{(options.Scenario.Description.Length > 0 ? ": " + options.Scenario.Description : string.Empty)}");
        foreach (var line in options.Scenario.Timeline)
        {
            output.WriteLine($"  {line}");
        }

        output.WriteLine($"faults: {Describe(options.Faults)}");
        var first = simulator.Streams[0];
        output.WriteLine();
        output.WriteLine($"Connect a PDC (or any C37.118 client) to {first.TcpEndPoint} with IDCODE {first.IdCode}: send CFG-2 (command 5), then turn on transmission (command 2).");
        output.WriteLine($"To look at the frames, capture them while a client is connected (tcpdump -i lo -w sim.pcap tcp port {first.TcpEndPoint.Port}), then: pdc inspect sim.pcap");
        output.WriteLine("Ctrl-C stops.");
    }

    public static void WriteSummary(TextWriter output, SimulatorStatistics statistics) =>
        output.WriteLine(
            $"stopped: {statistics.DataFrames} data frames built, {statistics.FramesQueued} queued to clients, {statistics.SlowClientDrops} dropped for slow clients; " +
            $"{statistics.ClientsAccepted} TCP client(s), {statistics.Commands} command(s); faults: {statistics.FaultDrops} dropped, {statistics.FaultDuplicates} duplicated, " +
            $"{statistics.FaultReorders} reordered, {statistics.FaultBadCrcs} bad CRC, {statistics.FaultDisconnects} disconnects");

    private static string Describe(DataFormat format) =>
        $"{((format & DataFormat.FloatPhasors) != 0 ? "float" : "integer")} {((format & DataFormat.PolarPhasors) != 0 ? "polar" : "rectangular")} phasors, " +
        $"{((format & DataFormat.FloatAnalogs) != 0 ? "float" : "integer")} analogs, {((format & DataFormat.FloatFrequency) != 0 ? "float" : "integer")} FREQ";

    private static string Describe(FaultSettings faults)
    {
        var parts = new List<string>();
        Add(faults.DropPercent, "drop {0} %");
        Add(faults.DuplicatePercent, "duplicate {0} %");
        Add(faults.ReorderPercent, "reorder {0} %");
        Add(faults.BadCrcPercent, "bad CRC {0} %");
        Add(faults.JitterMilliseconds, "jitter up to {0} ms");
        Add(faults.ClockOffsetMilliseconds, "clock offset {0} ms");
        Add(faults.TimeQualityCode, "time quality code {0}");
        Add(faults.DisconnectEverySeconds, "disconnect every {0} s");
        if (faults.SyncError)
        {
            parts.Add("STAT sync error");
        }

        return parts.Count == 0 ? "none from the start" : string.Join(", ", parts);

        void Add(double value, string text)
        {
            if (value != 0)
            {
                parts.Add(string.Format(CultureInfo.InvariantCulture, text, value));
            }
        }
    }
}
