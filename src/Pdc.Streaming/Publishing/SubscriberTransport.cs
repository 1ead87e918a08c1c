namespace Pdc.Streaming.Publishing;

/// <summary>How a subscriber is reached.</summary>
public enum SubscriberTransport
{
    /// <summary>A TCP client of the stream's server: its own commands, its own data.</summary>
    Tcp,

    /// <summary>A TCP client of the UDP command channel: its commands turn the UDP destinations on and off; it gets no data.</summary>
    UdpCommandChannel,

    Udp,

    UdpMulticast,
}
