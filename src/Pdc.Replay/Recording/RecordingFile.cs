using System.Globalization;
using Pdc.Capture;

namespace Pdc.Replay.Recording;

/// <summary>
/// One pcapng file of a recording, whole on its own: its section header, then an interface (link type raw IP)
/// for each input or output whose traffic it holds, described as it is first used, and the packets.
/// </summary>
internal sealed class RecordingFile : IDisposable
{
    private readonly FileStream stream;
    private readonly PcapNgWriter writer;
    private readonly Dictionary<string, int> interfaces = [];

    private RecordingFile(string path, long startNanoseconds)
    {
        Path = path;
        StartNanoseconds = startNanoseconds;
        stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024);
        writer = new PcapNgWriter(stream, application: "pdc record");
    }

    public string Path { get; }

    /// <summary>Arrival time of its first packet, nanoseconds since the Unix epoch.</summary>
    public long StartNanoseconds { get; }

    /// <summary>Bytes written so far, headers included.</summary>
    public long Length => stream.Position;

    /// <summary>Creates "pdc-20260115T093000.125Z.pcapng" in <paramref name="directory"/> (with "-2", "-3"... when that name is taken).</summary>
    public static RecordingFile Create(string directory, long startNanoseconds)
    {
        Directory.CreateDirectory(directory);
        var start = DateTime.UnixEpoch.AddTicks(startNanoseconds / 100);
        var name = "pdc-" + start.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture);
        var path = System.IO.Path.Combine(directory, name + ".pcapng");
        for (var n = 2; File.Exists(path); n++)
        {
            path = System.IO.Path.Combine(directory, $"{name}-{n}.pcapng");
        }

        return new RecordingFile(path, startNanoseconds);
    }

    public void Write(string interfaceName, long nanoseconds, ReadOnlySpan<byte> packet)
    {
        if (!interfaces.TryGetValue(interfaceName, out var id))
        {
            id = writer.AddInterface(LinkType.Raw, interfaceName, "C37.118 traffic as Pdc's sockets saw it: payloads and arrival times are real, IP and TCP/UDP headers are rebuilt around them.");
            interfaces[interfaceName] = id;
        }

        writer.WritePacket(id, nanoseconds, packet);
    }

    public void Flush() => writer.Flush();

    public void Dispose() => writer.Dispose();
}
