using System.Net;

namespace Pdc.Replay.Serving;

/// <summary>How a capture is served live: where, how fast, and whether restamped or looped.</summary>
public sealed class CaptureServerOptions
{
    /// <summary>The first stream's TCP listener; the next streams take the following ports (port 0: any free port for each).</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 4712);

    /// <summary>How many times faster than captured; <see cref="double.PositiveInfinity"/> sends as fast as each client reads.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Shift every frame's SOC/FRACSEC so that the first frame is stamped now, keeping the spacing.</summary>
    public bool Restamp { get; init; }

    /// <summary>Start over at the end; restamped, time keeps increasing across loops.</summary>
    public bool Loop { get; init; }

    /// <summary>Data frames a paced client may fall behind before the oldest are dropped.</summary>
    public int ClientQueueFrames { get; init; } = 128;

    /// <summary>Receives a line per connection, ignored command and end of the capture.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Listen);
        if (!(Speed > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "The speed must be positive (infinity: as fast as possible).");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(ClientQueueFrames, 1);
    }
}
