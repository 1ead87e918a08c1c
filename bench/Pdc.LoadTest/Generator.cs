using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pdc.LoadTest;

/// <summary>
/// The second process: N PMUs sending pre-encoded frames at R frames/s, all on the same report instants (as
/// GPS-synchronized PMUs do), from one thread that sleeps until each instant. Prints what it sent.
/// </summary>
internal static class Generator
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var streams = Enumerable.Range(1, options.Pmus).Select(i => new PmuStream((ushort)i, options.Rate)).ToList();
        var target = options.Target ?? throw new ArgumentException("generate needs --target (the listener, or a file of UDP ports).");
        var end = DateTime.UtcNow + options.WarmUp + options.Duration + TimeSpan.FromSeconds(30);
        long sent;
        long late;
        double slowestTick;
        if (options.Transport == "tcp")
        {
            var connections = await ConnectAsync(IPEndPoint.Parse(target), streams).ConfigureAwait(false);

            // One pacing thread per core, each with its share of the PMUs: a single thread falls behind on a busy machine.
            var stop = Task.Run(() => Console.In.ReadToEnd());
            var shares = connections.Chunk((connections.Count + Environment.ProcessorCount - 1) / Environment.ProcessorCount).ToList();
            var batch = options.FramesPerSend;
            var paced = await Task.WhenAll(shares.Select(share => Task.Factory.StartNew(
                () => Pace(options.Rate, batch, end, stop, index =>
                {
                    foreach (var connection in share)
                    {
                        connection.SendData(index, batch);
                    }
                }),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default))).ConfigureAwait(false);
            late = paced.Sum(p => p.Late);
            slowestTick = paced.Max(p => p.SlowestTickMilliseconds);
            sent = connections.Sum(c => c.FramesSent);
            connections.ForEach(c => c.Dispose());
        }
        else
        {
            var ports = File.ReadAllLines(target).Select(p => new IPEndPoint(IPAddress.Loopback, int.Parse(p, CultureInfo.InvariantCulture)).Serialize()).ToArray();
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.SendBufferSize = 4 << 20;
            var counted = 0L;
            var instants = 0L;
            (late, slowestTick) = Pace(options.Rate, 1, end, Task.Run(() => Console.In.ReadToEnd()), index =>
            {
                // Spontaneous UDP: CFG-2 with the first frame and then once a minute, as such PMUs do.
                var sendConfig = instants++ % (60 * options.Rate) == 0;
                for (var i = 0; i < streams.Count; i++)
                {
                    if (sendConfig)
                    {
                        socket.SendTo(streams[i].Config, SocketFlags.None, ports[i]);
                    }

                    socket.SendTo(streams[i].Data(index).Span, SocketFlags.None, ports[i]);
                    counted++;
                }
            });
            sent = counted;
        }

        Console.WriteLine($"sent={sent} late={late} cpu={Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0.0}s slowest-tick={slowestTick:0.0}ms");
        return 0;
    }

    /// <summary>
    /// Calls <paramref name="send"/> with the first of every <paramref name="batch"/> report instants, once the last of
    /// them is due, until <paramref name="stop"/> (stdin closed) or <paramref name="end"/>; returns the calls made late and the slowest one.
    /// </summary>
    private static (long Late, double SlowestTickMilliseconds) Pace(int rate, int batch, DateTime end, Task stop, Action<long> send)
    {
        var next = ((DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * rate / TimeSpan.TicksPerSecond) + 1;
        long late = 0;
        var slowest = 0.0;
        while (!stop.IsCompleted && DateTime.UtcNow < end)
        {
            // A frame is never sent before its instant: a batch goes when its last instant is due.
            var due = DateTime.UnixEpoch.AddTicks((next + batch - 1) * TimeSpan.TicksPerSecond / rate);
            var wait = due - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                Thread.Sleep(wait);
            }
            else if (wait < -TimeSpan.FromSeconds(1.0 / rate))
            {
                late++;
            }

            var started = Stopwatch.GetTimestamp();
            send(next);
            slowest = Math.Max(slowest, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            next += batch;
        }

        return (late, slowest);
    }

    private static async Task<List<GeneratorConnection>> ConnectAsync(IPEndPoint listener, List<PmuStream> streams)
    {
        var connections = new List<GeneratorConnection>();
        var clock = Stopwatch.StartNew();
        foreach (var batch in streams.Chunk(250))
        {
            var sockets = await Task.WhenAll(batch.Select(async stream =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(listener).ConfigureAwait(false);
                return new GeneratorConnection(socket, stream);
            })).ConfigureAwait(false);
            foreach (var connection in sockets)
            {
                connection.Start();
                connections.Add(connection);
            }
        }

        await Console.Error.WriteLineAsync($"generator: {connections.Count} connections in {clock.ElapsedMilliseconds} ms").ConfigureAwait(false);
        return connections;
    }
}
