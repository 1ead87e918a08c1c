using System.Buffers;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// The blocks that connection pipes read into: 4 KiB each, kept for reuse however many are out at once. The
/// shared array pool keeps only a few arrays per core, so when a thousand PMUs' frames land on the same report
/// instant it drops the surplus and allocates afresh; here the pool grows to the peak and then allocates nothing.
/// </summary>
internal sealed class PipeBufferPool : MemoryPool<byte>
{
    public const int BlockSize = 4096;

    private readonly Lock gate = new();
    private readonly Stack<Block> free = new();

    public static PipeBufferPool Ingest { get; } = new();

    public override int MaxBufferSize => BlockSize;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize > BlockSize)
        {
            // Not asked for by pipes built with BlockSize segments; served, but not kept.
            return new Block(null, new byte[minBufferSize]);
        }

        lock (gate)
        {
            if (free.TryPop(out var block))
            {
                block.Rented = true;
                return block;
            }
        }

        return new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize)) { Rented = true };
    }

    protected override void Dispose(bool disposing)
    {
        // Shared for the life of the process.
    }

    private void Return(Block block)
    {
        lock (gate)
        {
            // A second Dispose of the same owner must not hand the block to two renters.
            if (block.Rented)
            {
                block.Rented = false;
                free.Push(block);
            }
        }
    }

    private sealed class Block(PipeBufferPool? pool, byte[] array) : IMemoryOwner<byte>
    {
        public bool Rented { get; set; }

        public Memory<byte> Memory => array;

        public void Dispose() => pool?.Return(this);
    }
}
