using Pdc.Capture.Tests.Support;

namespace Pdc.Capture.Tests;

public class TcpReassemblyTests
{
    private const uint ClientIsn = 1000;
    private const uint ServerIsn = 5000;

    private readonly Conversation conversation = new();

    [Fact]
    public void Tcp_HandshakeThenDataBothWays_EachDirectionIsItsOwnFlowInSequenceOrder()
    {
        var request = Conversation.Bytes(18, seed: 1);
        var reply = Conversation.Bytes(300, seed: 2);
        var frames = Handshake().Concat(
        [
            conversation.FromClient(ClientIsn + 1, request),
            conversation.FromServer(ServerIsn + 1, reply[..100]),
            conversation.FromServer(ServerIsn + 101, reply[100..]),
            conversation.FromClient(ClientIsn + 19, [], TcpFlags.Fin | TcpFlags.Ack),
            conversation.FromServer(ServerIsn + 301, [], TcpFlags.Fin | TcpFlags.Ack),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Null(result.Error);
        Assert.Equal([conversation.ClientToServer, conversation.ServerToClient], result.Flows);
        Assert.Equal(request, result.StreamOf(conversation.ClientToServer));
        Assert.Equal(reply, result.StreamOf(conversation.ServerToClient));
        Assert.All(result.Payloads, p => Assert.Equal(0, p.GapBytesBefore));
        Assert.Equal(2, result.Statistics.Flows);
        Assert.Equal(0, result.Statistics.TcpGaps);
    }

    [Fact]
    public void Tcp_ExactRetransmission_DeliveredOnceAndCounted()
    {
        var data = Conversation.Bytes(100);
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 1, data[..50]),
            conversation.FromServer(ServerIsn + 1, data[..50]),
            conversation.FromServer(ServerIsn + 51, data[50..]),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal(data, result.StreamOf(conversation.ServerToClient));
        Assert.Equal(1, result.Statistics.TcpRetransmissions);
        Assert.Equal(50, result.Statistics.TcpRetransmittedBytes);
    }

    [Fact]
    public void Tcp_OverlappingRetransmission_DeliversOnlyTheNewBytes()
    {
        var data = Conversation.Bytes(100);
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 1, data[..40]),
            conversation.FromServer(ServerIsn + 21, data[20..70]),
            conversation.FromServer(ServerIsn + 71, data[70..]),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal(data, result.StreamOf(conversation.ServerToClient));
        Assert.Equal([40, 30, 30], result.Payloads.Select(p => p.Data.Length));
        Assert.Equal(20, result.Statistics.TcpRetransmittedBytes);
        Assert.Equal(0, result.Statistics.TcpRetransmissions);
    }

