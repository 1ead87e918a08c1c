using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// One configured input: a PMU, or an upstream PDC whose stream carries several PMUs, reached over one or more
/// paths. Bindable from configuration (settable properties, TimeSpans, a list of endpoints).
/// </summary>
public sealed class InputOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The stream's IDCODE: commands are addressed to it, a listener identifies the peer by it, data frames must carry it.</summary>
    public ushort IdCode { get; set; }

    /// <summary>2005 asks for CFG-2; 2011 asks for CFG-3 and sends version-2 commands.</summary>
    public ProtocolVersion Version { get; set; } = ProtocolVersion.Ieee2005;

    /// <summary>The paths to the device, primary first.</summary>
    public IList<EndpointOptions> Endpoints { get; } = [];

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a command waits for its answer (the config, or the first data frame after "turn on") before it is sent again.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Times a command is sent again after a timeout before the connection is dropped and reopened.</summary>
    public int CommandRetries { get; set; } = 2;

    /// <summary>A path that delivers no frame for this many frame periods is treated as failed (reconnected, failed over).</summary>
    public int SilentFramePeriods { get; set; } = 30;

    /// <summary>The least silence that counts as failure, so that a fast stream is not dropped for a scheduling hiccup.</summary>
    public TimeSpan MinimumSilence { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>First reconnect delay; it doubles per failed attempt up to <see cref="ReconnectMaxDelay"/>, with jitter.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the primary (or any higher-priority path) must stream healthily before Pdc fails back to it.</summary>
    public TimeSpan FailBackAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Ask for the header frame after the config.</summary>
    public bool RequestHeader { get; set; }

    /// <summary>Frames declaring a larger FRAMESIZE are refused (bounds the bytes held for one connection).</summary>
    public int MaxFrameSize { get; set; } = ushort.MaxValue;

    /// <summary>Fails with a message naming the input and the setting when the options cannot work.</summary>
    public void Validate()
    {
        var name = string.IsNullOrWhiteSpace(Name) ? $"input with IDCODE {IdCode}" : $"input \"{Name}\"";
        if (Endpoints.Count == 0)
        {
            throw new InvalidOperationException($"The {name} lists no endpoints.");
        }

        foreach (var endpoint in Endpoints)
        {
            var needsRemote = endpoint.Mode is ConnectionMode.TcpClient or ConnectionMode.TcpCommandsUdpData;
            if (needsRemote && (string.IsNullOrWhiteSpace(endpoint.RemoteHost) || endpoint.RemotePort is <= 0 or > ushort.MaxValue))
            {
                throw new InvalidOperationException($"The {name}: a {endpoint.Mode} endpoint needs RemoteHost and RemotePort.");
            }

            if (endpoint.LocalPort is < 0 or > ushort.MaxValue)
            {
                throw new InvalidOperationException($"The {name}: LocalPort {endpoint.LocalPort} is not a port.");
            }
        }

        if (CommandTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || CommandRetries < 0 || SilentFramePeriods < 1)
        {
            throw new InvalidOperationException($"The {name}: timeouts must be positive, CommandRetries >= 0 and SilentFramePeriods >= 1.");
        }

        if (ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay)
        {
            throw new InvalidOperationException($"The {name}: ReconnectMinDelay must be positive and at most ReconnectMaxDelay.");
        }

        if (MaxFrameSize is < FrameHeader.MinimumFrameSize or > ushort.MaxValue)
        {
            throw new InvalidOperationException($"The {name}: MaxFrameSize is {FrameHeader.MinimumFrameSize}..65535.");
        }
    }

    internal CommandCode ConfigCommand => Version == ProtocolVersion.Ieee2011 ? CommandCode.SendConfig3 : CommandCode.SendConfig2;

    internal TimeSpan SilenceTimeout(double framesPerSecond)
    {
        var periods = framesPerSecond > 0 ? TimeSpan.FromSeconds(SilentFramePeriods / framesPerSecond) : CommandTimeout;
        return periods > MinimumSilence ? periods : MinimumSilence;
    }
}
