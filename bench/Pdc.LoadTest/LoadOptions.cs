using System.Globalization;

namespace Pdc.LoadTest;

/// <summary>The command line: <c>[generate] --pmus N --rate R --duration S --warmup S --transport tcp|udp [--sample-allocations 1] [--concentrate 1] [--target ...]</c>.</summary>
/// <param name="Concentrate">Also align the frames and serve them to one TCP subscriber, and report publication latency.</param>
internal sealed record LoadOptions(int Pmus, int Rate, TimeSpan Duration, TimeSpan WarmUp, string Transport, string? Target, bool SampleAllocations = false, bool Concentrate = false)
{
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option, not \"{args[i]}\".");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var options = new LoadOptions(
            Number(values, "pmus", 100),
            Number(values, "rate", 60),
            TimeSpan.FromSeconds(Number(values, "duration", 20)),
            TimeSpan.FromSeconds(Number(values, "warmup", 5)),
            values.GetValueOrDefault("transport", "tcp"),
            values.GetValueOrDefault("target"),
            Number(values, "sample-allocations", 0) != 0,
            Number(values, "concentrate", 0) != 0);
        if (options.Pmus is < 1 or > ushort.MaxValue - 1 || options.Rate is < 1 or > 240 || options.Transport is not ("tcp" or "udp"))
        {
            throw new ArgumentException("--pmus is 1..65534, --rate 1..240, --transport tcp or udp.");
        }

        return options;
    }

    public string[] ToArguments() =>
    [
        "--pmus", Pmus.ToString(CultureInfo.InvariantCulture),
        "--rate", Rate.ToString(CultureInfo.InvariantCulture),
        "--duration", ((int)Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        "--warmup", ((int)WarmUp.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        "--transport", Transport,
        .. Target is null ? Array.Empty<string>() : ["--target", Target],
    ];

    private static int Number(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
