using Pdc.Streaming.Recording;

namespace Pdc.Replay.Recording;

/// <summary>Bytes seen on a connection, copied into a pooled buffer, on their way to the recording's writer.</summary>
internal readonly record struct TrafficChunk(TrafficConnection Connection, bool Sent, long Nanoseconds, byte[] Buffer, int Length)
{
    public ReadOnlySpan<byte> Bytes => Buffer.AsSpan(0, Length);
}
