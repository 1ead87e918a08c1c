using System.Net;
using Pdc.Capture;

namespace Pdc.Testing;

/// <summary>
/// A classic pcap of UDP datagrams, one C37.118 frame each, so that tshark dissects frames this project encoded.
/// All datagrams go from one address and port to 4713, so tshark keeps them in one conversation and decodes data
/// frames with the config sent before them. Built with Pdc.Capture's writer and framer, whose output tshark checks.
/// </summary>
public sealed class UdpPcapWriter
{
    /// <summary>The UDP port tshark is told is C37.118 (see <see cref="Tshark.SynphasorPorts"/>).</summary>
    public const int SynphasorUdpPort = 4713;

    private static readonly IPEndPoint Source = new(IPAddress.Parse("192.0.2.1"), 50000);
    private static readonly IPEndPoint Destination = new(IPAddress.Parse("192.0.2.2"), SynphasorUdpPort);

    private readonly List<byte[]> packets = [];
    private readonly PacketFramer framer = new(LinkType.Ethernet);

    /// <summary>Appends one datagram carrying <paramref name="payload"/>.</summary>
    public void Add(ReadOnlySpan<byte> payload) => packets.Add(framer.FrameUdp(Source, Destination, payload));

    /// <summary>Writes the capture (datagrams one second apart) to a new temporary file and returns its path; the caller deletes it.</summary>
    public string SaveToTempFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pdc-{Guid.NewGuid():N}.pcap");
        using var writer = new PcapWriter(File.Create(path), LinkType.Ethernet);
        for (var i = 0; i < packets.Count; i++)
        {
            writer.WritePacket((1_700_000_001L + i) * 1_000_000_000, packets[i]);
        }

        return path;
    }
}
