using System.Buffers;
using Pdc.Protocol.Tests.Support;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Captures;

/// <summary>
/// gsf_framecapture.PmuCapture is GSF's raw recording of a PMU's data frames, with no config and no pcap framing;
/// decoded with the CFG-2 that gsf_framecapture_with_cfg2.pcap carries, it must give the pcap's data frames.
/// </summary>
public sealed class GsfRawStreamTests
{
    private const int DataFrames = 494;

    [Fact]
    public void RawStream_DecodedWithThePcapsConfig_EqualsThePcapsDataFrames()
    {
        var pcapStream = CapturePayloads.ReadStreams(SharedFiles.Capture("gsf_framecapture_with_cfg2.pcap")).Values.Single();
        var fromPcap = Decode(new StreamDecoder(), pcapStream, out var config);
        Assert.NotNull(config);

        var raw = new StreamDecoder();
        raw.UseConfig(config);
        var fromRaw = Decode(raw, File.ReadAllBytes(SharedFiles.Capture("gsf_framecapture.PmuCapture")), out _);

        Assert.Equal(DataFrames, fromPcap.Count);
        Assert.Equal(DataFrames, fromRaw.Count);
        for (var i = 0; i < DataFrames; i++)
        {
            DataFrameAssert.Equal(fromPcap[i], fromRaw[i]);
        }
    }

    private static List<DataFrame> Decode(StreamDecoder decoder, byte[] bytes, out ConfigFrame? config)
    {
        config = null;
        var frames = new List<DataFrame>();
        var buffer = new ReadOnlySequence<byte>(bytes);
        while (decoder.TryReadFrame(ref buffer, out var frame) is var status && status != FrameReadStatus.NeedMoreData)
        {
            Assert.Equal(FrameReadStatus.Frame, status);
            config ??= frame.Config;
            if (frame.Data is { } data)
            {
                frames.Add(DataFrameSnapshot.Of(data));
            }
        }

        Assert.True(buffer.IsEmpty);
        return frames;
    }
}
