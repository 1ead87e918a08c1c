using Microsoft.Extensions.Logging;
using Pdc.Replay.Recording;

namespace Pdc.Host.Runtime;

/// <summary>
/// A recording for the life of a command (<c>--record</c>): started before the runtime, so that it sees the first
/// connection, and disposed after it, writing what is queued and saying what it holds.
/// </summary>
internal sealed class RecordingSession : IAsyncDisposable
{
    private readonly RecorderOptions options;
    private readonly ILogger log;

    private RecordingSession(RecorderOptions options, ILogger log)
    {
        this.options = options;
        this.log = log;
        Recorder = new CaptureRecorder(options);
    }

    public CaptureRecorder Recorder { get; }

    /// <summary>Starts recording when <paramref name="options"/> ask for it; null otherwise.</summary>
    public static RecordingSession? Start(RecorderOptions? options, ILogger log)
    {
        if (options is null)
        {
            return null;
        }

        var rotation = options.RotateBytes is { } bytes ? $", a new file every {bytes:N0} bytes"
            : options.RotateAfter is { } after ? $", a new file every {after}" : string.Empty;
        RuntimeLog.Recording(log, options.RecordSent ? "receives and sends" : "receives", options.Directory, rotation);
        return new RecordingSession(options, log);
    }

    public async ValueTask DisposeAsync()
    {
        await Recorder.DisposeAsync().ConfigureAwait(false);
        if (Recorder.Error is { } error)
        {
            RuntimeLog.RecordingFailed(log, error.Message);
        }

        RuntimeLog.Recorded(log, Recorder.Files.Count, options.Directory, Recorder.RecordedChunks, Recorder.DroppedChunks);
    }
}
