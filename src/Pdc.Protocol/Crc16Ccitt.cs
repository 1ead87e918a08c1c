using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pdc.Protocol;

/// <summary>
/// CRC-CCITT as C37.118 defines it for CHK: polynomial 0x1021, initial value 0xFFFF, no reflection,
/// no final XOR (the catalogue name is CRC-16/CCITT-FALSE).
/// </summary>
/// <remarks>
/// On x86 with PCLMULQDQ, inputs of 16 bytes or more (every frame) use carry-less-multiply folding
/// (<see cref="Crc16CcittFolding"/>); shorter inputs and other CPUs use slicing-by-16 tables.
/// </remarks>
public static class Crc16Ccitt
{
    public const ushort InitialValue = 0xFFFF;

    /// <summary>The generator polynomial P(x) without its x^16 term.</summary>
    internal const ushort Polynomial = 0x1021;

    /// <summary>
    /// Inputs at least this long take the folding path when the CPU has it. Folding needs one whole block,
    /// and from there on it is at least as fast as slicing (FoldingThresholdBenchmarks: even at 16 bytes,
    /// about twice as fast at 100).
    /// </summary>
    internal const int FoldingThreshold = 16;

    private const int SliceCount = 16;

    /// <summary>
    /// Slicing tables, 256 entries per slice: entry [k * 256 + b] is b(x)·x^(16 + 8k) mod P, the CRC
    /// contribution of byte b followed by k zero bytes. Slice 0 is the classic byte-at-a-time table.
    /// </summary>
    private static readonly ushort[] Tables = BuildTables();

    public static ushort Compute(ReadOnlySpan<byte> data) => Update(InitialValue, data);

    public static ushort Compute(in ReadOnlySequence<byte> data)
    {
        if (data.IsSingleSegment)
        {
            return Compute(data.FirstSpan);
        }

        var crc = InitialValue;
        foreach (var segment in data)
        {
            crc = Update(crc, segment.Span);
        }

        return crc;
    }

    public static ushort Update(ushort crc, ReadOnlySpan<byte> data) =>
        UsesFolding(data.Length) ? Crc16CcittFolding.Update(crc, data) : UpdateSlicing(crc, data);

    /// <summary>Whether <see cref="Update"/> takes the folding path for this length on this CPU.</summary>
    internal static bool UsesFolding(int length) => length >= FoldingThreshold && Crc16CcittFolding.IsSupported;

    /// <summary>The table path, for any length and any CPU.</summary>
    internal static ushort UpdateSlicing(ushort crc, ReadOnlySpan<byte> data)
    {
        ref var table = ref MemoryMarshal.GetArrayDataReference(Tables);
        ref var source = ref MemoryMarshal.GetReference(data);
        var length = (nuint)data.Length;
        nuint i = 0;

        // The register meets only the first two bytes of a block, so only two of the sixteen lookups
        // wait for the previous block: the other fourteen overlap with it.
        for (; length - i >= 16; i += 16)
        {
            ref var block = ref Unsafe.Add(ref source, i);
            var rest = Lookup(ref table, 13, ref block, 2) ^ Lookup(ref table, 12, ref block, 3)
                ^ Lookup(ref table, 11, ref block, 4) ^ Lookup(ref table, 10, ref block, 5)
                ^ Lookup(ref table, 9, ref block, 6) ^ Lookup(ref table, 8, ref block, 7)
                ^ Lookup(ref table, 7, ref block, 8) ^ Lookup(ref table, 6, ref block, 9)
                ^ Lookup(ref table, 5, ref block, 10) ^ Lookup(ref table, 4, ref block, 11)
                ^ Lookup(ref table, 3, ref block, 12) ^ Lookup(ref table, 2, ref block, 13)
                ^ Lookup(ref table, 1, ref block, 14) ^ Lookup(ref table, 0, ref block, 15);
            crc = (ushort)(Head(ref table, 15, ref block, crc) ^ rest);
        }

        if (length - i >= 8)
        {
            ref var block = ref Unsafe.Add(ref source, i);
            var rest = Lookup(ref table, 5, ref block, 2) ^ Lookup(ref table, 4, ref block, 3)
                ^ Lookup(ref table, 3, ref block, 4) ^ Lookup(ref table, 2, ref block, 5)
                ^ Lookup(ref table, 1, ref block, 6) ^ Lookup(ref table, 0, ref block, 7);
            crc = (ushort)(Head(ref table, 7, ref block, crc) ^ rest);
            i += 8;
        }

        if (length - i >= 4)
        {
            ref var block = ref Unsafe.Add(ref source, i);
            crc = (ushort)(Head(ref table, 3, ref block, crc) ^ Lookup(ref table, 1, ref block, 2) ^ Lookup(ref table, 0, ref block, 3));
            i += 4;
        }

        for (; i < length; i++)
        {
            crc = (ushort)((crc << 8) ^ Unsafe.Add(ref table, (byte)((crc >> 8) ^ Unsafe.Add(ref source, i))));
        }

        return crc;
    }

    /// <summary>The entry in slice <paramref name="slice"/> for byte <paramref name="offset"/> of the block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Lookup(ref ushort table, nuint slice, ref byte block, nuint offset) =>
        Unsafe.Add(ref table, (slice * 256) + Unsafe.Add(ref block, offset));

    /// <summary>The entries for the first two bytes of the block, which the register is added to.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Head(ref ushort table, nuint slice, ref byte block, ushort crc) =>
        Unsafe.Add(ref table, (slice * 256) + (byte)((crc >> 8) ^ block))
        ^ Unsafe.Add(ref table, ((slice - 1) * 256) + (byte)(crc ^ Unsafe.Add(ref block, 1)));

    private static ushort[] BuildTables()
    {
        var table = new ushort[SliceCount * 256];
        for (var b = 0; b < 256; b++)
        {
            var crc = (ushort)(b << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ Polynomial) : (ushort)(crc << 1);
            }

            table[b] = crc;
        }

        // One more zero byte after the entry of the slice before.
        for (var slice = 1; slice < SliceCount; slice++)
        {
            for (var b = 0; b < 256; b++)
            {
                var previous = table[((slice - 1) * 256) + b];
                table[(slice * 256) + b] = (ushort)((previous << 8) ^ table[previous >> 8]);
            }
        }

        return table;
    }
}
