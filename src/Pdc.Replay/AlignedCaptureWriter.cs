using System.Buffers;
using System.Net;
using Pdc.Capture;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;

namespace Pdc.Replay;

/// <summary>
/// Records the concentrator's output as a pcapng of C37.118 over UDP (one frame per datagram, to port 4713 so
/// Wireshark dissects it as is): a CFG-2 first and after every layout change, then one data frame per aligned
/// instant, stamped with its publication time. Deterministic: the same frames give the same bytes.
/// </summary>
public sealed class AlignedCaptureWriter : IAlignedFrameConsumer, IDisposable
{
    private static readonly IPEndPoint Source = new(IPAddress.Loopback, 4712);
    private static readonly IPEndPoint Destination = new(IPAddress.Loopback, 4713);

    private readonly PcapNgWriter writer;
    private readonly PacketFramer framer = new(LinkType.Ethernet);
    private readonly ArrayBufferWriter<byte> frameBytes = new(4096);
    private readonly int interfaceId;
    private int generation = -1;

    public AlignedCaptureWriter(Stream output)
    {
        writer = new PcapNgWriter(output, application: "pdc replay");
        interfaceId = writer.AddInterface(LinkType.Ethernet, "pdc", "aligned output of the Pdc concentrator");
    }

    public long FramesWritten { get; private set; }

    public void Publish(AlignedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Layout.Generation != generation)
        {
            generation = frame.Layout.Generation;
            var layout = frame.Layout.Config;
            var config = new ConfigFrame(FrameType.Config2, layout.Version, layout.IdCode, frame.Values.Timestamp, layout.TimeBase, layout.Pmus, layout.DataRate);
            frameBytes.ResetWrittenCount();
            ConfigFrameWriter.WriteConfig12(frameBytes, config);
            Write(frame.PublishedNanoseconds);
        }

        frameBytes.ResetWrittenCount();
        DataFrameCodec.Write(frameBytes, frame.Values);
        Write(frame.PublishedNanoseconds);
        FramesWritten++;
    }

    private void Write(long timestampNanoseconds) =>
        writer.WritePacket(interfaceId, timestampNanoseconds, framer.FrameUdp(Source, Destination, frameBytes.WrittenSpan));

    public void Dispose() => writer.Dispose();
}