    [Fact]
    public void Tcp_OverlappingRetransmission_FileOffsetPointsAtTheFirstNewByte()
    {
        var data = Conversation.Bytes(100);
        var capture = TestCaptures.PcapNg(LinkType.Ethernet, Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 1, data[..40]),
            conversation.FromServer(ServerIsn + 21, data[20..70]),
        ]));

        var result = ReadResult.Of(capture);

        Assert.All(result.Payloads, p => Assert.Equal(p.Data, capture.AsSpan((int)p.FileOffset, p.Data.Length).ToArray()));
    }

    [Fact]
    public void Tcp_OutOfOrderSegments_DeliveredInSequenceOrderWithTheirOwnTimestamps()
    {
        var data = Conversation.Bytes(90);
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 61, data[60..]),
            conversation.FromServer(ServerIsn + 31, data[30..60]),
            conversation.FromServer(ServerIsn + 1, data[..30]),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal(data, result.StreamOf(conversation.ServerToClient));
        Assert.Equal([6L, 5, 4], result.Payloads.Select(p => p.PacketNumber));
        Assert.Equal([6L, 5, 4], result.Payloads.Select(p => (p.TimestampNanoseconds!.Value - TestCaptures.Start) / 1_000_000 + 1));
        Assert.Equal(2, result.Statistics.TcpOutOfOrderSegments);
        Assert.Equal(0, result.Statistics.TcpGaps);
    }

    [Fact]
    public void Tcp_OutOfOrderCopiesOverlappingEachOther_FirstBufferedCopyWins()
    {
        var data = Conversation.Bytes(100);
        var conflicting = data[40..80].Select(b => (byte)~b).ToArray();
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 51, data[50..70]),
            conversation.FromServer(ServerIsn + 41, conflicting),
            conversation.FromServer(ServerIsn + 71, data[70..]),
            conversation.FromServer(ServerIsn + 1, data[..40]),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        byte[] expected = [.. data[..40], .. conflicting[..10], .. data[50..70], .. conflicting[30..], .. data[80..]];
        Assert.Equal(expected, result.StreamOf(conversation.ServerToClient));
        Assert.Equal(0, result.Statistics.TcpGaps);
    }

    [Fact]
    public void Tcp_LostSegmentNeverRetransmitted_AtEndOfFileDeliversWhatFollowsWithTheGap()
    {
        var data = Conversation.Bytes(100);
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 1, data[..20]),
            conversation.FromServer(ServerIsn + 51, data[50..]),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Null(result.Error);
        Assert.Equal([.. data[..20], .. data[50..]], result.StreamOf(conversation.ServerToClient));
        Assert.Equal([0L, 30], result.Payloads.Select(p => p.GapBytesBefore));
        Assert.Equal(1, result.Statistics.TcpGaps);
        Assert.Equal(30, result.Statistics.TcpGapBytes);
    }

    [Fact]
    public void Tcp_LostSegment_OnceTheBufferLimitIsReachedWhatFollowsComesWithoutWaitingForTheEnd()
    {
        var options = new CaptureReaderOptions { MaxOutOfOrderBytesPerFlow = 1000 };
        var udp = new Conversation();
        var frames = new List<byte[]>(Handshake()) { conversation.FromServer(ServerIsn + 1, Conversation.Bytes(100)) };

        // Bytes 100..199 are lost; twenty 100-byte segments follow, then a UDP datagram marks the end.
        for (var i = 2; i < 22; i++)
        {
            frames.Add(conversation.FromServer(ServerIsn + 1 + (uint)(100 * i), Conversation.Bytes(100, seed: 100 * i)));
        }

        frames.Add(udp.Framer.FrameUdp(udp.Server, udp.Client, [1, 2, 3]));

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames), options);

        var tcp = result.Payloads.Where(p => p.Flow == conversation.ServerToClient).ToList();
        Assert.Equal(21, tcp.Count);
        Assert.Equal(100, tcp[1].GapBytesBefore);
        Assert.Equal(Conversation.Bytes(2000, seed: 200), tcp.Skip(1).SelectMany(p => p.Data));
        Assert.Equal(TransportProtocol.Udp, result.Payloads[^1].Flow.Transport);
        Assert.Equal(1, result.Statistics.TcpBufferLimitHits);
        Assert.Equal(100, result.Statistics.TcpGapBytes);
    }

    [Fact]
    public void Tcp_ManyTinyOutOfOrderSegments_ChargedAtLeastTheSegmentOverheadEach()
    {
        var options = new CaptureReaderOptions { MaxOutOfOrderBytesPerFlow = 10 * CaptureReaderOptions.SegmentOverhead };
        var frames = new List<byte[]>(Handshake());
        for (var i = 1; i <= 11; i++)
        {
            frames.Add(conversation.FromServer(ServerIsn + 1 + (uint)(2 * i), [(byte)i]));
        }

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames), options);

        Assert.Equal(1, result.Statistics.TcpBufferLimitHits);
        Assert.Equal(11, result.Statistics.TcpGaps);
    }

    [Fact]
    public void Tcp_SequenceNumbersWrapPast2To32_StreamContinues()
    {
        const uint isn = uint.MaxValue - 40;
        var data = Conversation.Bytes(120);
        var frames = new[]
        {
            conversation.FromServer(isn, [], TcpFlags.Syn),
            conversation.FromServer(isn + 1, data[..30]),
            conversation.FromServer(unchecked(isn + 61), data[60..90]),
            conversation.FromServer(unchecked(isn + 31), data[30..60]),
            conversation.FromServer(unchecked(isn + 31), data[30..60]),
            conversation.FromServer(unchecked(isn + 91), data[90..]),
        };

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal(data, result.StreamOf(conversation.ServerToClient));
        Assert.Equal(1, result.Statistics.TcpRetransmissions);
        Assert.Equal(0, result.Statistics.TcpGaps);
    }

    [Fact]
    public void Tcp_CaptureStartsMidSession_FirstSegmentSeenStartsTheStream()
    {
        var data = Conversation.Bytes(60);
        var frames = new[]
        {
            conversation.FromServer(777_777, data[..30]),
            conversation.FromServer(777_807, data[30..]),
            conversation.FromServer(777_777, data[..30]),
        };

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal(data, result.StreamOf(conversation.ServerToClient));
        Assert.Equal(1, result.Statistics.TcpRetransmissions);
    }

    [Fact]
    public void Tcp_SynSeenAfterMidSessionData_DoesNotRestartTheStream()
    {
        var data = Conversation.Bytes(60);
        var frames = new[]
        {
            conversation.FromServer(ServerIsn + 1, data[..30]),
            conversation.FromServer(ServerIsn, [], TcpFlags.Syn | TcpFlags.Ack),
            conversation.FromServer(ServerIsn + 31, data[30..]),
        };

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal(data, result.StreamOf(conversation.ServerToClient));
    }

    [Fact]
    public void Tcp_ResetWhileSegmentsWait_DeliversThemAtTheResetWithTheGap()
    {
        var data = Conversation.Bytes(100);
        var udp = new Conversation();
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 1, data[..10]),
            conversation.FromServer(ServerIsn + 51, data[50..]),
            conversation.FromClient(ClientIsn + 1, [], TcpFlags.Rst),
            udp.Framer.FrameUdp(udp.Server, udp.Client, [9]),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal([.. data[..10], .. data[50..]], result.StreamOf(conversation.ServerToClient));
        Assert.Equal(40, result.Payloads[1].GapBytesBefore);
        Assert.Equal(TransportProtocol.Udp, result.Payloads[^1].Flow.Transport);
    }

    [Fact]
    public void Tcp_NewConnectionReusesThePorts_SecondStreamFollowsTheFirst()
    {
        var first = Conversation.Bytes(40, seed: 1);
        var second = Conversation.Bytes(40, seed: 2);
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 1, first),
            conversation.FromServer(ServerIsn + 41, [], TcpFlags.Fin | TcpFlags.Ack),
            conversation.FromServer(90_000, [], TcpFlags.Syn | TcpFlags.Ack),
            conversation.FromServer(90_001, second),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal([.. first, .. second], result.StreamOf(conversation.ServerToClient));
        Assert.Equal(0, result.Statistics.TcpGaps);
    }

    [Fact]
    public void Tcp_FinAfterMissingTail_CountsTheTrailingGap()
    {
        var data = Conversation.Bytes(100);
        var frames = Handshake().Concat(
        [
            conversation.FromServer(ServerIsn + 1, data[..60]),
            conversation.FromServer(ServerIsn + 101, [], TcpFlags.Fin | TcpFlags.Ack),
        ]);

        var result = ReadResult.Of(TestCaptures.PcapNg(LinkType.Ethernet, frames));

        Assert.Equal(data[..60], result.StreamOf(conversation.ServerToClient));
        Assert.Equal(40, result.Statistics.TcpGapBytes);
    }

    [Fact]
    public void Tcp_SegmentCutBySnapLength_NextPayloadReportsTheCutBytesAsGap()
    {
        var data = Conversation.Bytes(200);
        var cut = conversation.FromServer(ServerIsn + 1, data[..100]);
        var capture = TestCaptures.PcapNg(writer =>
        {
            var id = writer.AddInterface(LinkType.Ethernet, snapLength: cut.Length - 30);
            writer.WritePacket(id, TestCaptures.Start, cut.AsSpan(0, cut.Length - 30), cut.Length);
            writer.WritePacket(id, TestCaptures.Start + 1, conversation.FromServer(ServerIsn + 101, data[100..]));
        });

        var result = ReadResult.Of(capture);

        Assert.Equal([.. data[..70], .. data[100..]], result.StreamOf(conversation.ServerToClient));
        Assert.Equal([0L, 30], result.Payloads.Select(p => p.GapBytesBefore));
        Assert.Equal(30, result.Statistics.TcpGapBytes);
    }

    private IEnumerable<byte[]> Handshake() =>
    [
        conversation.FromClient(ClientIsn, [], TcpFlags.Syn),
        conversation.FromServer(ServerIsn, [], TcpFlags.Syn | TcpFlags.Ack),
        conversation.FromClient(ClientIsn + 1, [], TcpFlags.Ack),
    ];
}
