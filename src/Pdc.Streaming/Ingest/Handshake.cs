using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// Starts a device's stream: "turn off transmission", ask for the config (CFG-2, or CFG-3 for 2011) and wait for
/// it, optionally ask for the header, "turn on" and wait for the first data frame. Each awaited command is sent
/// again after <see cref="InputOptions.CommandTimeout"/>, up to <see cref="InputOptions.CommandRetries"/> times.
/// </summary>
internal static class Handshake
{
    /// <exception cref="TimeoutException">A command went unanswered after every retry.</exception>
    public static async Task RunAsync(InputPath path, ICommandChannel commands, CancellationToken cancellationToken)
    {
        var options = path.Input.Options;
        await path.SendAsync(commands, CommandCode.TurnOffTransmission, cancellationToken).ConfigureAwait(false);
        await AskAsync(path, commands, options.ConfigCommand, path.ExpectConfig(), cancellationToken).ConfigureAwait(false);
        if (options.RequestHeader)
        {
            await path.SendAsync(commands, CommandCode.SendHeader, cancellationToken).ConfigureAwait(false);
        }

        await AskAsync(path, commands, CommandCode.TurnOnTransmission, path.ExpectData(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task AskAsync(InputPath path, ICommandChannel commands, CommandCode command, Task answer, CancellationToken cancellationToken)
    {
        var options = path.Input.Options;
        for (var attempt = 0; attempt <= options.CommandRetries; attempt++)
        {
            await path.SendAsync(commands, command, cancellationToken).ConfigureAwait(false);
            try
            {
                await answer.WaitAsync(options.CommandTimeout, path.Input.Timers, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref path.Counters.CommandTimeouts);
            }
        }

        throw new TimeoutException($"no answer to {command} after {options.CommandRetries + 1} tries of {options.CommandTimeout.TotalMilliseconds:0} ms");
    }
}
