namespace Pdc.Capture.Tests.Support;

/// <summary>A <see cref="CapturePayload"/> with its bytes copied, so it outlives the enumeration.</summary>
internal sealed record ReadPayload(FlowKey Flow, long? TimestampNanoseconds, byte[] Data, long GapBytesBefore, int InterfaceId, long PacketNumber, long FileOffset);
