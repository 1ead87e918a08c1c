namespace Pdc.Capture;

/// <summary>The TCP header's control bits that framing and reassembly care about.</summary>
[Flags]
public enum TcpFlags
{
    None = 0,
    Fin = 0x01,
    Syn = 0x02,
    Rst = 0x04,
    Psh = 0x08,
    Ack = 0x10,
    Urg = 0x20,
}
