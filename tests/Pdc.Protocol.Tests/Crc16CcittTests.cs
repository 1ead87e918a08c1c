using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Pdc.Protocol.Tests;

public sealed class Crc16CcittTests
{
    // Frames from ../shared/captures/C37.118_1PMU_UDP.pcap (frames 1, 5 and 3), CHK excluded; the CRCs are
    // the CHK fields that follow them there, which Wireshark's synphasor dissector reports as correct.
    private const string CommandFrame = "aa410012003c4899909a00342ed50001";

    private const string DataFrame =
        "aa010030003c489337430008d9a0000042c827b9bfc89ec242c7e4794027ad2742c805113f06beb0000000000000";

    private const string ConfigFrame2 =
        "aa310176003c489337430007ef40000f42400001504d5531202020202020202020202020003d00070003000000015641"
        + "202020202020202020202020202056422020202020202020202020202020564320202020202020202020202020204469"
        + "67204368616e6e656c2031202020446967204368616e6e656c2032202020446967204368616e6e656c20332020204469"
        + "67204368616e6e656c2034202020446967204368616e6e656c2035202020446967204368616e6e656c20362020204469"
        + "67204368616e6e656c2037202020446967204368616e6e656c2038202020446967204368616e6e656c20392020204469"
        + "67204368616e6e656c2031302020446967204368616e6e656c2031312020446967204368616e6e656c20313220204469"
        + "67204368616e6e656c2031332020446967204368616e6e656c2031342020446967204368616e6e656c20313520204469"
        + "67204368616e6e656c2031362020000004c4000004c4000004c400000000000100010032";

