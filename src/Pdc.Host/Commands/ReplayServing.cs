using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Pdc.Capture;
using Pdc.Replay.Serving;

namespace Pdc.Host.Commands;

/// <summary><c>pdc replay FILE --serve ADDRESS:PORT</c>: every stream of a capture served live, as its PMUs served it, until Ctrl-C.</summary>
internal static class ReplayServing
{
    /// <summary>"1", "10", "0.5" or "max"; null when it is none of those.</summary>
    public static double? ParseSpeed(string text) =>
        text.Equals("max", StringComparison.OrdinalIgnoreCase) ? double.PositiveInfinity
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed > 0 && double.IsFinite(speed) ? speed
        : null;

    public static async Task<int> RunAsync(FileInfo file, string serve, string speedText, bool restamp, bool loop, TimeSpan? duration, CancellationToken cancellation)
    {
        if (!IPEndPoint.TryParse(serve, out var listen) || !serve.Contains(':', StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"pdc replay: --serve takes ADDRESS:PORT (e.g. 127.0.0.1:4712), not \"{serve}\".").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (ParseSpeed(speedText) is not { } speed)
        {
            await Console.Error.WriteLineAsync($"pdc replay: --speed takes a positive number (1: as captured, 10: ten times faster) or max, not \"{speedText}\".").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        var lines = new ConsoleLines(Console.Out);
        await using var linesWritten = lines.ConfigureAwait(false);
        var options = new CaptureServerOptions { Listen = listen, Speed = speed, Restamp = restamp, Loop = loop, Log = lines.WriteLine };
        CaptureServer server;
        try
        {
            using var reader = CaptureFile.Open(file.FullName);
            server = CaptureServer.Start(reader, options);
            if (reader.Error is { } error)
            {
                await Console.Error.WriteLineAsync($"pdc replay: {file.Name} is damaged: {error.Message}. Serving what was read before it.").ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is InvalidDataException or SocketException)
        {
            await Console.Error.WriteLineAsync($"pdc replay: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        await using (server.ConfigureAwait(false))
        {
            PrintStreams(file, server, options);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            if (duration is { } limit)
            {
                stop.CancelAfter(limit);
            }

            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("pdc replay: stopping.");
            }
        }

        return ExitCodes.Success;
    }

    private static void PrintStreams(FileInfo file, CaptureServer server, CaptureServerOptions options)
    {
        var pace = double.IsPositiveInfinity(options.Speed) ? "as fast as each client reads"
            : options.Speed == 1 ? "at the capture's own pace"
            : string.Create(CultureInfo.InvariantCulture, $"{options.Speed:0.###} times faster than captured");
        var extras = string.Concat(options.Restamp ? ", restamped to now" : string.Empty, options.Loop ? ", looping" : string.Empty);
        Console.WriteLine($"Serving {file.Name}: {server.Streams.Count} C37.118 stream(s), {pace}{extras}.");
        foreach (var stream in server.Streams)
        {
            var pmus = string.Join(", ", stream.Pmus.Select(p => $"{p.StationName.Trim()} ({p.IdCode})"));
            Console.WriteLine($"  tcp {stream.TcpEndPoint}  IDCODE {stream.IdCode}  {stream.Pmus.Count} PMU(s): {pmus}  ({stream.DataFrames} data frames, captured on {stream.Source})");
        }

        Console.WriteLine("Connect a PDC to each port and send CFG-2 and \"turn on\" to its IDCODE; the capture's clock starts at the first \"turn on\". Ctrl-C stops.");
    }
}
