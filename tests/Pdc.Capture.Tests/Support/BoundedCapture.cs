namespace Pdc.Capture.Tests.Support;

/// <summary>A small capture together with where each of its structures starts, to check errors and truncation against.</summary>
/// <param name="StructureStarts">File offsets where the file header, each header block and each packet record begin, then the file's length.</param>
/// <param name="FirstPacketStart">Index into <paramref name="StructureStarts"/> of the first packet record.</param>
internal sealed record BoundedCapture(byte[] Bytes, IReadOnlyList<long> StructureStarts, int FirstPacketStart)
{
    /// <summary>An Ethernet TCP conversation (handshake, data both ways, close) with UDP datagrams between, all in order.</summary>
    public static IReadOnlyList<byte[]> Packets()
    {
        var conversation = new Conversation();
        return
        [
            conversation.FromClient(100, [], TcpFlags.Syn),
            conversation.FromServer(900, [], TcpFlags.Syn | TcpFlags.Ack),
            conversation.FromClient(101, Conversation.Bytes(18, seed: 1)),
            conversation.Framer.FrameUdp(conversation.Server, conversation.Client, Conversation.Bytes(30, seed: 2)),
            conversation.FromServer(901, Conversation.Bytes(77, seed: 3)),
            conversation.FromServer(978, Conversation.Bytes(33, seed: 4)),
            conversation.Framer.FrameUdp(conversation.Client, conversation.Server, Conversation.Bytes(5, seed: 5)),
            conversation.FromClient(119, [], TcpFlags.Fin | TcpFlags.Ack),
        ];
    }

    public static BoundedCapture PcapNg(bool bigEndian = false)
    {
        using var stream = new MemoryStream();
        var starts = new List<long> { 0 };
        using (var writer = new PcapNgWriter(stream, bigEndian, leaveOpen: true))
        {
            starts.Add(stream.Position);
            var id = writer.AddInterface(LinkType.Ethernet, "eth0", timestampResolution: 9);
            var time = TestCaptures.Start;
            foreach (var packet in Packets())
            {
                starts.Add(stream.Position);
                writer.WritePacket(id, time += 1000, packet);
            }
        }

        starts.Add(stream.Length);
        return new BoundedCapture(stream.ToArray(), starts, 2);
    }

    public static BoundedCapture Pcap(bool nanosecondTimestamps = false, bool bigEndian = false)
    {
        using var stream = new MemoryStream();
        var starts = new List<long> { 0 };
        using (var writer = new PcapWriter(stream, LinkType.Ethernet, nanosecondTimestamps, bigEndian, leaveOpen: true))
        {
            var time = TestCaptures.Start;
            foreach (var packet in Packets())
            {
                starts.Add(stream.Position);
                writer.WritePacket(time += 1000, packet);
            }
        }

        starts.Add(stream.Length);
        return new BoundedCapture(stream.ToArray(), starts, 1);
    }

    /// <summary>Packets wholly inside the first <paramref name="length"/> bytes.</summary>
    public int PacketsWithin(long length) => Math.Max(0, StructureStarts.Skip(FirstPacketStart + 1).Count(end => end <= length));
}
