namespace Pdc.Streaming.Ingest;

/// <summary>
/// On Linux, .NET hands every socket completion from its epoll thread to the thread pool, so a PDC reading
/// thousands of small frames pays a thread hop per frame. Pdc's read loops do not block (they decode, place and
/// queue; the recorder writes on a thread of its own, and subscribers' sockets are non-blocking), so they can run
/// on the epoll threads themselves. The runtime reads the switch once, when the first socket is made: call this
/// before any. Linux only: on Windows the same variable would inline every I/O completion of the thread pool.
/// </summary>
public static class SocketCompletions
{
    /// <summary>The runtime's switch; set to "0" in the environment to keep completions on the thread pool.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Runs socket completions inline, unless the environment already chose.</summary>
    public static void PreferInline()
    {
        if (OperatingSystem.IsLinux() && Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
