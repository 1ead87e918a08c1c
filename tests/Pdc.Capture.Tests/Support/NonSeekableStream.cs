namespace Pdc.Capture.Tests.Support;

/// <summary>A read-only stream that cannot seek or tell its length, like a pipe or a socket, and hands out at most a few bytes per read.</summary>
internal sealed class NonSeekableStream(byte[] content, int maxReadLength = 1000) : Stream
{
    private int position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var length = Math.Min(Math.Min(count, maxReadLength), content.Length - position);
        Array.Copy(content, position, buffer, offset, length);
        position += length;
        return length;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
