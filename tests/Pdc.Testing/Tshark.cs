using System.Diagnostics;

namespace Pdc.Testing;

/// <summary>
/// Runs Wireshark's command-line dissector, the judge of every frame the codec reads or writes. A missing
/// tshark fails the test (with how to install it) rather than skipping it, so that no run passes unjudged.
/// </summary>
public static class Tshark
{
    /// <summary>The decode-as options that put C37.118 on its usual ports.</summary>
    public static readonly IReadOnlyList<string> SynphasorPorts = ["-d", "tcp.port==4712,synphasor", "-d", "udp.port==4713,synphasor"];

    /// <summary>Longest a tshark run may take before the test fails instead of hanging.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly Lazy<string?> Executable = new(Find);

    /// <summary>Runs tshark with <paramref name="arguments"/> and returns its standard output; fails on a non-zero exit.</summary>
    public static string Run(IEnumerable<string> arguments)
    {
        using var process = Start(arguments);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tshark {string.Join(' ', arguments)} ran longer than {Timeout}.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>Runs tshark with "-T fields" and returns one row of field values per packet; repeated fields are joined with commas.</summary>
    /// <param name="preferences">Dissector preferences, each passed as "-o name:value".</param>
    public static IReadOnlyList<string[]> Fields(string[] preferences, string capturePath, params string[] fields)
    {
        var arguments = new List<string> { "-r", capturePath, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (var preference in preferences)
        {
            arguments.Add("-o");
            arguments.Add(preference);
        }

        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        return [.. Run(arguments).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))];
    }

    public static IReadOnlyList<string[]> Fields(string capturePath, params string[] fields) => Fields([], capturePath, fields);

    /// <summary>Reads the PDML of every synchrophasor frame in <paramref name="pcapPath"/>, in capture order.</summary>
    public static IReadOnlyList<PdmlFrame> ReadPdml(string pcapPath)
    {
        using var process = Start(["-r", pcapPath, .. SynphasorPorts, "-T", "pdml", "-J", "synphasor"]);
        var stderr = process.StandardError.ReadToEndAsync();
        var frames = PdmlFrame.ReadAll(process.StandardOutput);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tshark exited with {process.ExitCode}: {stderr.Result}");
        }

        return frames;
    }

    private static Process Start(IEnumerable<string> arguments)
    {
        var executable = Executable.Value ?? throw new InvalidOperationException(
            "tshark (Wireshark's dissector, the judge of these tests) is not installed: run ./test.sh, which installs it.");
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("tshark did not start.");
    }

    private static string? Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "tshark"))
            .FirstOrDefault(File.Exists);
    }
}
