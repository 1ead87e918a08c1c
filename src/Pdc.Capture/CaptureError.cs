namespace Pdc.Capture;

/// <summary>Why reading a capture stopped before its end: the file offset of the bad structure and what was wrong.</summary>
/// <param name="Offset">Byte offset in the file of the record, block or header that could not be read.</param>
/// <param name="Message">A sentence that already names the offset, ready to show to a user.</param>
public sealed record CaptureError(long Offset, string Message)
{
    public override string ToString() => Message;
}
