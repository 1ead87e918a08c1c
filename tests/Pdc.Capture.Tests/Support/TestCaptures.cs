namespace Pdc.Capture.Tests.Support;

/// <summary>Builds capture files in memory with the project's writers.</summary>
internal static class TestCaptures
{
    /// <summary>The time of the first packet in test captures, with nanoseconds that microseconds cannot hold.</summary>
    public const long Start = 1_700_000_000_123_456_789;

    /// <summary>A pcapng file with one interface of the given link type; frame i is stamped <see cref="Start"/> + i ms.</summary>
    public static byte[] PcapNg(LinkType linkType, IEnumerable<byte[]> frames) => PcapNg(writer =>
    {
        var id = writer.AddInterface(linkType, "test0");
        var time = Start;
        foreach (var frame in frames)
        {
            writer.WritePacket(id, time, frame);
            time += 1_000_000;
        }
    });

    public static byte[] PcapNg(Action<PcapNgWriter> write, bool bigEndian = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapNgWriter(stream, bigEndian, "Pdc.Capture.Tests", leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    public static byte[] Pcap(LinkType linkType, IEnumerable<byte[]> frames, bool nanosecondTimestamps = false, bool bigEndian = false)
    {
        using var stream = new MemoryStream();
        using (var writer = new PcapWriter(stream, linkType, nanosecondTimestamps, bigEndian, leaveOpen: true))
        {
            var time = Start;
            foreach (var frame in frames)
            {
                writer.WritePacket(time, frame);
                time += 1_000_000;
            }
        }

        return stream.ToArray();
    }
}
