using Pdc.Testing;

namespace Pdc.Capture.Tests.Allocation;

/// <summary>
/// Reading and decoding a capture allocates per file and per flow, never per packet: the 4-PMU capture's
/// 1,032 packets and 1,342 data frames, read a second time through the same decoder, cost a few hundred bytes.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class ReaderAllocationTests
{
    [Fact]
    public void ReadingAndDecodingACapturedTcpStream_AllocatesNothingPerPacket()
    {
        var bytes = File.ReadAllBytes(SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap"));
        var decoder = new CaptureStreamDecoder();
        long dataFrames = 0;
        void OnFrame(CaptureFlow flow, long? nanoseconds, Pdc.Protocol.DecodedFrame frame) => dataFrames += frame.Data is null ? 0 : 1;
        CaptureFrameHandler handler = OnFrame;
        void ReadOnce()
        {
            using var reader = CaptureFile.Open(new MemoryStream(bytes, writable: false));
            decoder.Run(reader, handler);
        }

        ReadOnce();
        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadOnce();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(2 * 1342, dataFrames);
        Assert.True(allocated < 4096, $"{allocated} bytes allocated reading {bytes.Length} bytes of capture");
    }
}

[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;
