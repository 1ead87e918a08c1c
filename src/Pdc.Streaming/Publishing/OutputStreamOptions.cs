using System.Net;
using Pdc.Protocol;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// One C37.118 output stream: what it carries (devices, channels, names), how (IDCODE, rate, version, format) and
/// where (a TCP server, UDP unicast or multicast destinations). Bindable from configuration: settable properties,
/// strings for addresses, TimeSpans.
/// </summary>
public sealed class OutputStreamOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The stream's IDCODE: in every frame's header, and the one commands must be addressed to.</summary>
    public ushort IdCode { get; set; } = 1;

    /// <summary>
    /// Frames per second: 0 for the concentrator's output rate, else a whole divisor of it (at 30: 15, 10, 6, 5, 3,
    /// 2 or 1). A slower stream takes every n-th aligned frame, those whose report instant is a multiple of its
    /// period, so its timestamps lie on its own grid; nothing is filtered, so what changes faster than half its
    /// rate aliases.
    /// </summary>
    public int FramesPerSecond { get; set; }

    public ProtocolVersion Version { get; set; } = ProtocolVersion.Ieee2011;

    public OutputNumberFormat NumberFormat { get; set; } = OutputNumberFormat.Source;

    public OutputPhasorNotation PhasorNotation { get; set; } = OutputPhasorNotation.Source;

    /// <summary>
    /// Volts per bit of integer voltage phasors (sent as PHUNIT, in steps of 10^-5 V). Null derives it from the
    /// device's own PHUNIT, or uses 10 V per bit where the device gives none (a float source may leave it 0).
    /// </summary>
    public float? VoltageScale { get; set; }

    /// <summary>Amperes per bit of integer current phasors; null derives it as for voltages, 1 A per bit as the last resort.</summary>
    public float? CurrentScale { get; set; }

    /// <summary>
    /// The devices to carry, in this order; empty carries every device the concentrator aligns, in its order. A device
    /// listed but not aligned (yet) is left out and reported in the stream's statistics.
    /// </summary>
    public IList<OutputDeviceOptions> Devices { get; set; } = [];

    /// <summary>Address the TCP server and the UDP command channel listen on.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>TCP port of the server (4712 is usual; 0 picks a free one); null runs no TCP server.</summary>
    public int? TcpPort { get; set; }

    /// <summary>Most TCP connections (data subscribers and command channels together) served at once.</summary>
    public int MaxSubscribers { get; set; } = 64;

    /// <summary>UDP destinations as "address:port" (unicast, or multicast such as "239.1.2.3:4713"; IPv6 as "[::1]:4713").</summary>
    public IList<string> UdpDestinations { get; set; } = [];

    /// <summary>TCP port of a command channel for the UDP destinations (0 picks a free one); null runs none.</summary>
    public int? UdpCommandPort { get; set; }

    /// <summary>UDP destinations stay silent until a command channel client sends "turn on"; false sends from the start.</summary>
    public bool UdpWaitsForTurnOn { get; set; }

    /// <summary>
    /// UDP receivers cannot ask for the config, so it is sent to them when they start, when it changes, and again
    /// after this much frame time; zero sends it only at start and on change.
    /// </summary>
    public TimeSpan UdpConfigInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hops a multicast datagram may make (1 keeps it on the local network).</summary>
    public int MulticastTimeToLive { get; set; } = 1;

    /// <summary>Local address of the interface multicast leaves by; null lets the routing table choose.</summary>
    public string? MulticastInterface { get; set; }

    /// <summary>
    /// Frames a subscriber may have waiting; when a slow one has this many, its oldest is dropped (and counted),
    /// so it never holds more memory nor slows the others.
    /// </summary>
    public int SubscriberQueueFrames { get; set; } = 256;

    /// <summary>The kernel's send buffer for each subscriber socket; null keeps the system's default.</summary>
    public int? SocketSendBufferBytes { get; set; }

    /// <summary>
    /// Send the new config, unasked, to every subscriber that is receiving data when the stream's config changes,
    /// just before the first data frame that needs it (receivers that ignore it still see STAT bit 10 and can ask).
    /// </summary>
    public bool AnnounceConfigChanges { get; set; } = true;

    /// <summary>Text of the header frame; empty describes the stream (name, IDCODE, rate, stations).</summary>
    public string HeaderText { get; set; } = string.Empty;

    /// <summary>Messages naming each bad setting and what is expected; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (IdCode is 0 or ushort.MaxValue)
        {
            errors.Add($"IdCode is {IdCode}: expected 1 to 65534.");
        }

        if (FramesPerSecond is < 0 or > 240)
        {
            errors.Add($"FramesPerSecond is {FramesPerSecond}: expected 0 (the concentrator's rate) or a whole divisor of that rate, at most 240.");
        }

        if (!Enum.IsDefined(Version))
        {
            errors.Add($"Version is {Version}: expected {ProtocolVersion.Ieee2005} or {ProtocolVersion.Ieee2011}.");
        }

        if (!Enum.IsDefined(NumberFormat) || !Enum.IsDefined(PhasorNotation))
        {
            errors.Add($"NumberFormat is {NumberFormat} and PhasorNotation {PhasorNotation}: expected Source, Float or Integer, and Source, Polar or Rectangular.");
        }

        CheckScale(errors, nameof(VoltageScale), VoltageScale);
        CheckScale(errors, nameof(CurrentScale), CurrentScale);
        CheckDevices(errors);
        CheckEndpoints(errors);

        if (MaxSubscribers < 1)
        {
            errors.Add($"MaxSubscribers is {MaxSubscribers}: expected at least 1.");
        }

        if (SubscriberQueueFrames is < 1 or > 65536)
        {
            errors.Add($"SubscriberQueueFrames is {SubscriberQueueFrames}: expected 1 to 65536 (a few seconds of frames is usual).");
        }

        if (SocketSendBufferBytes is < 1024)
        {
            errors.Add($"SocketSendBufferBytes is {SocketSendBufferBytes}: expected at least 1024, or none for the system's default.");
        }

        if (UdpConfigInterval < TimeSpan.Zero)
        {
            errors.Add($"UdpConfigInterval is {UdpConfigInterval}: expected zero (only at start and on change) or a positive time.");
        }

        if (MulticastTimeToLive is < 0 or > 255)
        {
            errors.Add($"MulticastTimeToLive is {MulticastTimeToLive}: expected 0 to 255.");
        }

        if (MulticastInterface is not null && !IPAddress.TryParse(MulticastInterface, out _))
        {
            errors.Add($"MulticastInterface is \"{MulticastInterface}\": expected the IP address of a local interface, or none.");
        }

        return errors;
    }

    internal IPAddress ListenIpAddress => IPAddress.Parse(ListenAddress);

    internal IReadOnlyList<IPEndPoint> UdpEndPoints => UdpDestinations.Select(IPEndPoint.Parse).ToArray();

    /// <summary>Who the stream is, for messages.</summary>
    internal string Title => string.IsNullOrWhiteSpace(Name) ? $"output stream {IdCode}" : $"output stream \"{Name}\"";

    private static void CheckScale(List<string> errors, string name, float? scale)
    {
        // PHUNIT is an unsigned 24-bit count of 10^-5 units.
        if (scale is { } value && !(value >= 1e-5f && value <= 0x00FF_FFFF * 1e-5f))
        {
            errors.Add($"{name} is {value}: expected 0.00001 to 167.77215 units per bit, or none to derive it from the device.");
        }
    }

    private void CheckDevices(List<string> errors)
    {
        foreach (var duplicate in Devices.GroupBy(d => d.IdCode).Where(g => g.Count() > 1))
        {
            errors.Add($"Devices lists IDCODE {duplicate.Key} {duplicate.Count()} times: expected each device once.");
        }

        foreach (var device in Devices.Where(d => d.StationName is { } name && string.IsNullOrWhiteSpace(name)))
        {
            errors.Add($"Devices: the StationName of device {device.IdCode} is blank: expected a name, or none to keep the device's.");
        }
    }

    private void CheckEndpoints(List<string> errors)
    {
        if (!IPAddress.TryParse(ListenAddress, out _))
        {
            errors.Add($"ListenAddress is \"{ListenAddress}\": expected an IP address (0.0.0.0 listens on every interface).");
        }

        CheckPort(errors, nameof(TcpPort), TcpPort);
        CheckPort(errors, nameof(UdpCommandPort), UdpCommandPort);
        if (TcpPort is > 0 && TcpPort == UdpCommandPort)
        {
            errors.Add($"TcpPort and UdpCommandPort are both {TcpPort}: expected two different ports.");
        }

        foreach (var destination in UdpDestinations)
        {
            if (!IPEndPoint.TryParse(destination, out var endpoint) || endpoint.Port == 0)
            {
                errors.Add($"UdpDestinations has \"{destination}\": expected address:port with a port from 1 to 65535, e.g. 239.1.2.3:4713.");
            }
        }

        if (TcpPort is null && UdpDestinations.Count == 0)
        {
            errors.Add("Neither TcpPort nor UdpDestinations is set: expected a TCP server, UDP destinations, or both.");
        }

        if (UdpCommandPort is not null && UdpDestinations.Count == 0)
        {
            errors.Add("UdpCommandPort is set but UdpDestinations is empty: expected destinations for the commands to control.");
        }

        if (UdpWaitsForTurnOn && UdpCommandPort is null)
        {
            errors.Add("UdpWaitsForTurnOn is true but UdpCommandPort is not set: expected a command channel to send \"turn on\".");
        }
    }

    private static void CheckPort(List<string> errors, string name, int? port)
    {
        if (port is < 0 or > ushort.MaxValue)
        {
            errors.Add($"{name} is {port}: expected 0 to 65535 (0 picks a free port), or none.");
        }
    }
}
