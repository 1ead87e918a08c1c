using System.Threading.Channels;

namespace Pdc.Host.Commands;

/// <summary>
/// Event lines for stdout from code that runs on read loops (simulated PMUs answering commands, a capture
/// server's clients), which with inline socket completions are the runtime's epoll threads: the lines are queued
/// and written by a task of their own, so a console that does not keep up (a paused terminal, a pipe nobody
/// drains) never holds a socket. Past <see cref="QueueLines"/> waiting, new lines are dropped, and how many is
/// written (at the next line written) once the console catches up.
/// </summary>
internal sealed class ConsoleLines : IAsyncDisposable
{
    /// <summary>As many lines as the log holds for a slow console.</summary>
    public const int QueueLines = ConsoleLogging.QueueLines;

    // What is still queued at the end gets this long to reach a console that may never take it.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Channel<string> queue = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueLines) { SingleReader = true });
    private readonly TextWriter output;
    private readonly Task writing;
    private long dropped;

    public ConsoleLines(TextWriter output)
    {
        this.output = output;
        writing = Task.Run(WriteAsync);
    }

    /// <summary>Queues <paramref name="line"/>; never waits.</summary>
    public void WriteLine(string line)
    {
        if (!queue.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await writing.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The console took nothing more: the process is ending anyway.
        }
    }

    private async Task WriteAsync()
    {
        await foreach (var line in queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            await SayDroppedAsync().ConfigureAwait(false);
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        await SayDroppedAsync().ConfigureAwait(false);
    }

    private async Task SayDroppedAsync()
    {
        var lost = Interlocked.Exchange(ref dropped, 0);
        if (lost > 0)
        {
            await output.WriteLineAsync($"({lost} line(s) dropped while the console fell behind)").ConfigureAwait(false);
        }
    }
}
