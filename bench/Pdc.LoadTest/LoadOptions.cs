using System.Globalization;

namespace Pdc.LoadTest;

/// <summary>The command line: <c>[generate] --pmus N --rate R --duration S --warmup S --transport tcp|udp|inproc [--frames-per-send K] [--sample-allocations 1] [--concentrate 1] [--publication-threads T] [--target ...]</c>.</summary>
/// <param name="Concentrate">Also align the frames and serve them over streams of 150 PMUs, one TCP subscriber each, and report publication latency.</param>
/// <param name="PublicationThreads">The concentrator's publication lanes (<c>PublicationThreads</c> in pdc.json).</param>
/// <param name="FramesPerSend">TCP: each PMU sends K report instants at once, every K/R seconds, as a gateway or an upstream PDC that forwards in batches does; 1 is a PMU sending each frame as it is made.</param>
internal sealed record LoadOptions(int Pmus, int Rate, TimeSpan Duration, TimeSpan WarmUp, string Transport, string? Target, bool SampleAllocations = false, bool Concentrate = false, int FramesPerSend = 1, int PublicationThreads = 1)
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
            Number(values, "concentrate", 0) != 0,
            Number(values, "frames-per-send", 1),
            Number(values, "publication-threads", 1));
        if (options.Pmus is < 1 or > ushort.MaxValue - 1 || options.Rate is < 1 or > 240 || options.Transport is not ("tcp" or "udp" or "inproc")
            || options.FramesPerSend < 1 || options.FramesPerSend > options.Rate || (options.FramesPerSend > 1 && options.Transport != "tcp")
            || options.PublicationThreads is < 1 or > 64)
        {
            throw new ArgumentException("--pmus is 1..65534, --rate 1..240, --transport tcp, udp or inproc, --frames-per-send 1..rate (TCP only), --publication-threads 1..64.");
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
        "--frames-per-send", FramesPerSend.ToString(CultureInfo.InvariantCulture),
        .. Target is null ? Array.Empty<string>() : ["--target", Target],
    ];

    private static int Number(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
