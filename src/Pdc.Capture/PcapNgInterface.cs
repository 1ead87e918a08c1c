namespace Pdc.Capture;

/// <summary>What a pcapng interface description block says about the packets of one interface.</summary>
/// <param name="OffsetSeconds">if_tsoffset: seconds to add to every timestamp of the interface.</param>
internal sealed record PcapNgInterface(LinkType LinkType, uint SnapLength, TimestampResolution Resolution, long OffsetSeconds)
{
    private const ushort EndOfOptions = 0;
    private const ushort TimestampResolutionOption = 9;
    private const ushort TimestampOffsetOption = 14;

    /// <summary>Reads an IDB body (after the block type and length). Malformed options are ignored: the rest of the block still describes the interface.</summary>
    public static PcapNgInterface Parse(ReadOnlySpan<byte> body, ByteOrder order)
    {
        var linkType = (LinkType)order.UInt16(body);
        var snapLength = order.UInt32(body[4..]);
        var resolution = TimestampResolution.Microseconds;
        var offsetSeconds = 0L;
        var options = body[8..];
        while (options.Length >= 4)
        {
            var code = order.UInt16(options);
            var length = order.UInt16(options[2..]);
            if (code == EndOfOptions || length > options.Length - 4)
            {
                break;
            }

            var value = options.Slice(4, length);
            if (code == TimestampResolutionOption && length >= 1)
            {
                resolution = new TimestampResolution(value[0]);
            }
            else if (code == TimestampOffsetOption && length >= 8)
            {
                offsetSeconds = order.Int64(value);
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        return new PcapNgInterface(linkType, snapLength, resolution, offsetSeconds);
    }
}
