using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pdc.Protocol;

/// <summary>
/// CRC-16/CCITT-FALSE by carry-less multiplication, after Intel's "Fast CRC Computation for Generic
/// Polynomials Using PCLMULQDQ Instruction" (Gopal et al., 2009), non-reflected variant.
/// </summary>
/// <remarks>
/// <para>
/// Read the message as a polynomial M(x) over GF(2) whose first bit is its highest coefficient. With the
/// incoming register added to the first 16 bits, the CRC is M(x)·x^16 mod P(x). Only the residue mod P
/// matters, so a 128-bit block A followed by n more bits can be replaced by A·x^n mod P, taken as
/// A_hi·(x^(n+64) mod P) + A_lo·(x^n mod P): two 64×16-bit carry-less products that fit in 128 bits.
/// Adding that to the block n bits later ("folding") leaves one 128-bit block, which the end reduces to
/// 16 bits (a last fold and a Barrett reduction). A tail under 16 bytes is shifted in with PSHUFB.
/// </para>
/// <para>
/// Blocks are byte-reversed on load so that the first byte is the top of the 128-bit lane. Eight
/// independent lanes (128 bytes a step) hide the multiply latency on long inputs; on short ones each block
/// is carried to the end by its own constant, so that the multiplications do not wait for each other.
/// </para>
/// </remarks>
internal static class Crc16CcittFolding
{
    /// <summary>P(x) with its x^16 term.</summary>
    private const uint FullPolynomial = 0x10000u | Crc16Ccitt.Polynomial;

    /// <summary>Inputs with at least this many whole blocks' bytes use eight lanes; shorter ones only <see cref="BlockPowers"/>.</summary>
    private const int LanesThreshold = 256;

    /// <summary>
    /// Entry k is (x^(128k) mod P, x^(128k+64) mod P), for k below LanesThreshold / 16: it carries a block
    /// over the k blocks after it. Entry 0 leaves the block as it is, only reduced below 80 bits.
    /// </summary>
    private static readonly Vector128<ulong>[] BlockPowers =
        [.. Enumerable.Range(0, LanesThreshold / 16).Select(k => FoldConstants(128 * k))];

    /// <summary>(x^1024 mod P, x^1088 mod P): carries a lane over the other seven (8 × 128 bits).</summary>
    private static readonly Vector128<ulong> Fold1024 = FoldConstants(1024);

    /// <summary>(x^512 mod P, x^576 mod P): carries four blocks over the next four.</summary>
    private static readonly Vector128<ulong> Fold512 = FoldConstants(512);

    /// <summary>(x^256 mod P, x^320 mod P): carries two blocks over the next two.</summary>
    private static readonly Vector128<ulong> Fold256 = FoldConstants(256);

    /// <summary>(x^128 mod P, x^192 mod P): carries a block over the next one.</summary>
    private static readonly Vector128<ulong> Fold128 = FoldConstants(128);

    /// <summary>
    /// (x^16 mod P, x^80 mod P): A·x^16 mod P for the last block A, as a polynomial of degree below 80,
    /// which Barrett then reduces.
    /// </summary>
    private static readonly Vector128<ulong> Fold16 = FoldConstants(16);

    /// <summary>
    /// (floor(x^80 / P) without its x^64 term, P without its x^16 term): Barrett reduction of a
    /// polynomial of degree below 80 modulo P. The dropped terms are added back as plain XORs.
    /// </summary>
    private static readonly Vector128<ulong> Barrett = Vector128.Create(BarrettQuotient(), Crc16Ccitt.Polynomial);

    /// <summary>
    /// PSHUFB controls that move bytes up a lane by t (index 16 - t) or take the t bytes that leave the top
    /// (index 32 - t); 0x80 writes zero. The top bit also marks, for the blend, the t bytes freed at the bottom.
    /// </summary>
    private static ReadOnlySpan<byte> ShiftMasks =>
    [
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
    ];

    public static bool IsSupported => Pclmulqdq.IsSupported && Sse41.IsSupported;

    /// <summary>Same result as <see cref="Crc16Ccitt.Update"/>; needs <see cref="IsSupported"/> and 16 bytes or more.</summary>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        Debug.Assert(IsSupported && data.Length >= 16, "Folding needs SSE4.1, PCLMULQDQ and at least one block.");

        ref var source = ref MemoryMarshal.GetReference(data);
        var end = (nuint)data.Length & ~(nuint)15;

        // The incoming register is added to the first 16 bits of the message: the top of block 0.
        var x = Load(ref source, 0) ^ Vector128.Create(0, (ulong)crc << 48);
        nuint offset = 16;

