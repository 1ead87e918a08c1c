using System.Buffers.Binary;
using System.Net;

namespace Pdc.Capture;

/// <summary>
/// A flow as the packet headers give it, addresses held as numbers: telling the flows of a packet apart
/// allocates nothing, and <see cref="FlowKey"/> with its <see cref="IPAddress"/> objects is built once a flow.
/// </summary>
internal readonly record struct WireFlow(
    TransportProtocol Transport,
    bool IsIpv6,
    UInt128 Source,
    ushort SourcePort,
    UInt128 Destination,
    ushort DestinationPort)
{
    public WireFlow Reversed() => this with
    {
        Source = Destination,
        SourcePort = DestinationPort,
        Destination = Source,
        DestinationPort = SourcePort,
    };

    public FlowKey ToFlowKey() => new(Transport, ToAddress(Source), SourcePort, ToAddress(Destination), DestinationPort);

    private IPAddress ToAddress(UInt128 address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (IsIpv6)
        {
            BinaryPrimitives.WriteUInt128BigEndian(bytes, address);
            return new IPAddress(bytes);
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)address);
        return new IPAddress(bytes[..4]);
    }
}
