using System.Net;

namespace Pdc.Capture.Tests.Support;

/// <summary>Frames for a TCP conversation between a client and a PMU server, with explicit sequence numbers.</summary>
internal sealed class Conversation
{
    public Conversation(PacketFramer? framer = null, IPEndPoint? client = null, IPEndPoint? server = null)
    {
        Framer = framer ?? new PacketFramer();
        Client = client ?? new IPEndPoint(IPAddress.Parse("192.168.0.20"), 36835);
        Server = server ?? new IPEndPoint(IPAddress.Parse("192.168.0.241"), 4712);
    }

    public PacketFramer Framer { get; }

    public IPEndPoint Client { get; }

    public IPEndPoint Server { get; }

    public FlowKey ClientToServer => new(TransportProtocol.Tcp, Client.Address, (ushort)Client.Port, Server.Address, (ushort)Server.Port);

    public FlowKey ServerToClient => ClientToServer.Reversed();

    public byte[] FromClient(uint sequence, byte[] payload, TcpFlags flags = TcpFlags.Ack | TcpFlags.Psh) =>
        Framer.FrameTcp(Client, Server, sequence, 1, flags, payload);

    public byte[] FromServer(uint sequence, byte[] payload, TcpFlags flags = TcpFlags.Ack | TcpFlags.Psh) =>
        Framer.FrameTcp(Server, Client, sequence, 1, flags, payload);

    /// <summary>Distinct, recognisable bytes: position i of the stream holds (seed + i) mod 251.</summary>
    public static byte[] Bytes(int length, int seed = 0) => [.. Enumerable.Range(seed, length).Select(i => (byte)(i % 251))];
}
