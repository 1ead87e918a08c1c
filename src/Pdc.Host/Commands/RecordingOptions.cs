using System.CommandLine;
using System.Globalization;
using Pdc.Replay.Recording;

namespace Pdc.Host.Commands;

/// <summary><c>--record DIR [--rotate 100MB|1h] [--record-sent]</c>, shared by <c>pdc run</c> and <c>pdc demo</c>.</summary>
internal sealed class RecordingOptions
{
    private readonly Option<DirectoryInfo?> record = new("--record")
    {
        HelpName = "DIR",
        Description = "Record what Pdc receives as pcapng files in DIR (real arrival times), to replay the next incident: pdc replay FILE --serve ...",
    };

    private readonly Option<string?> rotate = new("--rotate")
    {
        HelpName = "100MB|1h",
        Description = "With --record: start a new file after this many bytes (KB, MB, GB) or this long (s, m, h); each file decodes on its own.",
    };

    private readonly Option<bool> recordSent = new("--record-sent") { Description = "With --record: record what Pdc sends too (commands to devices, frames to subscribers)." };

    public void AddTo(Command command)
    {
        command.Options.Add(record);
        command.Options.Add(rotate);
        command.Options.Add(recordSent);
    }

    /// <summary>The recorder the options ask for (null when none), or an error message naming the option.</summary>
    public (RecorderOptions? Options, string? Error) Read(ParseResult parse)
    {
        var directory = parse.GetValue(record);
        var rotation = parse.GetValue(rotate);
        if (directory is null)
        {
            return (null, rotation is not null || parse.GetValue(recordSent) ? "--rotate and --record-sent go with --record DIR." : null);
        }

        long? bytes = null;
        TimeSpan? after = null;
        if (rotation is not null && !TryParseRotation(rotation, out bytes, out after))
        {
            return (null, $"--rotate takes a size (100MB, 512KB, 1GB; at least 4KB) or a duration (30s, 10m, 1h; at least 1s), not \"{rotation}\".");
        }

        return (new RecorderOptions { Directory = directory.FullName, RotateBytes = bytes, RotateAfter = after, RecordSent = parse.GetValue(recordSent) }, null);
    }

    /// <summary>"100MB", "512KB", "1GB" (powers of 1000), or "30s", "10m", "1h", "1d".</summary>
    internal static bool TryParseRotation(string text, out long? bytes, out TimeSpan? after)
    {
        bytes = null;
        after = null;
        var trimmed = text.Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1]))
        {
            unitStart--;
        }

        if (!double.TryParse(trimmed[..unitStart], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || !(amount > 0))
        {
            return false;
        }

        switch (trimmed[unitStart..].ToUpperInvariant())
        {
            case "B": bytes = (long)amount; break;
            case "KB": bytes = (long)(amount * 1e3); break;
            case "MB": bytes = (long)(amount * 1e6); break;
            case "GB": bytes = (long)(amount * 1e9); break;
            case "S": after = TimeSpan.FromSeconds(amount); break;
            case "M": after = TimeSpan.FromMinutes(amount); break;
            case "H": after = TimeSpan.FromHours(amount); break;
            case "D": after = TimeSpan.FromDays(amount); break;
            default: return false;
        }

        return bytes is >= 4096 || after >= TimeSpan.FromSeconds(1);
    }
}
