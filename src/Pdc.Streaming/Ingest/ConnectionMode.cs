namespace Pdc.Streaming.Ingest;

/// <summary>How one path to a device carries commands and frames.</summary>
public enum ConnectionMode
{
    /// <summary>Pdc connects to the PMU's or PDC's TCP server; commands and frames share the connection.</summary>
    TcpClient,

    /// <summary>The PMU or PDC connects to Pdc's TCP listener and is identified by IDCODE; commands go back on its socket.</summary>
    TcpListener,

    /// <summary>
    /// Frames arrive as UDP datagrams on a local port (optionally a multicast group); when a remote endpoint is
    /// given, commands are sent to it as datagrams too, else the stream is spontaneous and its config must come on UDP.
    /// </summary>
    Udp,

    /// <summary>Commands (and the config they ask for) over a TCP connection, data frames as UDP datagrams.</summary>
    TcpCommandsUdpData,
}
