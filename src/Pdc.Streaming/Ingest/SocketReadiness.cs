using System.Net.Sockets;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// Waits until a freshly accepted socket has bytes to read, with a zero-byte receive: no buffer is held while a
/// peer says nothing, and a peer that resets is reported as an error code, not thrown, so that a storm of
/// connections opened and dropped costs a few microseconds each rather than an exception through every await.
/// </summary>
internal static class SocketReadiness
{
    /// <summary>True when bytes wait to be read; false when the peer closed or reset, or the wait was aborted (socket disposed).</summary>
    public static async Task<bool> HasDataAsync(Socket socket)
    {
        using var receive = new SocketAsyncEventArgs();
        receive.SetBuffer(Memory<byte>.Empty);
        var completed = new TaskCompletionSource<SocketError>(TaskCreationOptions.RunContinuationsAsynchronously);
        receive.Completed += (_, e) => completed.TrySetResult(e.SocketError);
        if (!socket.ReceiveAsync(receive))
        {
            completed.TrySetResult(receive.SocketError);
        }

        var error = await completed.Task.ConfigureAwait(false);
        try
        {
            return error == SocketError.Success && socket.Available > 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }
}
