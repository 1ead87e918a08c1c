using System.CommandLine;
using System.CommandLine.Parsing;
using System.Net;
using Pdc.Host.Simulate;
using Pdc.Protocol;
using Pdc.Simulation;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Serving;

namespace Pdc.Host.Commands;

/// <summary><c>pdc simulate</c>: PMUs with realistic signals, served over TCP (and UDP) as real PMUs serve them.</summary>
internal static class SimulateCommand
{
    private static readonly Dictionary<string, DataFormat> Formats = new(StringComparer.Ordinal)
    {
        ["float-polar"] = SimulatorOptions.FloatPolar,
        ["float-rect"] = DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency,
        ["int-polar"] = DataFormat.PolarPhasors,
        ["int-rect"] = DataFormat.None,
    };

    public static Command Create()
    {
        var pmus = new Option<int>("--pmus") { HelpName = "N", Description = "How many PMUs.", DefaultValueFactory = _ => 4 };
        var rate = new Option<int>("--rate") { HelpName = "FPS", Description = "Frames per second.", DefaultValueFactory = _ => 30 };
        var listen = new Option<string>("--listen") { HelpName = "ADDRESS:PORT", Description = "ADDRESS:PORT where PDCs connect over TCP (port 0: any free port).", DefaultValueFactory = _ => "127.0.0.1:4712" };
        var perPmuPorts = new Option<bool>("--per-pmu-ports") { Description = "One 1-PMU stream per port (PORT, PORT+1, ...) instead of one multi-PMU stream." };
        var version = new Option<string>("--version") { Description = "C37.118 version: 2005 or 2011.", DefaultValueFactory = _ => "2011" };
        version.AcceptOnlyFromAmong("2005", "2011");
        var format = new Option<string>("--format") { Description = "Phasor, analog and FREQ encoding: float-polar, float-rect, int-polar or int-rect.", DefaultValueFactory = _ => "float-polar" };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var fnom = new Option<int>("--fnom") { HelpName = "HZ", Description = "Nominal frequency, 50 or 60 Hz.", DefaultValueFactory = _ => 60 };
        var scenario = new Option<string?>("--scenario") { HelpName = "FILE|NAME", Description = $"A scenario file, or a ready one by name ({string.Join(", ", Scenario.ReadyNames)})." };
        var seed = new Option<long>("--seed") { HelpName = "N", Description = "Seed of every random choice: the same seed gives the same frames.", DefaultValueFactory = _ => 1 };
        var udp = new Option<string?>("--udp") { HelpName = "ADDRESS:PORT", Description = "ADDRESS:PORT to also send data frames to over UDP, unasked (PORT+1... per PMU with --per-pmu-ports)." };
        var idCode = new Option<int?>("--idcode") { HelpName = "IDCODE", Description = "IDCODE of the multi-PMU stream (PMUs are 1, 2, ...); by default 100, or the first after the PMUs'." };
        var duration = new Option<double?>("--duration") { HelpName = "SECONDS", Description = "Stop after this many seconds (default: run until Ctrl-C)." };
        var faults = new FaultOptions();

        var command = new Command("simulate", "Serve simulated PMUs the way real ones are served: commands (start, stop, header, CFG-1/2/3), data frames on exact report instants, realistic signals, scenarios of grid events, and faults on demand.")
        {
            pmus, rate, listen, perPmuPorts, version, format, fnom, scenario, seed, udp, idCode, duration,
        };
        faults.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var lines = new ConsoleLines(Console.Out);
            await using var linesWritten = lines.ConfigureAwait(false);
            SimulatorOptions options;
            try
            {
                options = new SimulatorOptions
                {
                    PmuCount = parse.GetValue(pmus),
                    FramesPerSecond = parse.GetValue(rate),
                    Listen = ParseEndPoint(parse.GetValue(listen)!, "--listen"),
                    PerPmuPorts = parse.GetValue(perPmuPorts),
                    Version = parse.GetValue(version) == "2005" ? ProtocolVersion.Ieee2005 : ProtocolVersion.Ieee2011,
                    Format = Formats[parse.GetValue(format)!],
                    NominalFrequency = parse.GetValue(fnom),
                    Seed = parse.GetValue(seed),
                    UdpDestination = parse.GetValue(udp) is { } destination ? ParseEndPoint(destination, "--udp") : null,
                    StreamIdCode = CheckedIdCode(parse.GetValue(idCode)),
                    Scenario = faults.ApplyConfigChange(parse, parse.GetValue(scenario) is { } name ? Scenario.Load(name) : Scenario.Quiet),
                    Faults = faults.Read(parse),
                    Log = message => lines.WriteLine(SimulatorConsole.Stamp(message)),
                };
                options.Validate();
            }
            catch (Exception e) when (e is ArgumentException or ScenarioException)
            {
                Console.Error.WriteLine($"pdc simulate: {e.Message}");
                return ExitCodes.Failure;
            }

            return await RunAsync(options, parse.GetValue(duration), lines, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(SimulatorOptions options, double? duration, ConsoleLines lines, CancellationToken cancellationToken)
    {
        PmuSimulator simulator;
        try
        {
            simulator = await PmuSimulator.StartAsync(options).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Console.Error.WriteLine($"pdc simulate: cannot listen on {options.Listen}: {e.Message}. Is another simulator running there? Try another --listen port.");
            return ExitCodes.Failure;
        }

        await using (simulator.ConfigureAwait(false))
        {
            SimulatorConsole.WriteBanner(Console.Out, options, simulator);
            try
            {
                await Task.Delay(duration is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: stop cleanly below.
            }
        }

        // The simulator's last event lines go out before its summary.
        await lines.DisposeAsync().ConfigureAwait(false);
        SimulatorConsole.WriteSummary(Console.Out, simulator.Statistics);
        return ExitCodes.Success;
    }

    private static IPEndPoint ParseEndPoint(string text, string option) =>
        text.Contains(':', StringComparison.Ordinal) && IPEndPoint.TryParse(text, out var endPoint)
            ? endPoint
            : throw new ArgumentException($"{option} takes ADDRESS:PORT, such as 127.0.0.1:4712; not \"{text}\".");

    private static ushort? CheckedIdCode(int? idCode) =>
        idCode is null or (>= 1 and <= ushort.MaxValue) ? (ushort?)idCode : throw new ArgumentException($"--idcode is 1 to 65535, not {idCode}.");
}
