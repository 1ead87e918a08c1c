using Pdc.Host.Runtime;

namespace Pdc.Host.Commands;

/// <summary>
/// Event lines for stdout from code that runs on read loops (simulated PMUs answering commands, a capture
/// server's clients), which with inline socket completions are the runtime's epoll threads: the lines are queued
/// and written by a thread of their own, so a console that does not keep up (a paused terminal, a pipe nobody
/// drains) never holds a socket. Past <see cref="QueueLines"/> waiting, new lines are dropped, and how many is
/// written (at the next line written) once the console catches up.
/// </summary>
internal sealed class ConsoleLines : IAsyncDisposable
{
    /// <summary>As many lines as the log holds for a slow console.</summary>
    public const int QueueLines = ConsoleLogging.QueueLines;

    private readonly BackgroundQueue<string> queue;

    public ConsoleLines(TextWriter output)
    {
        queue = new BackgroundQueue<string>(
            QueueLines,
            output.WriteLine,
            lost => output.WriteLine($"({lost} line(s) dropped while the console fell behind)"),
            TimeSpan.FromSeconds(2));
    }

    /// <summary>Queues <paramref name="line"/>; never waits.</summary>
    public void WriteLine(string line) => queue.Add(line);

    public ValueTask DisposeAsync() => queue.DisposeAsync();
}
