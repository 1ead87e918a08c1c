using System.Diagnostics;
using System.Threading.Channels;

namespace Pdc.Host.Tests;

/// <summary>The real <c>pdc</c> running in the background (a server), its output read line by line as it comes; disposing stops it.</summary>
internal sealed class BackgroundPdc : IDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    private BackgroundPdc(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Take(e.Data);
        process.ErrorDataReceived += (_, e) => Take(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static BackgroundPdc Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "pdc.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return new BackgroundPdc(Process.Start(info) ?? throw new InvalidOperationException("pdc did not start."));
    }

    /// <summary>The first line (stdout or stderr) from now on that <paramref name="match"/> accepts.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            var line = await lines.Reader.ReadAsync(expiry.Token);
            if (match(line))
            {
                return line;
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Take(string? line)
    {
        if (line is not null)
        {
            lines.Writer.TryWrite(line);
        }
    }
}
