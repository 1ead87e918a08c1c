namespace Pdc.Streaming.Ingest;

/// <summary>Where one path to a device stands.</summary>
public enum ConnectionState
{
    /// <summary>Not started yet.</summary>
    Idle,

    /// <summary>Opening a TCP connection.</summary>
    Connecting,

    /// <summary>Waiting for the device to connect in (listener) or for its first datagram (spontaneous UDP).</summary>
    Listening,

    /// <summary>Connected: turning transmission off, asking for the config, turning it on.</summary>
    Configuring,

    /// <summary>Data frames flow.</summary>
    Streaming,

    /// <summary>Spontaneous UDP that has gone quiet; it streams again when frames come back.</summary>
    Silent,

    /// <summary>Lost (closed, failed, silent); waiting out the back-off before reconnecting.</summary>
    Disconnected,

    /// <summary>The ingest was stopped.</summary>
    Stopped,
}
