namespace Pdc.Capture;

/// <summary>One captured packet as a file record gives it, before any protocol is decoded.</summary>
/// <param name="Data">The captured bytes; valid until the frame source moves on.</param>
/// <param name="OriginalLength">The packet's length on the wire, at least the captured length for sane files.</param>
/// <param name="DataOffset">File offset of <paramref name="Data"/>'s first byte.</param>
internal readonly record struct LinkFrame(
    long PacketNumber,
    int InterfaceId,
    LinkType LinkType,
    long? TimestampNanoseconds,
    ReadOnlyMemory<byte> Data,
    long OriginalLength,
    long DataOffset);
