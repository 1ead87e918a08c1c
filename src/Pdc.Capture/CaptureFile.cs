namespace Pdc.Capture;

/// <summary>Opens capture files, telling pcap, pcapng and raw byte streams apart by their first bytes.</summary>
public static class CaptureFile
{
    private const int MagicLength = 4;

    // The reader does its own buffering; a second buffer in the FileStream would only copy twice.
    private const int FileStreamBufferLength = 1;

    /// <summary>Opens a file for reading. Throws only for I/O problems (missing file, no access), never for its content.</summary>
    public static CaptureReader Open(string path, CaptureReaderOptions? options = null) =>
        Open(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileStreamBufferLength, FileOptions.SequentialScan), leaveOpen: false, options);

    /// <summary>Reads a capture from a stream, which need not be seekable; the reader disposes it unless <paramref name="leaveOpen"/>.</summary>
    public static CaptureReader Open(Stream stream, bool leaveOpen = false, CaptureReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Open(new CaptureInput(stream, leaveOpen), options);
    }

    /// <summary>
    /// Reads a capture already in memory, in place: payloads are slices of <paramref name="capture"/>, nothing is
    /// copied (a replay of many passes reads the file once).
    /// </summary>
    public static CaptureReader Open(ReadOnlyMemory<byte> capture, CaptureReaderOptions? options = null) =>
        Open(new CaptureInput(capture), options);

    private static CaptureReader Open(CaptureInput input, CaptureReaderOptions? options)
    {
        try
        {
            var magic = input.Fill(MagicLength) == MagicLength ? ByteOrder.Little.UInt32(input.Peek(MagicLength)) : 0;
            var format = magic == PcapNgFrameSource.SectionHeaderType ? CaptureFormat.PcapNg
                : PcapFrameSource.IsMagic(magic) ? CaptureFormat.Pcap
                : CaptureFormat.RawStream;
            return new CaptureReader(input, format, options ?? CaptureReaderOptions.Default);
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }
}
