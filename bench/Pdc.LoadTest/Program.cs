using Pdc.Streaming.Ingest;

namespace Pdc.LoadTest;

/// <summary>
/// <c>Pdc.LoadTest --pmus 1000 --rate 60 --duration 20 [--warmup 5] [--transport tcp|udp]</c> runs the ingest here and
/// the PMUs in a second process (<c>generate</c>), so that the CPU and allocation figures are the ingest's alone;
/// <c>--transport inproc</c> places the PMUs' frames in this process and measures the concentrator and outputs alone.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);

        // As pdc itself runs its sockets (the generator too: it is this program).
        SocketCompletions.PreferInline();
        try
        {
            if (args.Length > 0 && args[0] == "generate")
            {
                return await Generator.RunAsync(LoadOptions.Parse(args[1..])).ConfigureAwait(false);
            }

            var options = LoadOptions.Parse(args);
            return options.Transport == "inproc"
                ? await InProcessSide.RunAsync(options).ConfigureAwait(false)
                : await IngestSide.RunAsync(options).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
