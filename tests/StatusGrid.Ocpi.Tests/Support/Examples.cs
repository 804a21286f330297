namespace StatusGrid.Ocpi.Tests.Support;

/// <summary>Reads the unmodified OCPI example files from spec/ocpi/examples in the repository (source and licence: the README there).</summary>
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
                var examples = Path.Combine(dir.FullName, "spec", "ocpi", "examples");
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
