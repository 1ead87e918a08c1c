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
            using var loggers = ConsoleLogging.Create();
            var log = loggers.CreateLogger("pdc");
            var logging = Task.Run(() =>
            {
                for (var i = 0; i < ConsoleLogging.QueueLines * 2; i++)
                {
                    Connected(log, i, null);
                }
            });

            var returned = await Task.WhenAny(logging, Task.Delay(TimeSpan.FromSeconds(20))) == logging;
            var writesWhileStalled = stalled.Writes;
            stalled.Release();
            Assert.True(returned, "logging waited for a console that took nothing");
            Assert.True(writesWhileStalled <= 1, $"{writesWhileStalled} writes got through a stalled console");
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    /// <summary>A console that blocks on its first write until released, as a pipe nobody reads does.</summary>
    private sealed class StalledWriter : StringWriter
    {
        private readonly ManualResetEventSlim released = new();
        private int writes;

        public int Writes => Volatile.Read(ref writes);

        public void Release() => released.Set();

        public override void Write(string? value)
        {
            Interlocked.Increment(ref writes);
            released.Wait(TimeSpan.FromSeconds(30));
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
