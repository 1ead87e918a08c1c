namespace Pdc.Streaming.Publishing;

/// <summary>One device (PMU) an output stream carries, optionally renamed and cut down to some of its channels.</summary>
public sealed class OutputDeviceOptions
{
    /// <summary>The device's IDCODE, as the concentrator aligns it; its PMU block keeps this IDCODE in the output.</summary>
    public ushort IdCode { get; set; }

    /// <summary>The station name (STN) to publish instead of the device's own; null keeps it.</summary>
    public string? StationName { get; set; }

    /// <summary>
    /// Names (CHNAM) of the phasor and analog channels to carry, and labels of which a digital word is kept whole;
    /// empty carries every channel. Channels keep the device's order whatever the order here.
    /// </summary>
    public IList<string> Channels { get; set; } = [];
}
