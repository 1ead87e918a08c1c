using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Pdc.Capture.Tests.Support;

namespace Pdc.Capture.Tests;

public class TruncatedAndCorruptCaptureTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] Kinds = ["pcapng", "pcapng big-endian", "pcap", "pcap nanoseconds big-endian"];

    public static TheoryData<string> Captures() => [.. Kinds];

    /// <summary>Read from a stream and, the same bytes, in place from memory: the same payloads and the same error.</summary>
    [Theory]
    [MemberData(nameof(Captures))]
    public void TruncatedAtEveryByte_NeverThrows_ErrorAtTheCutStructure_EarlierPayloadsDelivered(string kind)
    {
        var capture = Build(kind);
        var full = ReadResult.Of(capture.Bytes);
        Assert.Null(full.Error);

        for (var length = 0; length <= capture.Bytes.Length; length++)
        {
            var result = ReadResult.Of(capture.Bytes[..length]);

            if (length < 4)
            {
                // Too short for a magic number: it reads as a raw byte stream.
                Assert.Equal(CaptureFormat.RawStream, result.Format);
                continue;
            }

            var complete = capture.PacketsWithin(length);
            var expected = full.Payloads.Where(p => p.PacketNumber <= complete).ToList();
            Assert.Equal(expected.Select(Describe), result.Payloads.Select(Describe));
            var inPlace = ReadResult.Of(CaptureFile.Open(capture.Bytes.AsMemory(0, length)));
            Assert.Equal(expected.Select(Describe), inPlace.Payloads.Select(Describe));
            Assert.Equal(result.Error, inPlace.Error);
            if (capture.StructureStarts.Contains(length))
            {
                Assert.Null(result.Error);
            }
            else
            {
                var cut = capture.StructureStarts.Last(start => start < length);
                Assert.True(result.Error is not null, $"no error when cut to {length} bytes");
                Assert.Equal(cut, result.Error.Offset);
                Assert.Contains($"offset {cut}", result.Error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void RandomCorruption_NeverThrowsNeverHangs_StaysBounded()
    {
        var captures = Kinds.Select(Build).ToArray();
        var property = Prop.ForAll(
            Arb.From(Gen.Choose(0, int.MaxValue)),
            seed =>
            {
                var random = new Random(seed);
                var original = captures[random.Next(captures.Length)].Bytes;
                var bytes = Corrupt(original, random);
                var nonSeekable = random.Next(2) == 0;
                var read = Task.Run(() =>
                {
                    var before = GC.GetAllocatedBytesForCurrentThread();
                    var reader = nonSeekable ? CaptureFile.Open(new NonSeekableStream(bytes, 1 + random.Next(100))) : CaptureFile.Open(new MemoryStream(bytes));
                    var result = ReadResult.Of(reader);
                    return (result, allocated: GC.GetAllocatedBytesForCurrentThread() - before);
                });
                Assert.True(read.Wait(ReadTimeout), $"reading seed {seed} took longer than {ReadTimeout}");
                var (result, allocated) = read.Result;
                Assert.True(result.Payloads.Sum(p => (long)p.Data.Length) <= bytes.Length, $"seed {seed}: more payload than file");
                Assert.True(allocated < 16 * 1024 * 1024, $"seed {seed}: allocated {allocated} bytes for a {bytes.Length}-byte file");
                Assert.True(result.Error is null || result.Error.Offset <= bytes.Length, $"seed {seed}: error offset past the end");
            });

        // Reads of a small file are quick, so many more cases than the default 100 fit.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BlockLengthNearTheLimitInATinyFile_TruncationErrorWithoutAllocatingTheLength(bool seekable)
    {
        var blocks = new PcapNgBlocks().Interface(LinkType.Raw);
        var offset = blocks.Length;
        var bytes = blocks.Block(PcapNgBlocks.EnhancedPacketType, new byte[60], declaredLength: 255 * 1024 * 1024).ToArray()[..(offset + 60)];

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = ReadResult.Of(seekable ? CaptureFile.Open(new MemoryStream(bytes)) : CaptureFile.Open(new NonSeekableStream(bytes)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal($"truncated block at offset {offset}: header says {255 * 1024 * 1024} bytes, 60 remain", result.Error!.Message);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnknownBlockLongerThanTheFile_SkipStopsWithATruncationError(bool seekable)
    {
        var blocks = new PcapNgBlocks().Interface(LinkType.Raw);
        var offset = blocks.Length;
        var bytes = blocks.Block(PcapNgBlocks.CustomType, new byte[40], declaredLength: 1024).ToArray();

        var result = ReadResult.Of(seekable ? CaptureFile.Open(new MemoryStream(bytes)) : CaptureFile.Open(new NonSeekableStream(bytes)));

        Assert.Equal($"truncated block at offset {offset}: header says 1024 bytes, 52 remain", result.Error!.Message);
    }

    [Fact]
    public void BlockLengthOverTheLimit_ErrorInsteadOfReading()
    {
        var blocks = new PcapNgBlocks().Interface(LinkType.Raw);
        var offset = blocks.Length;
        var bytes = blocks.Block(PcapNgBlocks.EnhancedPacketType, new byte[40], declaredLength: 0x7FFF_FFFC).ToArray();

        var result = ReadResult.Of(bytes);

        Assert.Equal(offset, result.Error!.Offset);
        Assert.Contains("invalid length of 2147483644 bytes", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonSeekableStreamInTinyReads_ReadsLikeAFile()
    {
        var capture = BoundedCapture.PcapNg().Bytes;

        var fromFile = ReadResult.Of(capture);
        var fromPipe = ReadResult.Of(CaptureFile.Open(new NonSeekableStream(capture, maxReadLength: 3)));

        Assert.Equal(fromFile.Payloads.Select(Describe), fromPipe.Payloads.Select(Describe));
    }

    private static BoundedCapture Build(string kind) => kind switch
    {
        "pcapng" => BoundedCapture.PcapNg(),
        "pcapng big-endian" => BoundedCapture.PcapNg(bigEndian: true),
        "pcap" => BoundedCapture.Pcap(),
        _ => BoundedCapture.Pcap(nanosecondTimestamps: true, bigEndian: true),
    };

    private static string Describe(ReadPayload payload) =>
        $"{payload.PacketNumber} {payload.Flow} {payload.TimestampNanoseconds} {payload.FileOffset} {payload.GapBytesBefore} {Convert.ToHexString(payload.Data)}";

    /// <summary>Overwrites random bytes, sometimes with a huge 32-bit value (a length field gone bad), and sometimes cuts the end.</summary>
    private static byte[] Corrupt(byte[] original, Random random)
    {
        var bytes = original.ToArray();
        var changes = 1 + random.Next(12);
        for (var i = 0; i < changes; i++)
        {
            var position = random.Next(bytes.Length - 4);
            if (random.Next(3) == 0)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(position), (uint)random.NextInt64(uint.MaxValue));
            }
            else
            {
                bytes[position] = (byte)random.Next(256);
            }
        }

        return random.Next(3) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
    }
}