    /// <summary>
    /// The definition, one bit at a time: each message bit, most significant first, enters the top of a
    /// 16-bit shift register; when the bit shifted out differs from it, the register is XORed with 0x1021.
    /// </summary>
    private static ushort Reference(ushort crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                var feedback = ((crc >> 15) ^ (b >> bit)) & 1;
                crc = (ushort)(crc << 1);
                if (feedback != 0)
                {
                    crc ^= 0x1021;
                }
            }
        }

        return crc;
    }

    private static ushort Reference(ReadOnlySpan<byte> data) => Reference(Crc16Ccitt.InitialValue, data);

    private static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Fact]
    public void CheckValue_Is0x29B1()
    {
        var message = Encoding.ASCII.GetBytes("123456789");

        Assert.Equal(0x29B1, Reference(message));
        Assert.Equal(0x29B1, Crc16Ccitt.Compute(message));
        Assert.Equal(0x29B1, Crc16Ccitt.Compute(new ReadOnlySequence<byte>(message)));
    }

    [Fact]
    public void Compute_EveryLengthUpTo1024_MatchesReference()
    {
        var data = RandomBytes(1024, seed: 1);
        for (var length = 0; length <= data.Length; length++)
        {
            var slice = data.AsSpan(0, length);
            Assert.True(Reference(slice) == Crc16Ccitt.Compute(slice), $"length {length}");
        }
    }

    [Fact]
    public void Update_EveryLengthUpTo1024_FromAnyRegister_MatchesReference()
    {
        var data = RandomBytes(1024, seed: 2);
        var random = new Random(3);
        for (var length = 0; length <= data.Length; length++)
        {
            var crc = (ushort)random.Next(0x10000);
            var slice = data.AsSpan(0, length);
            Assert.True(Reference(crc, slice) == Crc16Ccitt.Update(crc, slice), $"length {length}, register {crc:X4}");
        }
    }

    [Fact]
    public void SlicingPath_EveryLengthUpTo1024_MatchesReference()
    {
        var data = RandomBytes(1024, seed: 4);
        for (var length = 0; length <= data.Length; length++)
        {
            var slice = data.AsSpan(0, length);
            Assert.True(Reference(slice) == Crc16Ccitt.UpdateSlicing(Crc16Ccitt.InitialValue, slice), $"length {length}");
        }
    }

    [Fact]
    public void FoldingPath_IsTaken_WhenTheCpuHasCarrylessMultiply()
    {
        var hasClmul = Pclmulqdq.IsSupported && Sse41.IsSupported;

        Assert.Equal(hasClmul, Crc16CcittFolding.IsSupported);
        Assert.Equal(hasClmul, Crc16Ccitt.UsesFolding(Crc16Ccitt.FoldingThreshold));
        Assert.Equal(hasClmul, Crc16Ccitt.UsesFolding(18)); // the shortest frame
        Assert.Equal(hasClmul, Crc16Ccitt.UsesFolding(100));
        Assert.Equal(hasClmul, Crc16Ccitt.UsesFolding(65536));
        Assert.False(Crc16Ccitt.UsesFolding(Crc16Ccitt.FoldingThreshold - 1));
    }

    [Fact]
    public void FoldingPath_EveryLengthFrom16To2048_MatchesReference()
    {
        if (!Crc16CcittFolding.IsSupported)
        {
            return; // Nothing to prove on this CPU: Compute uses slicing only, which the other tests cover.
        }

        var data = RandomBytes(2048, seed: 5);
        var random = new Random(6);
        for (var length = 16; length <= data.Length; length++)
        {
            var crc = (ushort)random.Next(0x10000);
            var slice = data.AsSpan(0, length);
            Assert.True(Reference(crc, slice) == Crc16CcittFolding.Update(crc, slice), $"length {length}, register {crc:X4}");
        }
    }

    [Fact]
    public void Compute_RandomLengthsUpTo64K_MatchReference()
    {
        var random = new Random(7);
        var data = RandomBytes(65536, seed: 8);
        foreach (var length in new[] { 65536, 65535, 65536 - 127 })
        {
            Assert.Equal(Reference(data.AsSpan(0, length)), Crc16Ccitt.Compute(data.AsSpan(0, length)));
        }

        for (var i = 0; i < 40; i++)
        {
            var length = random.Next(data.Length + 1);
            var start = random.Next(data.Length - length + 1);
            var slice = data.AsSpan(start, length);
            Assert.True(Reference(slice) == Crc16Ccitt.Compute(slice), $"start {start}, length {length}");
        }
    }

    [Fact]
    public void Compute_EveryOffsetUpTo31_MatchesReference()
    {
        var data = RandomBytes(4096 + 32, seed: 9);
        int[] lengths = [0, 1, 2, 7, 8, 15, 16, 17, 31, 63, 64, 100, 127, 128, 129, 255, 256, 1000, 4096];
        for (var offset = 0; offset < 32; offset++)
        {
            foreach (var length in lengths)
            {
                var slice = data.AsSpan(offset, length);
                Assert.True(Reference(slice) == Crc16Ccitt.Compute(slice), $"offset {offset}, length {length}");
            }
        }
    }

    [Fact]
    public void Sequence_SplitAtRandomPoints_EqualsSingleSpan()
    {
        var property = Prop.ForAll<byte[], int[]>(
            (data, cuts) => Crc16Ccitt.Compute(Split(data, cuts)) == Reference(data));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(600), property);
    }

    [Fact]
    public void Sequence_LongInputManySegments_EqualsSingleSpan()
    {
        var random = new Random(10);
        var data = RandomBytes(16384, seed: 11);
        for (var i = 0; i < 50; i++)
        {
            var length = random.Next(data.Length + 1);
            var cuts = new int[random.Next(1, 40)];
            for (var c = 0; c < cuts.Length; c++)
            {
                cuts[c] = random.Next(length + 1);
            }

            var message = data.AsSpan(0, length);
            var sequence = Split(message.ToArray(), cuts);
            Assert.True(Reference(message) == Crc16Ccitt.Compute(sequence), $"length {length}, cuts {string.Join(',', cuts)}");
        }
    }

    [Fact]
    public void Update_ChainsAcrossAnySplit()
    {
        var property = Prop.ForAll<byte[], byte[]>(
            (a, b) => Crc16Ccitt.Compute([.. a, .. b]) == Crc16Ccitt.Update(Crc16Ccitt.Compute(a), b));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithEndSize(600), property);
    }

    [Theory]
    [InlineData(CommandFrame, 0x560B)]
    [InlineData(DataFrame, 0x1A9C)]
    [InlineData(ConfigFrame2, 0x81D2)]
    public void RealFrame_HasTheCrcOfItsChkField(string frameWithoutChk, int chk)
    {
        var frame = Convert.FromHexString(frameWithoutChk);

        Assert.Equal(chk, Reference(frame));
        Assert.Equal(chk, Crc16Ccitt.Compute(frame));
    }

    [Theory]
    [InlineData(CommandFrame, 0x560B)]
    [InlineData(DataFrame, 0x1A9C)]
    [InlineData(ConfigFrame2, 0x81D2)]
    public void RealFrame_WithItsChk_LeavesZero(string frameWithoutChk, int chk)
    {
        // No reflection and no final XOR: appending the CRC big-endian leaves a zero register.
        byte[] frame = [.. Convert.FromHexString(frameWithoutChk), (byte)(chk >> 8), (byte)chk];

        Assert.Equal(0, Crc16Ccitt.Compute(frame));
    }

    [Fact]
    public void Compute_4K_AllocatesNothing()
    {
        var data = RandomBytes(4096, seed: 12);
        var sequence = Split(data, [100, 1000, 2048, 3000]);
        var expected = Crc16Ccitt.Compute(data);
        Assert.Equal(expected, Crc16Ccitt.Compute(sequence)); // warm-up: tables built, methods compiled

        var before = GC.GetAllocatedBytesForCurrentThread();
        var crc = 0;
        for (var i = 0; i < 100; i++)
        {
            crc ^= Crc16Ccitt.Compute(data) ^ Crc16Ccitt.Compute(sequence);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(0, crc);
    }

    /// <summary>The data as a sequence cut at the given points (taken modulo its length + 1; repeats make empty segments).</summary>
    private static ReadOnlySequence<byte> Split(byte[] data, int[] cuts)
    {
        var points = cuts.Select(c => (int)((uint)c % (uint)(data.Length + 1))).Order().Append(data.Length).ToArray();
        var first = new Segment(data.AsMemory(0, points[0]), null);
        var last = first;
        for (var i = 1; i < points.Length; i++)
        {
            last = new Segment(data.AsMemory(points[i - 1], points[i] - points[i - 1]), last);
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
