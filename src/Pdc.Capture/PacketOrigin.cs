namespace Pdc.Capture;

/// <summary>Where a piece of payload came from, carried along while TCP data waits in a buffer.</summary>
/// <param name="FileOffset">File offset of the piece's first byte.</param>
internal readonly record struct PacketOrigin(long? TimestampNanoseconds, int InterfaceId, long PacketNumber, long FileOffset)
{
    public PacketOrigin Advance(int bytes) => this with { FileOffset = FileOffset + bytes };

    public CapturePayload ToPayload(FlowKey flow, ReadOnlyMemory<byte> data, long gapBytesBefore) => new()
    {
        Flow = flow,
        TimestampNanoseconds = TimestampNanoseconds,
        Data = data,
        GapBytesBefore = gapBytesBefore,
        InterfaceId = InterfaceId,
        PacketNumber = PacketNumber,
        FileOffset = FileOffset,
    };
}
