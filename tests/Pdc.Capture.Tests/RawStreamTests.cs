using Pdc.Capture.Tests.Support;
using Pdc.Testing;

namespace Pdc.Capture.Tests;

public class RawStreamTests
{
    [Fact]
    public void RawStream_PmuCaptureFile_OneRawFlowOfTheWholeFileWithoutTimestamps()
    {
        var path = SharedFiles.Capture("gsf_framecapture.PmuCapture");

        var result = ReadResult.Of(path);

        Assert.Equal(CaptureFormat.RawStream, result.Format);
        Assert.Null(result.Error);
        Assert.Equal(File.ReadAllBytes(path), result.StreamOf(FlowKey.Raw));
        Assert.All(result.Payloads, p => Assert.Null(p.TimestampNanoseconds));
        Assert.Equal(1, result.Statistics.Flows);
    }

    [Fact]
    public void RawStream_LargerThanOneChunk_ChunksFollowEachOtherInTheFile()
    {
        var bytes = Conversation.Bytes(200_000, seed: 7);

        var result = ReadResult.Of(bytes);

        Assert.True(result.Payloads.Count > 1);
        Assert.Equal(bytes, result.StreamOf(FlowKey.Raw));
        var expectedOffset = 0L;
        foreach (var payload in result.Payloads)
        {
            Assert.Equal(expectedOffset, payload.FileOffset);
            expectedOffset += payload.Data.Length;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void RawStream_EmptyOrShorterThanAMagic_ReadsAsRawWithoutError(int length)
    {
        var result = ReadResult.Of(new byte[length]);

        Assert.Equal(CaptureFormat.RawStream, result.Format);
        Assert.Null(result.Error);
        Assert.Equal(length, result.Payloads.Sum(p => p.Data.Length));
    }

    [Fact]
    public void ReadPayloads_Twice_Throws()
    {
        using var reader = CaptureFile.Open(new MemoryStream(new byte[10]));
        _ = reader.ReadPayloads().ToList();

        Assert.Throws<InvalidOperationException>(reader.ReadPayloads);
    }
}
