namespace Pdc.Testing;

/// <summary>
/// Finds <c>../shared</c>, the folder that every developer and CI run has beside the project (real captures,
/// data sets): the parent of the folder that holds Pdc.sln, found by walking up from the test binaries.
/// </summary>
public static class SharedFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The shared folder beside the project.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(RootPath.Value, "..", "shared"));

    /// <summary>The project's own folder (the one that holds Pdc.sln), for files it keeps itself, such as <c>captures/</c>.</summary>
    public static string ProjectRoot => RootPath.Value;

    /// <summary>The path of a file in <c>../shared/captures</c>; fails when it is missing, so a test never passes vacuously.</summary>
    public static string Capture(string fileName)
    {
        var path = Path.Combine(Root, "captures", fileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The shared capture {fileName} is missing from {Path.GetDirectoryName(path)}.", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pdc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder holding Pdc.sln above {AppContext.BaseDirectory}.");
    }
}
