using System.CommandLine;
using Pdc.Capture;
using Pdc.Host.Inspect;
using Pdc.Protocol;
using Spectre.Console;

namespace Pdc.Host.Commands;

/// <summary><c>pdc inspect FILE</c>: what C37.118 streams a capture holds, and how healthy they are.</summary>
internal static class InspectCommand
{
    /// <summary>Files larger than this get a progress bar on a terminal.</summary>
    private const long ProgressThresholdBytes = 16 << 20;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "A capture: pcap or pcapng (any link type Wireshark's sample captures use), or a raw byte stream (.bin, .PmuCapture).",
        };
        var json = new Option<bool>("--json") { Description = "Write the summary (or, with --frames, one object per frame) as JSON." };
        var frames = new Option<bool>("--frames") { Description = "Print every decoded frame: time, STAT, phasors, FREQ, DFREQ, analogs, digitals." };
        var config = new Option<FileInfo?>("--config")
        {
            Description = "A capture or stream file whose first CFG-2/CFG-3 decodes streams that carry no config of their own.",
        };

        var command = new Command("inspect", "Summarize every C37.118 stream in a packet capture: IDCODEs, PMUs, rates, frame counts, and problems (CRC errors, missing reports, duplicates, out-of-order frames, time quality).")
        {
            file, json, frames, config,
        };
        command.SetAction(parse => Run(parse.GetRequiredValue(file), parse.GetValue(json), parse.GetValue(frames), parse.GetValue(config)));
        return command;
    }

    private static int Run(FileInfo file, bool json, bool frames, FileInfo? configFile)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"pdc inspect: {file.FullName} does not exist.");
            return ExitCodes.Failure;
        }

        ConfigFrame? preset = null;
        if (configFile is not null && !TryLoadConfig(configFile, out preset))
        {
            return ExitCodes.Failure;
        }

        using var stdout = Console.OpenStandardOutput();
        using var frameJson = frames && json ? new FrameJsonWriter(stdout) : null;
        var frameText = frames && !json ? new FrameTextWriter(Console.Out) : null;
        FrameVisitor? onFrame = frameJson is not null ? frameJson.Write : frameText is not null ? frameText.Write : null;
        var report = InspectWithProgress(file, progress => new CaptureInspector(preset) { OnFrame = onFrame, OnProgress = progress });
        if (!frames)
        {
            if (json)
            {
                ReportJsonWriter.Write(stdout, file.Name, report);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                ReportTextWriter.Write(Console.Out, file.Name, report);
            }
        }

        Console.Out.Flush();
        if (report.Error is { } error)
        {
            Console.Error.WriteLine($"pdc inspect: {file.Name} is damaged: {error.Message}. Everything before that point was decoded and is reported above.");
            return ExitCodes.DamagedInput;
        }

        return ExitCodes.Success;
    }

    private static CaptureReport InspectWithProgress(FileInfo file, Func<Action<long>?, CaptureInspector> createInspector)
    {
        if (file.Length < ProgressThresholdBytes || Console.IsErrorRedirected)
        {
            using var reader = CaptureFile.Open(file.FullName);
            return createInspector(null).Inspect(reader);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(file.Name, maxValue: file.Length);
                using var reader = CaptureFile.Open(file.FullName);
                return createInspector(offset => task.Value = offset).Inspect(reader);
            });
    }

    private static bool TryLoadConfig(FileInfo configFile, out ConfigFrame? config)
    {
        config = null;
        if (!configFile.Exists)
        {
            Console.Error.WriteLine($"pdc inspect: config file {configFile.FullName} does not exist.");
            return false;
        }

        using var reader = CaptureFile.Open(configFile.FullName);
        var report = new CaptureInspector().Inspect(reader);
        config = report.Streams.Select(s => s.Config).FirstOrDefault(c => c is not null);
        if (config is null)
        {
            Console.Error.WriteLine($"pdc inspect: {configFile.Name} holds no CFG-2 or CFG-3 frame to decode with.");
            return false;
        }

        return true;
    }
}
