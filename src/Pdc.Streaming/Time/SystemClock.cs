namespace Pdc.Streaming.Time;

/// <summary>The machine's UTC clock.</summary>
public sealed class SystemClock : IClock
{
    public static SystemClock Instance { get; } = new();

    public long UtcNowNanoseconds => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
