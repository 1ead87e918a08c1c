namespace Pdc.Capture;

/// <summary>Reads the packet records of one capture file format.</summary>
internal interface IFrameSource
{
    /// <summary>Set when a corrupt or truncated structure stopped reading before the end of the file.</summary>
    CaptureError? Error { get; }

    /// <summary>
    /// The packets in file order. Stops, with <see cref="Error"/> set, at the first structure that
    /// cannot be read; never throws for bad content.
    /// </summary>
    IEnumerable<LinkFrame> ReadFrames();
}
