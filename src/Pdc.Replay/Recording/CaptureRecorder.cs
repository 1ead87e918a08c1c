using System.Buffers;
using System.Threading.Channels;
using Pdc.Streaming.Recording;

namespace Pdc.Replay.Recording;

/// <summary>
/// Records Pdc's traffic as pcapng, so that the next incident can be replayed: what it received (and, if asked,
/// what it sent), with real arrival times. The read loops only copy their bytes into a pooled buffer and queue
/// it, without allocating or waiting; a thread of its own writes the files, and when it falls behind (a slow
/// disk) the queue drops new chunks and counts them rather than ever holding up ingest.
/// </summary>
public sealed class CaptureRecorder : ITrafficRecorder, IAsyncDisposable
{
    // A pool of its own: buffers rented on the read loops come back on the writer's thread, which the shared
    // pool's per-thread caches do not carry over. Chunks larger than this are rare (a read is a few kB) and allocate.
    private const int PooledChunkBytes = 64 * 1024;
    private const int PooledBuffersPerSize = 256;

    private readonly ArrayPool<byte> buffers = ArrayPool<byte>.Create(PooledChunkBytes, PooledBuffersPerSize);
    private readonly RecorderOptions options;
    private readonly Channel<TrafficChunk> queue;
    private readonly RecordingWriter writer;
    private readonly Thread thread;
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock filesGate = new();
    private string[] files = [];
    private long recordedChunks;
    private long droppedChunks;
    private long droppedBytes;
    private volatile Exception? error;

    public CaptureRecorder(RecorderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        Directory.CreateDirectory(options.Directory);
        queue = Channel.CreateBounded<TrafficChunk>(new BoundedChannelOptions(options.QueueChunks)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        writer = new RecordingWriter(options);
        thread = new Thread(WriteLoop) { IsBackground = true, Name = "pdc recorder" };
        thread.Start();
    }

    /// <summary>The files begun so far, oldest first.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (filesGate)
            {
                return files;
            }
        }
    }

    /// <summary>Chunks of bytes queued for writing.</summary>
    public long RecordedChunks => Interlocked.Read(ref recordedChunks);

    /// <summary>Chunks lost because the writer fell behind (or failed); the recording has a gap where each was.</summary>
    public long DroppedChunks => Interlocked.Read(ref droppedChunks);

    public long DroppedBytes => Interlocked.Read(ref droppedBytes);

    /// <summary>Why writing stopped (a full disk, no permission); null while it works.</summary>
    public Exception? Error => error;

    /// <summary>Chunks waiting for the writer.</summary>
    internal int QueuedChunks => queue.Reader.Count;

    public void Received(TrafficConnection connection, long arrivalNanoseconds, in ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        var length = (int)bytes.Length;
        var buffer = buffers.Rent(length);
        bytes.CopyTo(buffer);
        Queue(new TrafficChunk(connection, Sent: false, arrivalNanoseconds, buffer, length));
    }

    public void Sent(TrafficConnection connection, long sentNanoseconds, ReadOnlySpan<byte> bytes)
    {
        if (!options.RecordSent || bytes.IsEmpty)
        {
            return;
        }

        var buffer = buffers.Rent(bytes.Length);
        bytes.CopyTo(buffer);
        Queue(new TrafficChunk(connection, Sent: true, sentNanoseconds, buffer, bytes.Length));
    }

    /// <summary>Writes what is queued, closes the file and stops the thread.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await finished.Task.ConfigureAwait(false);
    }

    private void Queue(TrafficChunk chunk)
    {
        if (error is null && queue.Writer.TryWrite(chunk))
        {
            Interlocked.Increment(ref recordedChunks);
            return;
        }

        buffers.Return(chunk.Buffer);
        Interlocked.Increment(ref droppedChunks);
        Interlocked.Add(ref droppedBytes, chunk.Length);
    }

    private void WriteLoop()
    {
        var reader = queue.Reader;
        try
        {
            // Waiting only when the queue is empty, and flushing then, so that a burst is written in one go.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var chunk))
                {
                    Write(chunk);
                }

                Flush();
            }
        }
        finally
        {
            Close();
            finished.TrySetResult();
        }
    }

    private void Write(in TrafficChunk chunk)
    {
        try
        {
            if (error is null)
            {
                writer.Write(chunk);
                PublishFiles();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e;
        }
        finally
        {
            buffers.Return(chunk.Buffer);
        }
    }

    private void Flush()
    {
        try
        {
            writer.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error ??= e;
        }
    }

    private void Close()
    {
        try
        {
            writer.Dispose();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error ??= e;
        }
    }

    private void PublishFiles()
    {
        if (writer.Files.Count != files.Length)
        {
            lock (filesGate)
            {
                files = [.. writer.Files];
            }
        }
    }
}
