using System.Globalization;
using System.Text;
using Pdc.Protocol;

namespace Pdc.Streaming.Publishing;

/// <summary>The frames a subscriber can ask for, written once per stream config: CFG-1, CFG-2, CFG-3 (2011 only) and the header.</summary>
internal sealed class ControlFrames
{
    // A header frame is SYNC..FRACSEC, one Latin-1 byte a character, and CHK, within FRAMESIZE's 65535 bytes.
    private const int MaxHeaderText = ushort.MaxValue - FrameHeader.MinimumFrameSize;

    public ControlFrames(ConfigFrame config, OutputStreamOptions options, List<string> problems)
    {
        try
        {
            Config1 = FrameTemplate.Write(w => ConfigFrameWriter.WriteConfig12(w, config, FrameType.Config1));
            Config2 = FrameTemplate.Write(w => ConfigFrameWriter.WriteConfig12(w, config, FrameType.Config2));
        }
        catch (InvalidOperationException e)
        {
            // Many PMUs outgrow a CFG-2's 65535 bytes; CFG-3 fragments, so 2011 receivers can still be served.
            problems.Add($"CFG-1 and CFG-2 cannot be sent: {e.Message}");
        }

        Config3 = config.Version == ProtocolVersion.Ieee2011 ? FrameTemplate.Write(w => ConfigFrameWriter.WriteConfig3(w, config)) : null;
        var text = options.HeaderText.Length > 0 ? options.HeaderText : Describe(config, options);
        if (text.Length > MaxHeaderText)
        {
            problems.Add($"The header text has {text.Length} characters, more than a header frame's {MaxHeaderText}: it is sent cut short.");
            text = text[..MaxHeaderText];
        }

        Header = FrameTemplate.Write(w => new HeaderFrame(config.Version, config.IdCode, default, text).Write(w));
    }

    /// <summary>Null when the config is too large for one frame.</summary>
    public FrameTemplate? Config1 { get; }

    /// <summary>Null when the config is too large for one frame.</summary>
    public FrameTemplate? Config2 { get; }

    /// <summary>Null for a 2005 stream: CFG-3 came with the 2011 standard.</summary>
    public FrameTemplate? Config3 { get; }

    public FrameTemplate Header { get; }

    /// <summary>The template that answers <paramref name="command"/>, or null when it asks for none.</summary>
    public FrameTemplate? For(CommandCode command) => command switch
    {
        CommandCode.SendHeader => Header,
        CommandCode.SendConfig1 => Config1,
        CommandCode.SendConfig2 => Config2,
        CommandCode.SendConfig3 => Config3,
        _ => null,
    };

    public FrameTemplate? For(FrameType configType) => configType == FrameType.Config3 ? Config3 ?? Config2 : Config2;

    /// <summary>The stream and its PMUs; a list too long for one header frame ends with how many it leaves out.</summary>
    private static string Describe(ConfigFrame config, OutputStreamOptions options)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"Pdc {options.Title}, IDCODE {config.IdCode}, {config.DataRate} frames/s, {config.Pmus.Count} PMUs: "));
        const int roomForTheRest = 64;
        for (var i = 0; i < config.Pmus.Count; i++)
        {
            var pmu = string.Create(CultureInfo.InvariantCulture, $"{(i > 0 ? ", " : string.Empty)}{config.Pmus[i].StationName} ({config.Pmus[i].IdCode})");
            if (text.Length + pmu.Length > MaxHeaderText - roomForTheRest)
            {
                text.Append(CultureInfo.InvariantCulture, $" and {config.Pmus.Count - i} more");
                break;
            }

            text.Append(pmu);
        }

        return text.ToString();
    }
}
