using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Pdc.Host.Commands;

/// <summary>
/// The console log of long-running commands: one line per message, with the time. Logging runs on read loops
/// (with inline socket completions, on the runtime's epoll threads), so a console that cannot keep up (a paused
/// terminal, a pipe nobody drains, 5,000 inputs connecting at once) must never hold them: past its queue the log
/// drops lines, and says how many, rather than wait.
/// </summary>
internal static class ConsoleLogging
{
    /// <summary>Lines held for a slow console before new ones are dropped.</summary>
    public const int QueueLines = 10_000;

    public static ILoggerFactory Create() => LoggerFactory.Create(builder => builder
        .AddConsole(o =>
        {
            o.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite;
            o.MaxQueueLength = QueueLines;
        })
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("Microsoft", LogLevel.Warning));
}
