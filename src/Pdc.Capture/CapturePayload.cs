namespace Pdc.Capture;

/// <summary>
/// One UDP datagram, one in-sequence piece of a TCP flow, or one chunk of a raw byte-stream file.
/// </summary>
/// <remarks>
/// <see cref="Data"/> may point into a buffer the reader reuses: it is valid only until the
/// enumerator moves on. Copy it to keep it.
/// </remarks>
public readonly struct CapturePayload
{
    public FlowKey Flow { get; init; }

    /// <summary>Nanoseconds since the Unix epoch of the packet that carried the bytes; null where the file has none (raw streams, pcapng simple packets).</summary>
    public long? TimestampNanoseconds { get; init; }

    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>Bytes of the flow that were lost just before this payload (TCP only): never captured, or cut by the snapshot length.</summary>
    public long GapBytesBefore { get; init; }

    /// <summary>The capture interface, numbered across the whole file (pcapng sections continue the count); 0 for pcap and raw streams.</summary>
    public int InterfaceId { get; init; }

    /// <summary>1-based number of the packet in the file, as Wireshark counts frames; 0 for raw streams.</summary>
    public long PacketNumber { get; init; }

    /// <summary>Byte offset in the file of <see cref="Data"/>'s first byte.</summary>
    public long FileOffset { get; init; }
}
