using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Pdc.Protocol.Tests.Support;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Properties;

/// <summary>How bytes are cut into segments, or when they arrive, never changes what is decoded.</summary>
public sealed class FrameBoundaryPropertyTests
{
    [Fact]
    public void Stream_SplitIntoTwoSegmentsAtEveryByte_DecodesIdentically()
    {
        // Every split of every sample: small samples, each still a few hundred splits.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), Prop.ForAll(SampleStream.SmallGen.ToArbitrary(), sample =>
        {
            var expected = StreamOutcome.Decode(new ReadOnlySequence<byte>(sample.Bytes));

            // A clean stream: nothing is cut away (data frames after a CFG-1 are refused for want of a CFG-2, rightly).
            Assert.DoesNotContain(expected, e => e.StartsWith("Rejected Bad", StringComparison.Ordinal));
            for (var cut = 1; cut < sample.Bytes.Length; cut++)
            {
                Assert.Equal(expected, StreamOutcome.Decode(SegmentedSequence.Split(sample.Bytes, cut)));
            }
        }));
    }

    [Fact]
    public void Stream_OneBytePerSegment_DecodesIdentically()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(SampleStream.Gen.ToArbitrary(), sample =>
        {
            var expected = StreamOutcome.Decode(new ReadOnlySequence<byte>(sample.Bytes));
            Assert.Equal(expected, StreamOutcome.Decode(SegmentedSequence.OneBytePerSegment(sample.Bytes)));
        }));
    }

    [Fact]
    public void Stream_ArrivingInRandomChunks_DecodesIdentically()
    {
        var cases = from sample in SampleStream.Gen
                    from seed in Gen.Choose(int.MinValue, int.MaxValue)
                    select (sample, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var expected = StreamOutcome.Decode(new ReadOnlySequence<byte>(c.sample.Bytes)).Where(o => !o.StartsWith("need more", StringComparison.Ordinal));
            Assert.Equal(expected, DecodeAsItArrives(c.sample.Bytes, new Random(c.seed)));
        }));
    }

    [Fact]
    public void Stream_GarbageWithoutSyncBeforeAndBetweenFrames_IsSkippedAndEveryFrameDecodes()
    {
        var cases = from sample in SampleStream.Gen
                    from seed in Gen.Choose(int.MinValue, int.MaxValue)
                    select (sample, seed);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var random = new Random(c.seed);
            var expected = StreamOutcome.Decode(new ReadOnlySequence<byte>(c.sample.Bytes)).Where(IsFrame).ToList();
            var (dirty, garbage) = WithGarbageWithoutSync(c.sample, random);
            var decoder = new StreamDecoder();
            var outcome = StreamOutcome.Decode(new ReadOnlySequence<byte>(dirty), decoder);
            Assert.Equal(expected, outcome.Where(IsFrame));
            Assert.Equal(garbage, decoder.Rejections.BytesOf(FrameRejection.BadSync));
            Assert.Equal(0, decoder.Rejections[FrameRejection.BadCrc] + decoder.Rejections[FrameRejection.BadSize]);
        }));
    }

    [Fact]
    public void Stream_AnyGarbageBeforeFrames_ResynchronizesOnTheFramesBehindIt()
    {
        var cases = from sample in SampleStream.Gen
                    from garbage in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
                    select (sample, garbage);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var expected = StreamOutcome.Decode(new ReadOnlySequence<byte>(c.sample.Bytes)).Where(IsFrame).ToList();

            // Garbage may hold a SYNC word and a FRAMESIZE up to 65535: the padding behind gives the reader the
            // bytes it waits for, after which that false frame's CHK fails and the reader moves on.
            var dirty = c.garbage.Concat(c.sample.Bytes).Concat(new byte[ushort.MaxValue]).ToArray();
            var outcome = StreamOutcome.Decode(new ReadOnlySequence<byte>(dirty)).Where(IsFrame).ToList();
            Assert.Equal(expected, outcome.TakeLast(expected.Count));
        }));
    }

    private static bool IsFrame(string outcome) => !outcome.StartsWith("Rejected", StringComparison.Ordinal) && !outcome.StartsWith("need more", StringComparison.Ordinal);

    /// <summary>Feeds the bytes in random chunks, reading frames after each, as a pipe reader would.</summary>
    private static List<string> DecodeAsItArrives(byte[] bytes, Random random)
    {
        var decoder = new StreamDecoder();
        var outcome = new List<string>();
        var consumed = 0;
        var received = 0;
        while (received < bytes.Length)
        {
            received = Math.Min(bytes.Length, received + random.Next(1, 64));
            var chunks = new List<ReadOnlyMemory<byte>>();
            for (var at = consumed; at < received; at += 16)
            {
                chunks.Add(bytes.AsMemory(at, Math.Min(16, received - at)));
            }

            var buffer = SegmentedSequence.Create(chunks);
            while (decoder.TryReadFrame(ref buffer, out var frame) is var status && status != FrameReadStatus.NeedMoreData)
            {
                outcome.Add(StreamOutcome.Describe(status, frame));
            }

            consumed = received - (int)buffer.Length;
        }

        Assert.Equal(bytes.Length, consumed);
        return outcome;
    }

    private static (byte[] Bytes, long Garbage) WithGarbageWithoutSync(SampleStream sample, Random random)
    {
        var result = new List<byte>();
        long garbage = 0;
        var starts = sample.FrameStarts.Append(sample.Bytes.Length).ToList();
        for (var f = 0; f < starts.Count - 1; f++)
        {
            for (var n = random.Next(3) == 0 ? 0 : random.Next(1, 40); n > 0; n--, garbage++)
            {
                var b = (byte)random.Next(256);
                result.Add(b == FrameHeader.SyncByte ? (byte)0x55 : b);
            }

            result.AddRange(sample.Bytes.AsSpan(starts[f], starts[f + 1] - starts[f]));
        }

        return (result.ToArray(), garbage);
    }
}
