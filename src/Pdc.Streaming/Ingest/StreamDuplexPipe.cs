using System.IO.Pipelines;
using System.Net.Sockets;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// A connection's stream seen as pipes. Built over any <see cref="Stream"/> (a NetworkStream today, an SslStream
/// around it tomorrow) so that TLS wraps the transport without touching the frame loop. Owns the stream.
/// </summary>
internal sealed class StreamDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    // Small segments: a PMU frame is tens to hundreds of bytes, and thousands of connections each hold one.
    private static readonly StreamPipeReaderOptions ReaderOptions =
        new(PipeBufferPool.Ingest, bufferSize: PipeBufferPool.BlockSize, minimumReadSize: 1024, leaveOpen: true);

    private static readonly StreamPipeWriterOptions WriterOptions = new(PipeBufferPool.Ingest, minimumBufferSize: PipeBufferPool.BlockSize, leaveOpen: true);

    private readonly Stream stream;

    public StreamDuplexPipe(Stream stream)
    {
        this.stream = stream;
        Input = PipeReader.Create(stream, ReaderOptions);
        Output = PipeWriter.Create(stream, WriterOptions);
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    /// <summary>The socket under the stream, when it is a network stream (to name the connection's ends).</summary>
    public Socket? Socket => (stream as NetworkStream)?.Socket;

    public async ValueTask DisposeAsync()
    {
        await Input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Nothing was left to flush that matters: the connection is gone.
        }

        await stream.DisposeAsync().ConfigureAwait(false);
    }
}