        if (end >= LanesThreshold)
        {
            var x1 = Load(ref source, 16);
            var x2 = Load(ref source, 32);
            var x3 = Load(ref source, 48);
            var x4 = Load(ref source, 64);
            var x5 = Load(ref source, 80);
            var x6 = Load(ref source, 96);
            var x7 = Load(ref source, 112);
            for (offset = 128; end - offset >= 128; offset += 128)
            {
                x = Fold(x, Fold1024) ^ Load(ref source, offset);
                x1 = Fold(x1, Fold1024) ^ Load(ref source, offset + 16);
                x2 = Fold(x2, Fold1024) ^ Load(ref source, offset + 32);
                x3 = Fold(x3, Fold1024) ^ Load(ref source, offset + 48);
                x4 = Fold(x4, Fold1024) ^ Load(ref source, offset + 64);
                x5 = Fold(x5, Fold1024) ^ Load(ref source, offset + 80);
                x6 = Fold(x6, Fold1024) ^ Load(ref source, offset + 96);
                x7 = Fold(x7, Fold1024) ^ Load(ref source, offset + 112);
            }

            // The lanes hold consecutive blocks: merge neighbours pairwise, a chain of three folds, not seven.
            var y0 = Fold(x, Fold128) ^ x1;
            var y1 = Fold(x2, Fold128) ^ x3;
            var y2 = Fold(x4, Fold128) ^ x5;
            var y3 = Fold(x6, Fold128) ^ x7;
            var z0 = Fold(y0, Fold256) ^ y1;
            var z1 = Fold(y2, Fold256) ^ y3;
            x = Fold(z0, Fold512) ^ z1;
        }

        // The blocks left (fewer than LanesThreshold / 16) are carried to the end each by its own distance,
        // so their multiplications overlap instead of forming a chain: short frames are latency-bound.
        ref var powers = ref MemoryMarshal.GetArrayDataReference(BlockPowers);
        x = Fold(x, Unsafe.Add(ref powers, (end - offset) / 16));
        for (; offset < end; offset += 16)
        {
            x ^= Fold(Load(ref source, offset), Unsafe.Add(ref powers, ((end - offset) / 16) - 1));
        }

        var tail = (nuint)data.Length - end;
        if (tail != 0)
        {
            // X followed by a tail of t bytes is X·x^(8t) + tail. Shift X up t bytes, put the tail (from an
            // overlapping load of the last 16 bytes) in the bytes that frees, and fold back what spilled over.
            ref var masks = ref MemoryMarshal.GetReference(ShiftMasks);
            var up = Vector128.LoadUnsafe(ref masks, 16 - tail);
            var spill = Vector128.LoadUnsafe(ref masks, 32 - tail);
            var last = Load(ref source, (nuint)data.Length - 16).AsByte();
            var low = Sse41.BlendVariable(Ssse3.Shuffle(x.AsByte(), up), last, up);
            x = Fold(Ssse3.Shuffle(x.AsByte(), spill).AsUInt64(), Fold128) ^ low.AsUInt64();
        }

        return Reduce(x);
    }

    /// <summary>A·x^16 mod P for a 128-bit block A: the register after the block, from a zero register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Reduce(Vector128<ulong> x)
    {
        // T = A·x^16 mod P up to multiples of P, degree below 80.
        var t = Fold(x, Fold16);

        // Barrett: quotient q = floor(floor(T / x^16)·floor(x^80 / P) / x^64), exact over GF(2) for
        // degree below 80. The x^64 term of the reciprocal contributes floor(T / x^16) itself.
        var high = Sse2.ShiftRightLogical128BitLane(t, 2);
        var product = Pclmulqdq.CarrylessMultiply(high, Barrett, 0x00);
        var quotient = high ^ Sse2.ShiftRightLogical128BitLane(product, 8);

        // T - q·P has degree below 16, so only the low 16 bits of q·P matter, and the x^16 term of P
        // does not reach them.
        var remainder = t ^ Pclmulqdq.CarrylessMultiply(quotient, Barrett, 0x10);
        return (ushort)remainder.ToScalar();
    }

    /// <summary>A_lo·k_lo + A_hi·k_hi: the block carried forward by the distance the constants encode.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> x, Vector128<ulong> constants) =>
        Pclmulqdq.CarrylessMultiply(x, constants, 0x00) ^ Pclmulqdq.CarrylessMultiply(x, constants, 0x11);

    /// <summary>16 bytes as a 128-bit polynomial, first byte highest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ref byte source, nuint offset) =>
        Ssse3.Shuffle(
            Vector128.LoadUnsafe(ref source, offset),
            Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)).AsUInt64();

    /// <summary>(x^n mod P, x^(n+64) mod P) for the low and high halves of a block carried n bits.</summary>
    private static Vector128<ulong> FoldConstants(int n) => Vector128.Create(XPowerModP(n), XPowerModP(n + 64));

    private static ulong XPowerModP(int n)
    {
        var r = 1u;
        for (var i = 0; i < n; i++)
        {
            r <<= 1;
            if ((r & 0x10000) != 0)
            {
                r ^= FullPolynomial;
            }
        }

        return r;
    }

    /// <summary>floor(x^80 / P) by long division; 65 bits, returned without the x^64 term.</summary>
    private static ulong BarrettQuotient()
    {
        var remainder = UInt128.One << 80;
        var quotient = 0UL;
        for (var bit = 64; bit >= 0; bit--)
        {
            if (((remainder >> (bit + 16)) & UInt128.One) != UInt128.Zero)
            {
                remainder ^= (UInt128)FullPolynomial << bit;
                quotient |= bit < 64 ? 1UL << bit : 0;
            }
        }

        return quotient;
    }
}
