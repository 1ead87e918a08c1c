using System.CommandLine;
using Microsoft.Extensions.Logging;
using Pdc.Host.Configuration;
using Pdc.Host.Runtime;
using Pdc.Replay.Recording;

namespace Pdc.Host.Commands;

/// <summary><c>pdc run --config pdc.json</c>: the PDC itself, until Ctrl-C.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config")
        {
            Description = "The settings file (appsettings style). PDC_Section__Key environment variables override it.",
            DefaultValueFactory = _ => new FileInfo("pdc.json"),
        };
        var http = new Option<string?>("--http") { Description = "Serve /api/status on this address (e.g. 127.0.0.1:8180); overrides Http in pdc.json." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (hh:mm:ss); by default run until Ctrl-C." };
        var recording = new RecordingOptions();
        var command = new Command(
            "run",
            """
            Run the PDC: read PMUs and upstream PDCs, align their frames, serve C37.118 output streams.
            A minimal pdc.json:
              { "Concentrator": { "IdCode": 1, "FramesPerSecond": 30, "LagTime": "00:00:00.1" },
                "Ingest": { "Inputs": [ { "Name": "PMU A", "IdCode": 7,
                    "Endpoints": [ { "Mode": "TcpClient", "RemoteHost": "10.0.0.5", "RemotePort": 4712 } ] } ] },
                "Outputs": [ { "Name": "to-tso", "IdCode": 1, "TcpPort": 4713 } ] }
            """)
        {
            config, http, duration,
        };
        recording.AddTo(command);
        command.SetAction((parse, cancellation) => RunAsync(parse.GetRequiredValue(config), parse.GetValue(http), parse.GetValue(duration), recording.Read(parse), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo config, string? http, TimeSpan? duration, (RecorderOptions? Options, string? Error) recording, CancellationToken cancellation)
    {
        if (recording.Error is { } problem)
        {
            await Console.Error.WriteLineAsync($"pdc run: {problem}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        PdcSettings settings;
        try
        {
            settings = SettingsLoader.Load(config.FullName);
            if (http is not null)
            {
                settings.Http = http;
                if (settings.Validate() is { Count: > 0 } problems)
                {
                    throw new SettingsException("--http", problems);
                }
            }
        }
        catch (SettingsException e)
        {
            await Console.Error.WriteLineAsync($"pdc run: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        using var loggers = ConsoleLogging.Create();
        var log = loggers.CreateLogger("pdc");
        await using var recorder = RecordingSession.Start(recording.Options, log);
        await using var runtime = await PdcRuntime.StartAsync(settings, loggers, recorder: recorder?.Recorder).ConfigureAwait(false);
        ReportEndpoints(runtime, log);
        await RunUntilStoppedAsync(runtime, log, duration, cancellation).ConfigureAwait(false);
        return ExitCodes.Success;
    }

    internal static void ReportEndpoints(PdcRuntime runtime, ILogger log)
    {
        foreach (var output in runtime.Outputs)
        {
            if (output.TcpEndPoint is { } endpoint)
            {
                RuntimeLog.OutputListening(log, output.Name, output.Config.IdCode, endpoint.ToString());
            }
        }

        if (runtime.StatusAddress is { } address)
        {
            RuntimeLog.StatusListening(log, address);
        }
    }

    /// <summary>Logs a summary every five seconds until Ctrl-C (or SIGTERM) or the duration ends.</summary>
    internal static async Task RunUntilStoppedAsync(PdcRuntime runtime, ILogger log, TimeSpan? duration, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                RuntimeLog.Summary(log, runtime.Summary());
            }
        }
        catch (OperationCanceledException)
        {
            RuntimeLog.Summary(log, "stopping: " + runtime.Summary());
        }
    }
}
