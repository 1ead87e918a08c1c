namespace Pdc.Capture.Tests.Support;

/// <summary>Finds the real captures in shared/captures, which lies beside the repository root (the folder with Pdc.sln).</summary>
internal static class SharedCaptures
{
    private static readonly Lazy<string> Folder = new(Locate);

    public static string PathOf(string fileName)
    {
        var path = Path.Combine(Folder.Value, fileName);
        Assert.True(File.Exists(path), $"shared capture {path} is missing");
        return path;
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var inside = Path.Combine(directory.FullName, "shared", "captures");
            if (Directory.Exists(inside))
            {
                return inside;
            }

            var beside = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "captures"));
            if (File.Exists(Path.Combine(directory.FullName, "Pdc.sln")) && Directory.Exists(beside))
            {
                return beside;
            }
        }

        throw new DirectoryNotFoundException($"no shared/captures folder above {AppContext.BaseDirectory}: it belongs beside the repository root (../shared/captures from the folder with Pdc.sln)");
    }
}
