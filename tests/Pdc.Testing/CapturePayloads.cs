using System.Globalization;

namespace Pdc.Testing;

/// <summary>One TCP segment's or UDP datagram's payload, as tshark extracted it from a capture.</summary>
/// <param name="PacketNumber">frame.number in the capture.</param>
/// <param name="Flow">Source address and port: one direction of a conversation.</param>
public sealed record CapturePayload(int PacketNumber, string Flow, bool IsTcp, byte[] Bytes);

/// <summary>
/// The transport payloads of a capture, read by asking tshark (until the project's own pcap reader serves tests):
/// per packet, and joined into the byte stream of each direction, as a TCP receiver would see it.
/// </summary>
public static class CapturePayloads
{
    /// <summary>Every non-empty TCP or UDP payload in capture order.</summary>
    public static IReadOnlyList<CapturePayload> Read(string pcapPath)
    {
        var output = Tshark.Run([
            "-r", pcapPath, .. Tshark.SynphasorPorts, "-T", "fields",
            "-e", "frame.number", "-e", "ip.src", "-e", "tcp.srcport", "-e", "udp.srcport", "-e", "tcp.payload", "-e", "udp.payload",
        ]);
        var payloads = new List<CapturePayload>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var columns = line.TrimEnd('\r').Split('\t');
            var isTcp = columns[2].Length > 0;
            var hex = isTcp ? columns[4] : columns[5];
            if (hex.Length == 0)
            {
                continue;
            }

            payloads.Add(new CapturePayload(
                int.Parse(columns[0], CultureInfo.InvariantCulture),
                $"{columns[1]}:{(isTcp ? columns[2] : columns[3])}",
                isTcp,
                Convert.FromHexString(hex.Replace(":", string.Empty, StringComparison.Ordinal))));
        }

        return payloads;
    }

    /// <summary>The payloads of each direction joined in order (the captures hold no retransmissions), keyed by flow.</summary>
    public static IReadOnlyDictionary<string, byte[]> ReadStreams(string pcapPath) =>
        Read(pcapPath)
            .GroupBy(p => p.Flow)
            .ToDictionary(g => g.Key, g => g.SelectMany(p => p.Bytes).ToArray());
}
