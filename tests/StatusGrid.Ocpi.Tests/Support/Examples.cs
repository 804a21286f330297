namespace StatusGrid.Ocpi.Tests.Support;

/// <summary>Reads the unmodified OCPI example files from ../shared/ocpi/examples next to the repo root.</summary>
internal static class Examples
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Folder(string version) => Path.Combine(Root.Value, version);

    public static byte[] Read(string version, string fileName) => File.ReadAllBytes(Path.Combine(Folder(version), fileName));

    public static IEnumerable<string> Files(string version, string pattern) =>
        Directory.GetFiles(Folder(version), pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StatusGrid.sln")))
            {
                var examples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "ocpi", "examples"));
                if (!Directory.Exists(examples))
                {
                    throw new DirectoryNotFoundException($"OCPI examples not found at {examples}");
                }

                return examples;
            }
        }

        throw new DirectoryNotFoundException("StatusGrid.sln not found above " + AppContext.BaseDirectory);
    }
}
