using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.LoadTest;

/// <summary>
/// One simulated PMU connected to the ingest's listener: it sends its CFG-2 first (which identifies it),
/// answers "send config", and streams while turned on. Sends are serialized, since commands and the
/// streaming loop both send.
/// </summary>
internal sealed class GeneratorConnection : IDisposable
{
    private readonly Socket socket;
    private readonly Lock sending = new();
    private volatile bool on;

    public GeneratorConnection(Socket socket, PmuStream stream)
    {
        this.socket = socket;
        Stream = stream;
    }

    public PmuStream Stream { get; }

    public long FramesSent { get; private set; }

    public void Start()
    {
        Send(Stream.Config);
        _ = ReadCommandsAsync();
    }

    /// <summary>Sends report instants <paramref name="index"/> to <paramref name="index"/> + <paramref name="count"/> - 1 in one send, if the ingest turned the stream on.</summary>
    public void SendData(long index, int count)
    {
        if (!on)
        {
            return;
        }

        if (Send(Stream.Data(index, count).Span))
        {
            FramesSent += count;
        }
    }

    public void Dispose() => socket.Dispose();

    private bool Send(ReadOnlySpan<byte> frame)
    {
        lock (sending)
        {
            try
            {
                socket.Send(frame);
                return true;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                on = false;
                return false;
            }
        }
    }

    private async Task ReadCommandsAsync()
    {
        var command = new byte[CommandFrame.BaseSize];
        try
        {
            while (true)
            {
                var read = 0;
                while (read < command.Length)
                {
                    var n = await socket.ReceiveAsync(command.AsMemory(read), SocketFlags.None).ConfigureAwait(false);
                    if (n == 0)
                    {
                        return;
                    }

                    read += n;
                }

                switch (CommandFrame.Read(command)?.Command)
                {
                    case CommandCode.TurnOffTransmission:
                        on = false;
                        break;
                    case CommandCode.SendConfig2:
                        Send(Stream.Config);
                        break;
                    case CommandCode.TurnOnTransmission:
                        on = true;
                        break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            on = false;
        }
    }
}
