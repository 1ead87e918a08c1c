namespace Pdc.Capture;

/// <summary>Writes classic libpcap files: one link type, microsecond or nanosecond timestamps. Not thread-safe.</summary>
public sealed class PcapWriter : IDisposable
{
    private const int RecordHeaderLength = 16;
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly Stream output;
    private readonly bool leaveOpen;
    private readonly ByteOrder order;
    private readonly bool nanosecondTimestamps;

    public PcapWriter(Stream output, LinkType linkType, bool nanosecondTimestamps = false, bool bigEndian = false, int snapLength = 262_144, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(snapLength);
        this.output = output;
        this.leaveOpen = leaveOpen;
        this.nanosecondTimestamps = nanosecondTimestamps;
        order = new ByteOrder(bigEndian);
        Span<byte> header = stackalloc byte[24];
        order.Write(header, nanosecondTimestamps ? PcapFrameSource.NanosecondMagic : PcapFrameSource.MicrosecondMagic);
        order.Write(header[4..], (ushort)2);
        order.Write(header[6..], (ushort)4);
        order.Write(header[16..], (uint)snapLength);
        order.Write(header[20..], (uint)linkType);
        output.Write(header);
    }

    public void WritePacket(long timestampNanoseconds, ReadOnlySpan<byte> packet) => WritePacket(timestampNanoseconds, packet, packet.Length);

    /// <param name="originalLength">The packet's length on the wire; more than the bytes given when they were cut by a snapshot length.</param>
    public void WritePacket(long timestampNanoseconds, ReadOnlySpan<byte> packet, int originalLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(timestampNanoseconds);
        ArgumentOutOfRangeException.ThrowIfLessThan(originalLength, packet.Length);
        var seconds = timestampNanoseconds / NanosecondsPerSecond;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, uint.MaxValue, nameof(timestampNanoseconds));
        var fraction = timestampNanoseconds % NanosecondsPerSecond;
        Span<byte> header = stackalloc byte[RecordHeaderLength];
        order.Write(header, (uint)seconds);
        order.Write(header[4..], (uint)(nanosecondTimestamps ? fraction : fraction / 1000));
        order.Write(header[8..], (uint)packet.Length);
        order.Write(header[12..], (uint)originalLength);
        output.Write(header);
        output.Write(packet);
    }

    public void Flush() => output.Flush();

    public void Dispose()
    {
        output.Flush();
        if (!leaveOpen)
        {
            output.Dispose();
        }
    }
}
