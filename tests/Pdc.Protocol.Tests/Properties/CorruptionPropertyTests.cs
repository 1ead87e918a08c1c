using System.Buffers;
using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Pdc.Protocol.Tests.Support;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Properties;

/// <summary>
/// Whatever happens to the bytes, decoding never throws, never goes round without consuming (StreamOutcome
/// bounds the calls by the length) and never hands out a frame whose CHK is wrong (StreamOutcome checks each
/// against the reference CRC).
/// </summary>
public sealed class CorruptionPropertyTests
{
    private enum Damage
    {
        FlipBit,
        OverwriteByte,
        InsertBytes,
        DeleteBytes,
        Truncate,
        SmallFrameSize,
        HugeFrameSize,

        /// <summary>A byte changed inside a frame whose CHK is then recomputed, so the parsers behind the CRC see it.</summary>
        ResealedByte,

        /// <summary>A count field (or any 16 bits) set to a large value, CHK recomputed.</summary>
        ResealedWord,
    }

    [Fact]
    public void Stream_RandomlyDamaged_NeverThrowsLoopsOrYieldsABadFrame()
    {
        var cases = from sample in SampleStream.Gen
                    from damages in Gen.Elements(Enum.GetValues<Damage>()).NonEmptyListOf()
                    from seed in Gen.Choose(int.MinValue, int.MaxValue)
                    select (sample, damages, seed);
        long parsedButRefused = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var bytes = c.sample.Bytes.ToList();
            var starts = c.sample.FrameStarts;
            foreach (var damage in c.damages.Take(6))
            {
                Apply(damage, bytes, starts, random);
            }

            var damaged = bytes.ToArray();
            var decoder = new StreamDecoder();
            StreamOutcome.Decode(new ReadOnlySequence<byte>(damaged), decoder);
            StreamOutcome.Decode(SegmentedSequence.Split(damaged, Cuts(damaged.Length, random)));
            parsedButRefused += decoder.Rejections[FrameRejection.Malformed] + decoder.Rejections[FrameRejection.ConfigMismatch];
        }));

        // The resealed damage got past CHK into the parsers, which refused it rather than throwing.
        Assert.True(parsedButRefused > 0, "no damage reached the parsers behind CHK");
    }

    [Fact]
    public void FrameReader_RandomBytes_NeverThrowsLoopsOrYieldsABadFrame()
    {
        var bytes = Gen.Frequency((1, Gen.Constant(FrameHeader.SyncByte)), (1, Gen.Elements<byte>(0x01, 0x31, 0x00, 0x12)), (6, Gen.Choose(0, 255).Select(b => (byte)b))).ArrayOf();
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), Prop.ForAll(bytes.ToArbitrary(), data =>
        {
            var reader = new FrameReader();
            var buffer = new ReadOnlySequence<byte>(data);
            for (var calls = 0; reader.TryReadFrame(ref buffer, out var frame) is var status && status != FrameReadStatus.NeedMoreData; calls++)
            {
                Assert.True(calls < data.Length, "more calls than bytes");
                Assert.True(status != FrameReadStatus.Frame || ReferenceCrc.IsValid(frame.Bytes), "a frame with a wrong CHK");
            }
        }));
    }

    [Fact]
    public void WholeFrameRead_AtEveryOffsetOfADamagedStream_AgreesWithTheSequenceRead()
    {
        var cases = from sample in SampleStream.Gen
                    from damage in Gen.Elements(Enum.GetValues<Damage>())
                    from seed in Gen.Choose(int.MinValue, int.MaxValue)
                    select (sample, damage, seed);
        var wholeFrames = 0;
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bytes = c.sample.Bytes.ToList();
            Apply(c.damage, bytes, c.sample.FrameStarts, new Random(c.seed));
            var damaged = bytes.ToArray();
            var reader = new FrameReader();
            for (var offset = 0; offset < damaged.Length; offset++)
            {
                var sequence = new ReadOnlySequence<byte>(damaged, offset, damaged.Length - offset);
                var status = reader.TryReadFrame(ref sequence, out var expected);
                var expectedBytes = status == FrameReadStatus.Frame ? expected.Bytes.ToArray() : null;
                var whole = reader.TryReadWholeFrame(damaged.AsSpan(offset), out var frame);

                // The sequence read yields a frame only from its very start (garbage is skipped in a call of its
                // own): that frame is exactly the whole-frame read's; anything refused is left to the sequence read.
                Assert.Equal(expectedBytes is not null, whole);
                if (whole)
                {
                    Assert.Equal(expectedBytes, frame.Bytes.ToArray());
                    wholeFrames++;
                }
            }
        }));

        Assert.True(wholeFrames > 0, "no whole frame was read");
    }

    private static void Apply(Damage damage, List<byte> bytes, IReadOnlyList<int> starts, Random random)
    {
        if (bytes.Count == 0)
        {
            return;
        }

        var at = random.Next(bytes.Count);
        var frame = starts[random.Next(starts.Count)];
        switch (damage)
        {
            case Damage.FlipBit:
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case Damage.OverwriteByte:
                bytes[at] = (byte)random.Next(256);
                break;
            case Damage.InsertBytes:
                bytes.InsertRange(at, Enumerable.Range(0, random.Next(1, 20)).Select(_ => (byte)random.Next(256)));
                break;
            case Damage.DeleteBytes:
                bytes.RemoveRange(at, Math.Min(bytes.Count - at, random.Next(1, 20)));
                break;
            case Damage.Truncate:
                bytes.RemoveRange(at, bytes.Count - at);
                break;
            case Damage.SmallFrameSize:
                SetWord(bytes, frame + 2, random.Next(FrameHeader.MinimumFrameSize));
                break;
            case Damage.HugeFrameSize:
                SetWord(bytes, frame + 2, random.Next(1000, ushort.MaxValue + 1));
                break;
            case Damage.ResealedByte:
                Reseal(bytes, frame, f => f[random.Next(FrameHeader.Size, Math.Max(FrameHeader.Size + 1, f.Length - 2))] = (byte)random.Next(256));
                break;
            case Damage.ResealedWord:
                Reseal(bytes, frame, f => BinaryPrimitives.WriteUInt16BigEndian(
                    f.AsSpan(random.Next(FrameHeader.Size, Math.Max(FrameHeader.Size + 1, f.Length - 3))), (ushort)random.Next(0xFF00, 0x10000)));
                break;
        }
    }

    /// <summary>Changes a frame's body (if the frame is still where it was and whole) and recomputes its CHK.</summary>
    private static void Reseal(List<byte> bytes, int start, Action<byte[]> change)
    {
        if (start + FrameHeader.MinimumFrameSize + 2 > bytes.Count)
        {
            return;
        }

        var size = (bytes[start + 2] << 8) | bytes[start + 3];
        if (size < FrameHeader.MinimumFrameSize + 2 || start + size > bytes.Count)
        {
            return;
        }

        var frame = bytes.GetRange(start, size).ToArray();
        change(frame);
        ReferenceCrc.Seal(frame);
        for (var i = 0; i < size; i++)
        {
            bytes[start + i] = frame[i];
        }
    }

    private static void SetWord(List<byte> bytes, int at, int value)
    {
        if (at + 1 < bytes.Count)
        {
            bytes[at] = (byte)(value >> 8);
            bytes[at + 1] = (byte)value;
        }
    }

    private static int[] Cuts(int length, Random random) =>
        Enumerable.Range(0, random.Next(0, 8)).Select(_ => random.Next(1, Math.Max(2, length))).Where(c => c < length).Distinct().Order().ToArray();
}
