using System.CommandLine;
using System.Diagnostics;
using Pdc.Capture;
using Pdc.Host.Configuration;
using Pdc.Replay;
using Pdc.Streaming.Alignment;
using Spectre.Console;

namespace Pdc.Host.Commands;

/// <summary>
/// <c>pdc replay FILE --through pdc.json|--demo</c>: push a capture through the concentrator, deterministically;
/// or <c>--serve ADDRESS:PORT</c>: serve its streams live (see <see cref="ReplayServing"/>).
/// </summary>
internal static class ReplayCommand
{
    private const long ProgressThresholdBytes = 16 << 20;
    private const long InMemoryPassesLimitBytes = 256 << 20;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The capture to replay (pcap, pcapng or a raw C37.118 byte stream)." };
        var through = new Option<FileInfo?>("--through") { Description = "Align with the Concentrator section of this pdc.json." };
        var demo = new Option<bool>("--demo") { Description = "Align with the demo's settings, at the capture's own rate." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the aligned output stream to this pcapng (CFG-2, then one data frame per instant)." };
        var serve = new Option<string?>("--serve") { HelpName = "ADDRESS:PORT", Description = "Serve every stream of the capture live instead, one TCP port each from PORT on." };
        var speed = new Option<string>("--speed") { HelpName = "1|N|max", Description = "With --serve: as captured (1), N times faster, or as fast as each client reads (max).", DefaultValueFactory = _ => "1" };
        var restamp = new Option<bool>("--restamp") { Description = "With --serve: shift every frame's time so that the first frame is now, keeping the spacing." };
        var loop = new Option<bool>("--loop") { Description = "With --serve: start over at the end (restamped, time keeps increasing)." };
        var duration = new Option<TimeSpan?>("--duration") { Description = "With --serve: stop after this long (hh:mm:ss); by default serve until Ctrl-C." };
        var passes = new Option<int>("--passes")
        {
            HelpName = "N",
            Description = "With --through or --demo: replay the capture N times back to back, each pass later by the capture's span in whole seconds, as if the PMUs sent it again (a long, steady run from a short file).",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command(
            "replay",
            """
            Push a capture through the concentrator as fast as the machine allows, on the capture's own clock:
            each packet's capture time is its arrival time, so two runs give byte-identical output.
            Or, with --serve, serve it live as its PMUs did: a TCP port per stream, answering commands.
            Examples: pdc replay incident.pcapng --demo --out aligned.pcapng
                      pdc replay incident.pcapng --demo --passes 100
                      pdc replay incident.pcapng --serve 127.0.0.1:4712 --restamp --loop
            """)
        {
            file, through, demo, output, serve, speed, restamp, loop, duration, passes,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var capture = parse.GetRequiredValue(file);
            var passCount = parse.GetValue(passes);
            var aligning = parse.GetValue(through) is not null || parse.GetValue(demo) || parse.GetValue(output) is not null || passCount != 1;
            var serving = parse.GetValue(restamp) || parse.GetValue(loop) || parse.GetValue(duration) is not null || parse.GetRequiredValue(speed) != "1";
            if (parse.GetValue(serve) is not { } address)
            {
                return serving ? Refuse("--speed, --restamp, --loop and --duration go with --serve.")
                    : passCount < 1 ? Refuse($"--passes must be 1 or more, not {passCount}.")
                    : Run(capture, parse.GetValue(through), parse.GetValue(demo), parse.GetValue(output), passCount);
            }

            return !capture.Exists ? Refuse($"{capture.FullName} does not exist.")
                : aligning ? Refuse("--serve serves the capture as it is; --through, --demo, --out and --passes align it offline. Choose one.")
                : await ReplayServing.RunAsync(capture, address, parse.GetRequiredValue(speed), parse.GetValue(restamp), parse.GetValue(loop), parse.GetValue(duration), cancellation).ConfigureAwait(false);
        });
        return command;
    }

    private static int Refuse(string message)
    {
        Console.Error.WriteLine($"pdc replay: {message}");
        return ExitCodes.Failure;
    }

