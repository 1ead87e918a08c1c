using System.Net.Sockets;
using Pdc.Capture;
using Pdc.Streaming.Recording;

namespace Pdc.Replay.Recording;

/// <summary>
/// Turns chunks of traffic into packets of the current file, on the recorder's thread: TCP segments with each
/// direction's own sequence numbers, UDP datagrams, both between the connection's real endpoints. Rotates by size
/// or time; a new file starts with the last config frame of each direction (and the start of a frame the previous
/// file cut), so that every file decodes on its own.
/// </summary>
internal sealed class RecordingWriter(RecorderOptions options) : IDisposable
{
    // Under the 65,535-byte IP packet with room for the headers.
    private const int MaxSegment = 32 * 1024;

    private readonly PacketFramer framer = new(LinkType.Raw);
    private readonly Dictionary<TrafficConnection, (RecordedFlow Received, RecordedFlow Sent)> flows = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> files = [];
    private RecordingFile? file;
    private int fileNumber;

    /// <summary>The files begun so far, oldest first.</summary>
    public IReadOnlyList<string> Files => files;

    public void Write(in TrafficChunk chunk)
    {
        if (file is null)
        {
            Open(chunk.Nanoseconds);
        }
        else if (options.RotateBytes is { } bytes && file.Length >= bytes
            || options.RotateAfter is { } span && chunk.Nanoseconds - file.StartNanoseconds >= span.Ticks * 100)
        {
            file.Dispose();
            Open(chunk.Nanoseconds);
            Repeat(chunk.Nanoseconds);
        }

        var connection = chunk.Connection;
        var (received, sent) = FlowsOf(connection);
        var flow = chunk.Sent ? sent : received;
        var other = chunk.Sent ? received : sent;
        var isTcp = connection.Protocol == ProtocolType.Tcp;
        if (isTcp)
        {
            flow.NextSequence = WriteSegments(connection, chunk.Sent, chunk.Nanoseconds, flow.NextSequence, other.NextSequence, chunk.Bytes);
        }
        else
        {
            WriteDatagram(connection, chunk.Sent, chunk.Nanoseconds, chunk.Bytes);
        }

        flow.Follow(chunk.Bytes, datagram: !isTcp);
        flow.LastFile = fileNumber;
    }

    public void Flush() => file?.Flush();

    public void Dispose() => file?.Dispose();

    private void Open(long nanoseconds)
    {
        file = RecordingFile.Create(options.Directory, nanoseconds);
        fileNumber++;
        files.Add(file.Path);
    }

    /// <summary>At the start of a new file: what each direction still in use needs to decode from here on.</summary>
    private void Repeat(long nanoseconds)
    {
        foreach (var (connection, (received, sent)) in flows.ToList())
        {
            if (received.LastFile < fileNumber - 1 && sent.LastFile < fileNumber - 1)
            {
                // Quiet for a whole file: most likely closed; if not, it starts afresh in this file.
                flows.Remove(connection);
                continue;
            }

            Repeat(connection, received, sent, toDevice: false, nanoseconds);
            Repeat(connection, sent, received, toDevice: true, nanoseconds);
        }
    }

    private void Repeat(TrafficConnection connection, RecordedFlow flow, RecordedFlow other, bool toDevice, long nanoseconds)
    {
        if (connection.Protocol != ProtocolType.Tcp)
        {
            foreach (var frame in flow.LastConfig)
            {
                WriteDatagram(connection, toDevice, nanoseconds, frame);
            }

            return;
        }

        // The repeated bytes end where the stream goes on, so the new file's reassembly runs straight into it.
        var preamble = flow.LastConfig.SelectMany(f => f).Concat(flow.Unfinished.ToArray()).ToArray();
        if (preamble.Length > 0)
        {
            WriteSegments(connection, toDevice, nanoseconds, unchecked(flow.NextSequence - (uint)preamble.Length), other.NextSequence, preamble);
        }
    }

    private (RecordedFlow Received, RecordedFlow Sent) FlowsOf(TrafficConnection connection)
    {
        if (!flows.TryGetValue(connection, out var pair))
        {
            pair = (new RecordedFlow(), new RecordedFlow());
            flows[connection] = pair;
        }

        return pair;
    }

    /// <summary>Writes <paramref name="bytes"/> as TCP segments from <paramref name="sequence"/> on; returns the sequence number after them.</summary>
    private uint WriteSegments(TrafficConnection connection, bool sent, long nanoseconds, uint sequence, uint acknowledgment, ReadOnlySpan<byte> bytes)
    {
        var (source, destination) = sent ? (connection.Local, connection.Remote) : (connection.Remote, connection.Local);
        while (!bytes.IsEmpty)
        {
            var segment = bytes[..Math.Min(bytes.Length, MaxSegment)];
            file!.Write(connection.Interface, nanoseconds, framer.FrameTcp(source, destination, sequence, acknowledgment, TcpFlags.Psh | TcpFlags.Ack, segment));
            sequence = unchecked(sequence + (uint)segment.Length);
            bytes = bytes[segment.Length..];
        }

        return sequence;
    }

    private void WriteDatagram(TrafficConnection connection, bool sent, long nanoseconds, ReadOnlySpan<byte> bytes)
    {
        var (source, destination) = sent ? (connection.Local, connection.Remote) : (connection.Remote, connection.Local);
        file!.Write(connection.Interface, nanoseconds, framer.FrameUdp(source, destination, bytes));
    }
}
