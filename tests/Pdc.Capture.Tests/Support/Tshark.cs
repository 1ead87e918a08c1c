using System.ComponentModel;
using System.Diagnostics;

namespace Pdc.Capture.Tests.Support;

/// <summary>Runs tshark, the independent judge of what our writers produce and our reader decodes.</summary>
internal static class Tshark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs tshark and returns its standard output; fails the test if tshark is missing, fails or hangs.</summary>
    public static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        }
        catch (Win32Exception exception)
        {
            Assert.Fail($"tshark is not installed ({exception.Message}): run ./test.sh, which installs it");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"tshark {string.Join(' ', arguments)} ran longer than {Timeout}");
            }

            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"tshark {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors.Result}");
            return output.Result;
        }
    }

    /// <summary>Runs tshark with "-T fields" and returns one row of field values per packet; repeated fields are joined with commas.</summary>
    public static IReadOnlyList<string[]> Fields(string capturePath, params string[] fields) => Fields([], capturePath, fields);

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

        return [.. Run([.. arguments]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t'))];
    }
}
