using System.Buffers;
using System.Buffers.Binary;

namespace Pdc.Testing;

/// <summary>
/// Writes a classic pcap file of UDP datagrams (Ethernet, IPv4, UDP built by hand), one C37.118 frame each,
/// so that tshark dissects frames this project encoded. All datagrams go from one address and port to
/// 4713, so tshark keeps them in one conversation and decodes data frames with the config sent before them.
/// </summary>
public sealed class UdpPcapWriter
{
    /// <summary>The UDP port tshark is told is C37.118 (see <see cref="Tshark.SynphasorPorts"/>).</summary>
    public const int SynphasorUdpPort = 4713;

    private const int EthernetHeaderSize = 14;
    private const int Ipv4HeaderSize = 20;
    private const int UdpHeaderSize = 8;
    private const int RecordHeaderSize = 16;
    private const uint LinkTypeEthernet = 1;

    private readonly ArrayBufferWriter<byte> file = new();
    private int count;

    public UdpPcapWriter()
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], LinkTypeEthernet);
        file.Write(header);
    }

    /// <summary>Appends one datagram carrying <paramref name="payload"/>.</summary>
    public void Add(ReadOnlySpan<byte> payload)
    {
        var ipLength = Ipv4HeaderSize + UdpHeaderSize + payload.Length;
        if (ipLength > ushort.MaxValue)
        {
            throw new ArgumentException($"A {payload.Length}-byte payload does not fit one IPv4 datagram.", nameof(payload));
        }

        var packet = new byte[EthernetHeaderSize + ipLength];
        WriteEthernet(packet);
        WriteIpv4(packet.AsSpan(EthernetHeaderSize, Ipv4HeaderSize), ipLength);
        var udp = packet.AsSpan(EthernetHeaderSize + Ipv4HeaderSize);
        BinaryPrimitives.WriteUInt16BigEndian(udp, 50000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], SynphasorUdpPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(UdpHeaderSize + payload.Length));

        // UDP checksum 0: "not computed", which IPv4 allows; tshark then checks nothing there.
        payload.CopyTo(udp[UdpHeaderSize..]);

        // One second apart, so that the capture reads as a plausible stream.
        Span<byte> record = stackalloc byte[RecordHeaderSize];
        BinaryPrimitives.WriteUInt32LittleEndian(record, 1_700_000_000u + (uint)++count);
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)packet.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)packet.Length);
        file.Write(record);
        file.Write(packet);
    }

    /// <summary>Writes the capture to a new temporary file and returns its path; the caller deletes it.</summary>
    public string SaveToTempFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pdc-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(path, file.WrittenSpan);
        return path;
    }

    private static void WriteEthernet(Span<byte> packet)
    {
        // Locally administered MAC addresses, then EtherType IPv4.
        ReadOnlySpan<byte> macs = [0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01];
        macs.CopyTo(packet);
        BinaryPrimitives.WriteUInt16BigEndian(packet[12..], 0x0800);
    }

    private static void WriteIpv4(Span<byte> header, int totalLength)
    {
        header[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)totalLength);
        header[8] = 64;
        header[9] = 17;
        ReadOnlySpan<byte> addresses = [127, 0, 0, 1, 127, 0, 0, 2];
        addresses.CopyTo(header[12..]);
        uint sum = 0;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        sum = (sum & 0xFFFF) + (sum >> 16);
        sum += sum >> 16;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)~sum);
    }
}
