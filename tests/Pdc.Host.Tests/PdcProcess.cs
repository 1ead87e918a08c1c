using System.Diagnostics;

namespace Pdc.Host.Tests;

/// <summary>Runs the real <c>pdc</c> executable (built beside the tests) as a user would, capturing its output.</summary>
internal static class PdcProcess
{
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments)
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

        using var process = Process.Start(info) ?? throw new InvalidOperationException("pdc did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pdc {string.Join(' ', arguments)} did not finish within 2 minutes.");
        }

        return (process.ExitCode, stdout, stderr.Result);
    }
}
