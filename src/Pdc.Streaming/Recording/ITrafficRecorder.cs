using System.Buffers;

namespace Pdc.Streaming.Recording;

/// <summary>
/// Sees the bytes Pdc receives and sends on its sockets as they pass, so that they can be kept (a capture of
/// the next incident, to replay). Called on the read and send loops themselves: copy what you keep, return at
/// once, never block, never throw.
/// </summary>
public interface ITrafficRecorder
{
    /// <summary>Bytes just read from <paramref name="connection"/>, before they are decoded.</summary>
    /// <param name="arrivalNanoseconds">Local arrival time, nanoseconds since the Unix epoch.</param>
    void Received(TrafficConnection connection, long arrivalNanoseconds, in ReadOnlySequence<byte> bytes);

    /// <summary>Bytes just sent on <paramref name="connection"/> (commands to devices, frames to subscribers).</summary>
    void Sent(TrafficConnection connection, long sentNanoseconds, ReadOnlySpan<byte> bytes);
}
