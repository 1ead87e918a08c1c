using System.Buffers;
using Pdc.Protocol.Tests.Support;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Captures;

/// <summary>
/// Captures recorded from devices and tools we did not write (../shared/captures): every frame decodes, with the
/// frame counts tshark reports and, frame by frame, the values tshark shows. The TCP and UDP payloads come from
/// tshark itself; each direction is decoded as one byte stream, as a receiver would see it.
/// </summary>
public sealed class RealCaptureTests
{
    [Theory]
    [InlineData("C37.118_1PMU_TCP.pcap", 3, 1, 252)]
    [InlineData("C37.118_1PMU_UDP.pcap", 4, 1, 356)]
    [InlineData("C37.118_4in1PMU_TCP.pcap", 8, 3, 1342)]
    [InlineData("gsf_framecapture_with_cfg2.pcap", 0, 1, 494)]
    public void Capture_EveryFrame_DecodesAsTsharkShowsIt(string file, int commands, int configs, int dataFrames)
    {
        var path = SharedFiles.Capture(file);
        var dissected = Tshark.ReadPdml(path);
        Assert.All(dissected, f => Assert.True(f.ChecksumGood, $"{f}: CHK"));
        var tsharkByType = dissected.ToLookup(f => (FrameType)f.FrameType);
        Assert.Equal(commands, tsharkByType[FrameType.Command].Count());
        Assert.Equal(configs, tsharkByType[FrameType.Config2].Count());
        Assert.Equal(dataFrames, tsharkByType[FrameType.Data].Count());
        Assert.Equal(commands + configs + dataFrames, dissected.Count);

        var pending = Enum.GetValues<FrameType>().ToDictionary(t => t, t => new Queue<PdmlFrame>(tsharkByType[t]));
        foreach (var (flow, bytes) in CapturePayloads.ReadStreams(path))
        {
            var decoder = new StreamDecoder();
            var buffer = new ReadOnlySequence<byte>(bytes);
            while (decoder.TryReadFrame(ref buffer, out var frame) is var status && status != FrameReadStatus.NeedMoreData)
            {
                Assert.True(status == FrameReadStatus.Frame, $"{flow}: {frame.Rejection} at byte {bytes.Length - buffer.Length}");
                var type = frame.FrameHeader.Type;
                Assert.True(pending[type].TryDequeue(out var tshark), $"{flow}: more {type} frames than tshark shows");
                Check(tshark, frame);
            }

            Assert.True(buffer.IsEmpty, $"{flow}: {buffer.Length} bytes left undecoded");
        }

        Assert.All(pending, p => Assert.Empty(p.Value));
    }

    private static void Check(PdmlFrame tshark, DecodedFrame ours)
    {
        switch (ours.FrameHeader.Type)
        {
            case FrameType.Data:
                Assert.NotNull(ours.Data);
                TsharkDataAssert.Matches(tshark, ours.Data);
                break;
            case FrameType.Config2:
                Assert.NotNull(ours.Config);
                TsharkConfigAssert.Matches(tshark, ours.Config);
                break;
            case FrameType.Command:
                Assert.NotNull(ours.Command);
                TsharkHeaderAssert.Matches(tshark, FrameType.Command, ours.Command.Version, ours.Command.IdCode, ours.Command.Timestamp);
                Expect.Equal((long)ours.Command.Command, tshark.Root.Field("synphasor.command").ShowAsInteger, $"packet {tshark.PacketNumber} CMD");
                break;
            default:
                Assert.Fail($"packet {tshark.PacketNumber}: unexpected {ours.FrameHeader.Type}");
                break;
        }
    }
}
