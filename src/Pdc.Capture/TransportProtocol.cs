namespace Pdc.Capture;

/// <summary>What carried a flow's bytes.</summary>
public enum TransportProtocol
{
    /// <summary>A raw byte-stream file: no packets, addresses or ports.</summary>
    Raw,

    Tcp,

    Udp,
}
