namespace Pdc.Capture;

/// <summary>Limits that keep reading bounded in memory.</summary>
public sealed record CaptureReaderOptions
{
    /// <summary>The least a buffered segment counts against <see cref="MaxOutOfOrderBytesPerFlow"/>, so tiny segments cannot pile up.</summary>
    public const int SegmentOverhead = 64;

    private readonly int maxOutOfOrderBytesPerFlow = 1024 * 1024;

    public static CaptureReaderOptions Default { get; } = new();

    /// <summary>
    /// Out-of-order TCP bytes one flow may hold while waiting for a missing segment (1 MiB unless
    /// set). Past this the missing bytes are declared lost and what follows is delivered after a gap.
    /// </summary>
    public int MaxOutOfOrderBytesPerFlow
    {
        get => maxOutOfOrderBytesPerFlow;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            maxOutOfOrderBytesPerFlow = value;
        }
    }
}
