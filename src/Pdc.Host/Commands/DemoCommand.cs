using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Pdc.Host.Configuration;
using Pdc.Host.Runtime;
using Pdc.Replay.Recording;
using Pdc.Simulation;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Serving;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Publishing;

namespace Pdc.Host.Commands;

/// <summary>
/// <c>pdc demo</c>: a working PDC on a fresh machine with no config at all: simulated PMUs playing a scripted
/// scenario, the concentrator reading them, and an output stream to connect to.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var pmus = new Option<int>("--pmus") { Description = "How many simulated PMUs.", DefaultValueFactory = _ => 4 };
        var rate = new Option<int>("--rate") { Description = "Frames per second, of the PMUs and of the aligned output.", DefaultValueFactory = _ => 30 };
        var scenario = new Option<string>("--scenario") { Description = $"The scenario the PMUs play ({string.Join(", ", Scenario.ReadyNames)}, or a file).", DefaultValueFactory = _ => "demo" };
        var output = new Option<int>("--output-port") { Description = "TCP port of the aligned C37.118 output (0: any free port).", DefaultValueFactory = _ => 4713 };
        var http = new Option<string>("--http") { Description = "Address of /api/status.", DefaultValueFactory = _ => "127.0.0.1:8180" };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (hh:mm:ss); by default run until Ctrl-C." };
        var recording = new RecordingOptions();
        var command = new Command("demo", "Start simulated PMUs, the concentrator and an output server in one process, and say what to try next.")
        {
            pmus, rate, scenario, output, http, duration,
        };
        recording.AddTo(command);
        command.SetAction((parse, cancellation) => RunAsync(
            parse.GetValue(pmus), parse.GetValue(rate), parse.GetRequiredValue(scenario), parse.GetValue(output), parse.GetRequiredValue(http), parse.GetValue(duration), recording.Read(parse), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(int pmuCount, int rate, string scenarioName, int outputPort, string http, TimeSpan? duration, (RecorderOptions? Options, string? Error) recording, CancellationToken cancellation)
    {
        if (recording.Error is { } problem)
        {
            await Console.Error.WriteLineAsync($"pdc demo: {problem}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        Scenario scenario;
        try
        {
            scenario = Scenario.Load(scenarioName);
        }
        catch (ScenarioException e)
        {
            await Console.Error.WriteLineAsync($"pdc demo: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        using var loggers = ConsoleLogging.Create();
        var log = loggers.CreateLogger("pdc");
        await using var simulator = await PmuSimulator.StartAsync(new SimulatorOptions
        {
            PmuCount = pmuCount,
            FramesPerSecond = rate,
            Scenario = scenario,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
        }).ConfigureAwait(false);

        var settings = Settings(simulator.Streams[0], rate, outputPort, http);
        if (settings.Validate() is { Count: > 0 } problems)
        {
            await Console.Error.WriteLineAsync($"pdc demo: {string.Join(" ", problems)}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await using var recorder = RecordingSession.Start(recording.Options, log);
        await using var runtime = await PdcRuntime.StartAsync(settings, loggers, recorder: recorder?.Recorder).ConfigureAwait(false);
        PrintWhatToTry(simulator.Streams[0], runtime, scenario, pmuCount, rate);
        await RunCommand.RunUntilStoppedAsync(runtime, log, duration, cancellation).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static PdcSettings Settings(ServedStream simulated, int rate, int outputPort, string http)
    {
        var settings = new PdcSettings
        {
            Concentrator = new AlignmentOptions { IdCode = 1, FramesPerSecond = rate, LagTime = TimeSpan.FromMilliseconds(100) },
            Detectors = DemoDetectors.For(simulated.PmuIdCodes.Count),
            Http = http,
        };
        var input = new InputOptions { Name = "simulated PMUs", IdCode = simulated.IdCode };
        input.Endpoints.Add(new EndpointOptions
        {
            Mode = ConnectionMode.TcpClient,
            RemoteHost = simulated.TcpEndPoint.Address.ToString(),
            RemotePort = simulated.TcpEndPoint.Port,
        });
        settings.Ingest.Inputs.Add(input);
        settings.Outputs.Add(new OutputStreamOptions { Name = "aligned", IdCode = 1, ListenAddress = "127.0.0.1", TcpPort = outputPort });
        return settings;
    }

    private static void PrintWhatToTry(ServedStream simulated, PdcRuntime runtime, Scenario scenario, int pmuCount, int rate)
    {
        var output = runtime.Outputs[0];
        Console.WriteLine($"""

            Pdc demo is running.
              Simulated PMUs : {pmuCount} PMUs at {rate} frames/s, one stream IDCODE {simulated.IdCode} on tcp {simulated.TcpEndPoint}
              Scenario       : {scenario.Name}: {scenario.Description}
              Concentrator   : aligning them into one frame per report instant (lag time 100 ms)
              Output stream  : C37.118 IDCODE {output.Config.IdCode} on tcp {output.TcpEndPoint}
              Detectors      : forced oscillation on every PMU's frequency (learns the ambient grid for 20 s),
                               islanding of the south area (the second half of the PMUs) against the north
              Status         : {runtime.StatusAddress}api/status, events at {runtime.StatusAddress}api/events

            Try next:
              curl -s {runtime.StatusAddress}api/status        devices, alignment and subscribers as JSON
              curl -s {runtime.StatusAddress}api/events        detector events (they are logged here as they happen)
              connect any C37.118 client (openPDC, PMU Connection Tester) to {output.TcpEndPoint}, IDCODE {output.Config.IdCode}
              pdc simulate --help                              the simulator on its own, with faults on demand
            Press Ctrl-C to stop.

            """);
    }
}
