using Pdc.Protocol;
using Pdc.Replay.Tests.Support;
using Pdc.Streaming.Ingest;
using Pdc.Testing;

namespace Pdc.Replay.Tests.Serving;

/// <summary>The real ingest, connecting as a TCP client with its handshake, reads a served capture as it would the PMU.</summary>
public sealed class IngestFromServedCaptureTests
{
    private sealed class ValueSink(int expected) : IFrameSink
    {
        private readonly Lock gate = new();
        private readonly List<string> values = [];

        public TaskCompletionSource AllArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Values
        {
            get
            {
                lock (gate)
                {
                    return [.. values];
                }
            }
        }

        public void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds)
        {
            lock (gate)
            {
                values.Add(FrameValues.Of(frame));
                if (values.Count == expected)
                {
                    AllArrived.TrySetResult();
                }
            }
        }
    }

    [Fact]
    public async Task IngestTcpClient_ReceivesEveryFrameOfTheServedCapture_WithTheValuesOfAnOfflineDecode()
    {
        const string capture = "C37.118_1PMU_UDP.pcap";
        await using var server = CaptureServerTests.Serve(capture, double.PositiveInfinity);
        var stream = server.Streams[0];
        var options = new IngestOptions();
        var input = new InputOptions { Name = "replayed PMU", IdCode = stream.IdCode };
        input.Endpoints.Add(new EndpointOptions { Mode = ConnectionMode.TcpClient, RemoteHost = "127.0.0.1", RemotePort = stream.TcpEndPoint.Port });
        options.Inputs.Add(input);
        var sink = new ValueSink(356);

        await using (var ingest = new IngestService(options, sink))
        {
            ingest.Start();
            await sink.AllArrived.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }

        Assert.Equal(DirectDecode.DataFrames(SharedFiles.Capture(capture)).Select(f => f.Values), sink.Values);
    }
}
