using System.Buffers;

namespace Pdc.Testing;

/// <summary>Builds a <see cref="ReadOnlySequence{T}"/> from chunks, one linked segment each, as a pipe hands them out.</summary>
public static class SegmentedSequence
{
    public static ReadOnlySequence<byte> Create(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        Segment? first = null;
        Segment? last = null;
        foreach (var chunk in chunks)
        {
            last = last is null ? first = new Segment(chunk, 0) : last.Append(chunk);
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    /// <summary>The bytes split at <paramref name="cuts"/> (ascending offsets), into as many segments.</summary>
    public static ReadOnlySequence<byte> Split(ReadOnlyMemory<byte> bytes, params int[] cuts)
    {
        ArgumentNullException.ThrowIfNull(cuts);
        var chunks = new List<ReadOnlyMemory<byte>>();
        var start = 0;
        foreach (var cut in cuts.Append(bytes.Length))
        {
            chunks.Add(bytes[start..cut]);
            start = cut;
        }

        return Create(chunks);
    }

    /// <summary>Every byte in a segment of its own.</summary>
    public static ReadOnlySequence<byte> OneBytePerSegment(ReadOnlyMemory<byte> bytes) =>
        Create(Enumerable.Range(0, bytes.Length).Select(i => bytes.Slice(i, 1)));

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
