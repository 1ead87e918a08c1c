using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>Commands sent as datagrams from the receiving socket, so that the device answers to the port Pdc listens on.</summary>
internal sealed class UdpCommandChannel : ICommandChannel
{
    private readonly Socket socket;
    private readonly EndPoint device;

    public UdpCommandChannel(Socket socket, EndPoint device)
    {
        this.socket = socket;
        this.device = device;
    }

    public async ValueTask SendAsync(CommandFrame command, CancellationToken cancellationToken)
    {
        var bytes = new ArrayBufferWriter<byte>(command.Size);
        command.Write(bytes);
        await socket.SendToAsync(bytes.WrittenMemory, SocketFlags.None, device, cancellationToken).ConfigureAwait(false);
    }
}
