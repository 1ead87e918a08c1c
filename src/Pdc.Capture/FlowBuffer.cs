using System.Buffers;

namespace Pdc.Capture;

/// <summary>
/// The bytes of a stream flow not yet cut into frames. It holds at most one unfinished frame plus one
/// payload, because the decoder consumes every complete frame before more bytes are appended.
/// </summary>
internal sealed class FlowBuffer
{
    private byte[] bytes = new byte[4096];
    private int length;

    public int Length => length;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (length + data.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(length + data.Length, bytes.Length * 2));
        }

        data.CopyTo(bytes.AsSpan(length));
        length += data.Length;
    }

    public ReadOnlySequence<byte> Pending => new(bytes, 0, length);

    /// <summary>Keeps only the bytes from <paramref name="remaining"/>'s start, which must lie in <see cref="Pending"/>.</summary>
    public void Consume(ReadOnlySequence<byte> remaining)
    {
        var keep = (int)remaining.Length;
        bytes.AsSpan(length - keep, keep).CopyTo(bytes);
        length = keep;
    }

    public void Clear() => length = 0;
}
