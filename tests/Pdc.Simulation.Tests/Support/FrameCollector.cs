using System.Buffers;
using Pdc.Protocol;

namespace Pdc.Simulation.Tests.Support;

/// <summary>Cuts received bytes into frames with the project's decoder, keeping a copy of each (TCP and UDP clients share it).</summary>
internal sealed class FrameCollector
{
    private readonly StreamDecoder decoder = new();
    private byte[] pending = [];

    public StreamDecoder Decoder => decoder;

    /// <summary>Adds received bytes; returns the frames (and refusals) they completed.</summary>
    public List<ReceivedFrame> Add(ReadOnlySpan<byte> bytes)
    {
        pending = [.. pending, .. bytes];
        var buffer = new ReadOnlySequence<byte>(pending);
        var frames = new List<ReceivedFrame>();
        while (true)
        {
            var status = decoder.TryReadFrame(ref buffer, out var frame);
            if (status == FrameReadStatus.NeedMoreData)
            {
                break;
            }

            frames.Add(new ReceivedFrame(frame.FrameHeader, frame.Bytes.ToArray(), frame.Rejection, frame.Config, frame.Header));
        }

        pending = buffer.ToArray();
        return frames;
    }
}
