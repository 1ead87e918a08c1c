using System.CommandLine;
using System.Diagnostics;
using Pdc.Capture;
using Pdc.Host.Configuration;
using Pdc.Replay;
using Pdc.Streaming.Alignment;
using Spectre.Console;

namespace Pdc.Host.Commands;

/// <summary><c>pdc replay FILE --through pdc.json|--demo</c>: push a capture through the concentrator, deterministically.</summary>
internal static class ReplayCommand
{
    private const long ProgressThresholdBytes = 16 << 20;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The capture to replay (pcap, pcapng or a raw C37.118 byte stream)." };
        var through = new Option<FileInfo?>("--through") { Description = "Align with the Concentrator section of this pdc.json." };
        var demo = new Option<bool>("--demo") { Description = "Align with the demo's settings, at the capture's own rate." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the aligned output stream to this pcapng (CFG-2, then one data frame per instant)." };
        var command = new Command(
            "replay",
            """
            Push a capture through the concentrator as fast as the machine allows, on the capture's own clock:
            each packet's capture time is its arrival time, so two runs give byte-identical output.
            Example: pdc replay incident.pcapng --demo --out aligned.pcapng
            """)
        {
            file, through, demo, output,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(file), parse.GetValue(through), parse.GetValue(demo), parse.GetValue(output)));
        return command;
    }

    private static int Run(FileInfo file, FileInfo? through, bool demo, FileInfo? output)
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
        CaptureError? error;
        using (var reader = CaptureFile.Open(file.FullName))
        {
            RunWithProgress(file, replay, reader);
            error = reader.Error;
        }

        stopwatch.Stop();
        Report(file, replay, output, stopwatch.Elapsed);
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

    private static void RunWithProgress(FileInfo file, OfflineReplay replay, CaptureReader reader)
    {
        if (file.Length < ProgressThresholdBytes || Console.IsErrorRedirected)
        {
            replay.Run(reader);
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var stopwatch = Stopwatch.StartNew();
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(file.Name, maxValue: file.Length);
                replay.Run(reader, offset =>
                {
                    task.Value = offset;
                    task.Description = $"{file.Name}  {replay.DataFrames / Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-3):N0} frames/s";
                });
            });
    }

    private static void Report(FileInfo file, OfflineReplay replay, FileInfo? output, TimeSpan elapsed)
    {
        var s = replay.Statistics;
        Console.WriteLine($"{file.Name}: {replay.DataFrames} data frames from {replay.Layout.Devices.Count} device(s) in {elapsed.TotalSeconds:0.###} s ({replay.DataFrames / Math.Max(elapsed.TotalSeconds, 1e-6):N0} frames/s)");
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
