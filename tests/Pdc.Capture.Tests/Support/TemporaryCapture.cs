namespace Pdc.Capture.Tests.Support;

/// <summary>A capture written to a temporary file for tshark to read, deleted on dispose.</summary>
internal sealed class TemporaryCapture : IDisposable
{
    public TemporaryCapture(byte[] capture)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"pdc-capture-test-{Guid.NewGuid():N}.pcapng");
        File.WriteAllBytes(Path, capture);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