    private static int Run(FileInfo file, FileInfo? through, bool demo, FileInfo? output, int passes)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"pdc replay: {file.FullName} does not exist.");
            return ExitCodes.Failure;
        }

        if ((through is null) == !demo)
        {
            Console.Error.WriteLine("pdc replay: say how to align: --through pdc.json, or --demo for the demo's settings.");
            return ExitCodes.Failure;
        }

        AlignmentOptions options;
        try
        {
            options = through is not null ? SettingsLoader.Load(through.FullName).Concentrator : DemoOptions(file);
        }
        catch (SettingsException e)
        {
            Console.Error.WriteLine($"pdc replay: {e.Message}");
            return ExitCodes.Failure;
        }

        using var outputStream = output?.Create();
        using var writer = outputStream is null ? null : new AlignedCaptureWriter(outputStream);
        var replay = new OfflineReplay(options, writer is null ? [] : [writer]);
        var stopwatch = Stopwatch.StartNew();
        var error = RunWithProgress(file, replay, passes);
        stopwatch.Stop();
        Report(file, replay, output, passes, stopwatch.Elapsed);
        if (error is not null)
        {
            Console.Error.WriteLine($"pdc replay: {file.Name} is damaged: {error.Message}. Everything before that point was replayed.");
            return ExitCodes.DamagedInput;
        }

        return ExitCodes.Success;
    }

    /// <summary>The demo aligns at the rate of the first stream in the capture, with a lag long enough for captured jitter.</summary>
    private static AlignmentOptions DemoOptions(FileInfo file)
    {
        var rate = 30;
        using var found = new CancellationTokenSource();
        using (var reader = CaptureFile.Open(file.FullName))
        {
            try
            {
                new CaptureStreamDecoder().Run(
                    reader,
                    (_, _, frame) =>
                    {
                        if (frame.Config is { DataRate: > 0 } config && !found.IsCancellationRequested)
                        {
                            rate = config.DataRate;
                            found.Cancel();
                        }
                    },
                    cancellation: found.Token);
            }
            catch (OperationCanceledException) when (found.IsCancellationRequested)
            {
                // The scan stops at the first config: its rate is all it was for.
            }
        }

        return new AlignmentOptions { FramesPerSecond = Math.Clamp(rate, 1, 240), LagTime = TimeSpan.FromMilliseconds(500) };
    }

    private static CaptureError? RunWithProgress(FileInfo file, OfflineReplay replay, int passes)
    {
        // Several passes over a file that fits comfortably in memory read it from disk once, then in place.
        var loaded = passes > 1 && file.Length <= InMemoryPassesLimitBytes ? File.ReadAllBytes(file.FullName) : null;
        CaptureReader Open() => loaded is null ? CaptureFile.Open(file.FullName) : CaptureFile.Open(loaded.AsMemory());
        var totalBytes = file.Length * passes;
        if (totalBytes < ProgressThresholdBytes || Console.IsErrorRedirected)
        {
            return replay.Run(Open, passes);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var stopwatch = Stopwatch.StartNew();
        CaptureError? error = null;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(file.Name, maxValue: totalBytes);
                var shown = TimeSpan.Zero;
                error = replay.Run(Open, passes, offset =>
                {
                    // Called for every packet: the bar is redrawn ten times a second, so formatting it is kept to that.
                    if (stopwatch.Elapsed - shown < ProgressInterval)
                    {
                        return;
                    }

                    shown = stopwatch.Elapsed;
                    task.Value = offset;
                    task.Description = $"{file.Name}  {replay.DataFrames / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-3):N0} frames/s";
                });
                task.Value = totalBytes;
            });
        return error;
    }

    private static void Report(FileInfo file, OfflineReplay replay, FileInfo? output, int passes, TimeSpan elapsed)
    {
        var s = replay.Statistics;
        var passText = passes == 1 ? string.Empty : $" in {passes} passes";
        Console.WriteLine($"{file.Name}: {replay.DataFrames} data frames from {replay.Layout.Devices.Count} device(s){passText} in {elapsed.TotalSeconds:0.###} s ({replay.DataFrames / Math.Max(elapsed.TotalSeconds, 1e-6):N0} frames/s)");
        Console.WriteLine($"  aligned at {replay.Layout.Config.FramesPerSecond:0.###}/s: {s.Published} instants published, {s.PublishedComplete} complete, {s.PublishedAtTimeout} with devices missing, {s.PublishedEmpty} empty, {s.SkippedInstants} skipped in long pauses");
        foreach (var device in s.Devices.Values.OrderBy(d => d.IdCode))
        {
            Console.WriteLine($"  device {device.IdCode,-6} placed {device[FrameDisposition.Placed]}, missing {device.Missing}, late {device[FrameDisposition.Late]}, duplicates {device[FrameDisposition.Duplicate]}, off-grid {device[FrameDisposition.OffGrid]}");
        }

        if (output is not null)
        {
            Console.WriteLine($"  aligned output written to {output.FullName} (open it in Wireshark, or: pdc inspect {output.Name})");
        }
    }
}
