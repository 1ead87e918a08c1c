namespace Pdc.Capture;

/// <summary>How a capture file frames its contents, decided by its first bytes.</summary>
public enum CaptureFormat
{
    /// <summary>Classic libpcap: one link type, microsecond or nanosecond timestamps.</summary>
    Pcap,

    /// <summary>pcapng: sections of blocks, several interfaces with their own link types and resolutions.</summary>
    PcapNg,

    /// <summary>No capture framing: the whole file is one byte stream without timestamps.</summary>
    RawStream,
}
