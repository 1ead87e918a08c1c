using Pdc.Protocol;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;
using Xunit.Abstractions;

namespace Pdc.Streaming.Tests.Ingest;

/// <summary>Alone in its collection: the allocation count is process-wide, so no other test may run beside it.</summary>
[CollectionDefinition(nameof(ZeroAllocationTests), DisableParallelization = true)]
public sealed class ZeroAllocationCollection;

[Collection(nameof(ZeroAllocationTests))]
public sealed class ZeroAllocationTests(ITestOutputHelper output)
{
    private const int WarmUp = 5_000;
    private const int Window = 10_000;
    private const int Windows = 3;

    [Fact]
    public async Task TcpIngest_TenThousandDataFramesIntoAnIdleSink_AllocateLessThanOneBytePerFrame()
    {
        // Process-wide counts include the test host's own threads, which now and then allocate a few kilobytes
        // (tiering, the runner); of three windows of 10,000 frames the quietest is judged, and every window is shown.
        var config = TestStreams.Config(91, phasors: 4);
        var frames = WarmUp + (Windows * Window) + 100;
        await using var pmu = new TestPmu(config) { Burst = [.. Enumerable.Range(0, frames).SelectMany(i => TestStreams.Data(config, 1_000_000 + i))] };
        var sink = new AllocationProbeSink(WarmUp, Window, Windows);
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("z", 91, TestStreams.TcpClient(pmu.ServeTcp().Port))), sink);
        ingest.Start();

        var windows = await sink.Done.Task.WaitAsync(TimeSpan.FromSeconds(30));

        output.WriteLine($"bytes allocated per window of {Window} frames: {string.Join(", ", windows)}");
        Assert.InRange(windows.Min() / (double)Window, 0, 1);
    }

    /// <summary>Does nothing with the frames; reads the process's allocated bytes at the start of each window and at its end.</summary>
    private sealed class AllocationProbeSink(int warmUp, int window, int windows) : IFrameSink
    {
        private readonly long[] allocated = new long[windows];
        private long frames;
        private long windowStart;

        public TaskCompletionSource<long[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds)
        {
            var count = ++frames - warmUp;
            if (count < 0 || count % window != 0)
            {
                return;
            }

            var now = GC.GetTotalAllocatedBytes(precise: true);
            var index = (int)(count / window) - 1;
            if (index >= 0 && index < windows)
            {
                allocated[index] = now - windowStart;
                if (index == windows - 1)
                {
                    Done.TrySetResult(allocated);
                }
            }

            windowStart = now;
        }
    }
}
