using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pdc.Capture;
using Pdc.Protocol;
using Pdc.Replay.Recording;
using Pdc.Replay.Tests.Support;
using Pdc.Streaming.Recording;
using Pdc.Testing;

namespace Pdc.Replay.Tests.Recording;

public sealed class CaptureRecorderTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"pdc-record-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task RotatedBySize_EveryFileDecodesOnItsOwn_AndTogetherTheyHoldEveryFrameOnce()
    {
        const string capture = "C37.118_4in1PMU_TCP.pcap";
        var connection = new TrafficConnection("input upstream PDC: tcp 192.168.0.60:4712 (primary)", ProtocolType.Tcp, IPEndPoint.Parse("192.168.0.10:10470"), IPEndPoint.Parse("192.168.0.60:4712"));
        var recorder = new CaptureRecorder(new RecorderOptions { Directory = directory, RotateBytes = 64 * 1024, RecordSent = true });
        await using (recorder)
        {
            // Chunks of odd sizes, so that files end in the middle of frames, as reads from a socket do.
            var sizes = new Random(7);
            foreach (var (time, bytes, fromDevice) in Payloads(capture, connection.Remote.Port))
            {
                if (!fromDevice)
                {
                    recorder.Sent(connection, time, bytes);
                    continue;
                }

                for (var offset = 0; offset < bytes.Length;)
                {
                    var length = Math.Min(sizes.Next(1, 1500), bytes.Length - offset);
                    recorder.Received(connection, time, new ReadOnlySequence<byte>(bytes, offset, length));
                    offset += length;
                }
            }
        }

        Assert.InRange(recorder.Files.Count, 8, 40);
        Assert.Equal(0, recorder.DroppedChunks);
        var values = new List<(long, string)>();
        var commands = 0;
        foreach (var file in recorder.Files)
        {
            var (data, config2, rejected, commandFrames) = Decode(file);
            Assert.True(config2 > 0, $"{Path.GetFileName(file)} holds no CFG-2");
            Assert.True(data.Count > 0, $"{Path.GetFileName(file)} holds no data frame");
            Assert.Equal(0, rejected);
            values.AddRange(data);
            commands += commandFrames;
        }

        Assert.Equal(DirectDecode.DataFrames(SharedFiles.Capture(capture)), values);
        Assert.Equal(8, commands);
    }

    [Fact]
    public async Task RotatedByTime_UdpFilesAreNamedByTheirStart_AndEachStartsWithTheConfig()
    {
        const string capture = "C37.118_1PMU_UDP.pcap";
        var connection = new TrafficConnection("input PMU: udp 127.0.0.1:4713", ProtocolType.Udp, IPEndPoint.Parse("192.168.0.10:4712"), IPEndPoint.Parse("192.168.0.60:4713"));
        var recorder = new CaptureRecorder(new RecorderOptions { Directory = directory, RotateAfter = TimeSpan.FromSeconds(2) });
        var firstTime = 0L;
        await using (recorder)
        {
            foreach (var (time, bytes, fromDevice) in Payloads(capture, connection.Remote.Port))
            {
                if (fromDevice)
                {
                    firstTime = firstTime == 0 ? time : firstTime;
                    recorder.Received(connection, time, new ReadOnlySequence<byte>(bytes));
                }
            }
        }

        // 7.1 s of capture: files at 0, 2, 4 and 6 s.
        Assert.Equal(4, recorder.Files.Count);
        var start = DateTime.UnixEpoch.AddTicks(firstTime / 100);
        Assert.Equal($"pdc-{start.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture)}.pcapng", Path.GetFileName(recorder.Files[0]));
        var values = new List<(long, string)>();
        foreach (var file in recorder.Files)
        {
            var (data, config2, rejected, _) = Decode(file);
            Assert.Equal(1, config2);
            Assert.Equal(0, rejected);
            values.AddRange(data);
        }

        Assert.Equal(DirectDecode.DataFrames(SharedFiles.Capture(capture)), values);
    }

    [Fact]
    public async Task Received_CopiesAndQueues_WithoutAllocatingOnTheCallersThread()
    {
        var connection = new TrafficConnection("input test", ProtocolType.Tcp, IPEndPoint.Parse("127.0.0.1:50000"), IPEndPoint.Parse("127.0.0.1:4712"));
        var bytes = new ReadOnlySequence<byte>(new byte[300]);
        await using var recorder = new CaptureRecorder(new RecorderOptions { Directory = directory });
        for (var i = 0; i < 200; i++)
        {
            recorder.Received(connection, i, bytes);
        }

        // Once the writer has caught up, every buffer is back in the recorder's pool.
        while (recorder.QueuedChunks > 0)
        {
            await Task.Delay(10);
        }

        await Task.Delay(100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            recorder.Received(connection, 200 + i, bytes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task WriterFallingBehind_DropsNewChunksAndCountsThem_InsteadOfBlocking()
    {
        var connection = new TrafficConnection("input test", ProtocolType.Tcp, IPEndPoint.Parse("127.0.0.1:50000"), IPEndPoint.Parse("127.0.0.1:4712"));
        var bytes = new ReadOnlySequence<byte>(new byte[1000]);
        await using var recorder = new CaptureRecorder(new RecorderOptions { Directory = directory, QueueChunks = 1 });
        for (var i = 0; i < 20_000; i++)
        {
            recorder.Received(connection, i, bytes);
        }

        Assert.True(recorder.DroppedChunks > 0);
        Assert.Equal(20_000, recorder.RecordedChunks + recorder.DroppedChunks);
        Assert.Equal(recorder.DroppedChunks * 1000, recorder.DroppedBytes);
    }

    /// <summary>The payloads of a capture, in order, each with its time and whether the device (the given port) sent it.</summary>
    private static List<(long Time, byte[] Bytes, bool FromDevice)> Payloads(string capture, int devicePort)
    {
        var payloads = new List<(long, byte[], bool)>();
        using var reader = CaptureFile.Open(SharedFiles.Capture(capture));
        foreach (var payload in reader.ReadPayloads())
        {
            payloads.Add((payload.TimestampNanoseconds!.Value, payload.Data.ToArray(), payload.Flow.SourcePort == devicePort));
        }

        return payloads;
    }

    private static (List<(long, string)> Data, int Config2, long Rejected, int Commands) Decode(string file)
    {
        var data = new List<(long, string)>();
        var config2 = 0;
        var commands = 0;
        var decoder = new CaptureStreamDecoder();
        using (var reader = CaptureFile.Open(file))
        {
            decoder.Run(reader, (_, _, frame) =>
            {
                if (frame.Data is { } values)
                {
                    data.Add((values.Timestamp.ToUnixNanoseconds(values.Config.TimeBase), FrameValues.Of(values)));
                }

                config2 += frame.Config is { Type: FrameType.Config2 } ? 1 : 0;
                commands += frame.Command is not null ? 1 : 0;
            });
            Assert.Null(reader.Error);
        }

        return (data, config2, decoder.Flows.Sum(f => f.Decoder.Rejections.Total), commands);
    }
}
