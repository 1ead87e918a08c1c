using Microsoft.Extensions.Logging;
using Pdc.Host.Commands;

namespace Pdc.Host.Tests;

/// <summary>pdc's log is written from read loops: a console that takes nothing must not stop them.</summary>
[Collection(nameof(ConsoleLoggingTests))]
[CollectionDefinition(nameof(ConsoleLoggingTests), DisableParallelization = true)]
public sealed class ConsoleLoggingTests
{
    private static readonly Action<ILogger, int, Exception?> Connected =
        LoggerMessage.Define<int>(LogLevel.Information, new EventId(1), "input {Number} connected");

    [Fact]
    public async Task ConsoleThatTakesNothing_LoggingBeyondTheQueueReturns_AndDropsLines()
    {
        var original = Console.Out;
        using var stalled = new StalledWriter();
        Console.SetOut(stalled);
        try
        {
            var loggers = ConsoleLogging.Create();
            var log = loggers.CreateLogger("pdc");
            var logging = Task.Run(() =>
            {
                for (var i = 0; i < ConsoleLogging.QueueLines * 2; i++)
                {
                    Connected(log, i, null);
                }
            });

            var returned = await Task.WhenAny(logging, Task.Delay(TimeSpan.FromSeconds(20))) == logging;
            stalled.Release();
            loggers.Dispose();
            Assert.True(returned, "logging waited for a console that took nothing");

            // What the queue held reached the console once it took lines again; the rest was dropped.
            var written = stalled.ToString().Split('\n').Count(line => line.Contains(" connected", StringComparison.Ordinal));
            Assert.InRange(written, 1, (ConsoleLogging.QueueLines * 2) - 1);
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public async Task EventLines_ConsoleThatTakesNothing_WritingReturns_ThenHowManyWereDroppedIsSaid()
    {
        using var stalled = new StalledWriter();
        var lines = new ConsoleLines(stalled);
        var writing = Task.Run(() =>
        {
            for (var i = 0; i < ConsoleLines.QueueLines * 2; i++)
            {
                lines.WriteLine($"line {i}");
            }
        });

        var returned = await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(20))) == writing;
        stalled.Release();
        await lines.DisposeAsync();

        Assert.True(returned, "writing an event line waited for a console that took nothing");
        var written = stalled.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        // A notice comes before the next line written after drops; lines dropped while the first notice waited for
        // the console are said in a second one.
        var notices = written.Where(w => w.Contains("dropped while the console fell behind", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(notices);
        var dropped = notices.Sum(n => int.Parse(n[1..n.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture));
        var kept = written.Except(notices).Select(w => int.Parse(w["line ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(dropped > 0);
        Assert.Equal(ConsoleLines.QueueLines * 2, kept.Count + dropped);
        Assert.Equal(kept.Order(), kept);
        Assert.Equal(0, kept[0]);
    }

    /// <summary>A console that blocks on its first write until released, as a pipe nobody reads does.</summary>
    private sealed class StalledWriter : StringWriter
    {
        private readonly ManualResetEventSlim released = new();

        public void Release() => released.Set();

        public override void Write(string? value)
        {
            released.Wait(TimeSpan.FromSeconds(30));
            base.Write(value);
        }

        public override void Write(char value) => Write(value.ToString());

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                released.Set();
                released.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
