namespace Pdc.Streaming.Ingest;

/// <summary>
/// On Linux, .NET hands every socket completion from its epoll thread to the thread pool, so a PDC reading
/// thousands of small frames pays a thread hop per frame. Pdc's read loops never block (they decode, place and
/// queue; the recorder and the outputs have threads of their own), so they can run on the epoll threads
/// themselves. The runtime reads the switch once, when the first socket is made: call this before any.
/// </summary>
public static class SocketCompletions
{
    /// <summary>The runtime's switch; set to "0" in the environment to keep completions on the thread pool.</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Runs socket completions inline, unless the environment already chose.</summary>
    public static void PreferInline()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
