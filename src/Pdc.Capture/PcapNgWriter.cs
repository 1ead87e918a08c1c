using System.Buffers;
using System.Text;

namespace Pdc.Capture;

/// <summary>
/// Writes pcapng files: a section header, one interface description per interface (with its name,
/// description, link type and timestamp resolution) and enhanced packet blocks. Not thread-safe.
/// </summary>
public sealed class PcapNgWriter : IDisposable
{
    private const uint SectionHeaderType = PcapNgFrameSource.SectionHeaderType;
    private const uint InterfaceDescriptionType = 1;
    private const uint EnhancedPacketType = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const ushort EndOfOptions = 0;
    private const ushort UserApplicationOption = 4;
    private const ushort NameOption = 2;
    private const ushort DescriptionOption = 3;
    private const ushort TimestampResolutionOption = 9;
    private const int EnhancedPacketHeaderLength = 28;

    private readonly Stream output;
    private readonly bool leaveOpen;
    private readonly ByteOrder order;
    private readonly List<TimestampResolution> interfaces = [];
    private readonly ArrayBufferWriter<byte> scratch = new();

    /// <param name="application">Recorded as shb_userappl, the program that wrote the file.</param>
    public PcapNgWriter(Stream output, bool bigEndian = false, string? application = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        this.output = output;
        this.leaveOpen = leaveOpen;
        order = new ByteOrder(bigEndian);
        var body = Start();
        order.Write(body.GetSpan(4), ByteOrderMagic);
        body.Advance(4);
        var version = body.GetSpan(4);
        order.Write(version, (ushort)1);
        order.Write(version[2..], (ushort)0);
        body.Advance(4);

        // Section length -1: not given, so sections can be appended to.
        body.GetSpan(8)[..8].Fill(0xFF);
        body.Advance(8);
        if (application is not null)
        {
            AddOption(UserApplicationOption, Encoding.UTF8.GetBytes(application));
        }

        FinishWithOptions(SectionHeaderType);
    }

    /// <summary>Describes an interface; returns its id for <see cref="WritePacket(int, long, ReadOnlySpan{byte})"/>.</summary>
    /// <param name="timestampResolution">if_tsresol: n for 10^-n seconds, 0x80 | n for 2^-n seconds; 9 (nanoseconds) unless given.</param>
    /// <param name="snapLength">The longest packet the interface captures whole; 0 for no limit.</param>
    public int AddInterface(LinkType linkType, string? name = null, string? description = null, byte timestampResolution = 9, int snapLength = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(snapLength);
        var body = Start();
        var linkTypeAndReserved = body.GetSpan(4);
        order.Write(linkTypeAndReserved, (ushort)linkType);
        order.Write(linkTypeAndReserved[2..], (ushort)0);
        body.Advance(4);
        order.Write(body.GetSpan(4), (uint)snapLength);
        body.Advance(4);
        if (name is not null)
        {
            AddOption(NameOption, Encoding.UTF8.GetBytes(name));
        }

        if (description is not null)
        {
            AddOption(DescriptionOption, Encoding.UTF8.GetBytes(description));
        }

        AddOption(TimestampResolutionOption, [timestampResolution]);
        FinishWithOptions(InterfaceDescriptionType);
        interfaces.Add(new TimestampResolution(timestampResolution));
        return interfaces.Count - 1;
    }

    public void WritePacket(int interfaceId, long timestampNanoseconds, ReadOnlySpan<byte> packet) =>
        WritePacket(interfaceId, timestampNanoseconds, packet, packet.Length);

    /// <param name="originalLength">The packet's length on the wire; more than the bytes given when they were cut by a snapshot length.</param>
    public void WritePacket(int interfaceId, long timestampNanoseconds, ReadOnlySpan<byte> packet, int originalLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(interfaceId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(interfaceId, interfaces.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(originalLength, packet.Length);
        var units = interfaces[interfaceId].FromNanoseconds(timestampNanoseconds);
        var padding = Padding(packet.Length);
        var blockLength = (uint)(EnhancedPacketHeaderLength + packet.Length + padding + 4);
        Span<byte> header = stackalloc byte[EnhancedPacketHeaderLength];
        order.Write(header, EnhancedPacketType);
        order.Write(header[4..], blockLength);
        order.Write(header[8..], (uint)interfaceId);
        order.Write(header[12..], (uint)(units >> 32));
        order.Write(header[16..], (uint)units);
        order.Write(header[20..], (uint)packet.Length);
        order.Write(header[24..], (uint)originalLength);
        output.Write(header);
        output.Write(packet);
        Span<byte> trailer = stackalloc byte[8];
        trailer.Clear();
        order.Write(trailer[padding..], blockLength);
        output.Write(trailer[..(padding + 4)]);
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

    private static int Padding(int length) => (4 - (length % 4)) % 4;

    /// <summary>Starts a block body in the scratch buffer, leaving room for the type and length.</summary>
    private ArrayBufferWriter<byte> Start()
    {
        scratch.ResetWrittenCount();
        scratch.GetSpan(8)[..8].Clear();
        scratch.Advance(8);
        return scratch;
    }

    private void AddOption(ushort code, ReadOnlySpan<byte> value)
    {
        if (value.Length > ushort.MaxValue)
        {
            throw new ArgumentException($"a pcapng option holds at most {ushort.MaxValue} bytes, not {value.Length}", nameof(value));
        }

        var padded = value.Length + Padding(value.Length);
        var span = scratch.GetSpan(4 + padded)[..(4 + padded)];
        span.Clear();
        order.Write(span, code);
        order.Write(span[2..], (ushort)value.Length);
        value.CopyTo(span[4..]);
        scratch.Advance(4 + padded);
    }

    private void FinishWithOptions(uint type)
    {
        AddOption(EndOfOptions, []);
        var length = (uint)(scratch.WrittenCount + 4);
        order.Write(scratch.GetSpan(4), length);
        scratch.Advance(4);
        var block = scratch.WrittenMemory.ToArray();
        order.Write(block, type);
        order.Write(block.AsSpan(4), length);
        output.Write(block);
    }
}
