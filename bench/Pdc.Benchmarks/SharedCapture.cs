namespace Pdc.Benchmarks;

/// <summary>Reads a capture from ../shared/captures beside the repository (found by walking up to Pdc.sln).</summary>
internal static class SharedCapture
{
    public static byte[] Read(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pdc.sln")))
            {
                return File.ReadAllBytes(Path.Combine(dir.FullName, "..", "shared", "captures", name));
            }
        }

        throw new FileNotFoundException($"No Pdc.sln above {AppContext.BaseDirectory}: run the benchmarks from the repository.", name);
    }
}
