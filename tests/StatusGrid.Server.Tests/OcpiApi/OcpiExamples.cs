namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>The unmodified OCPI example files in spec/ocpi/examples (see the README there for source and licence).</summary>
public static class OcpiExamples
{
    public static readonly string[] Folders = ["2.2.1", "2.3.0"];

    /// <summary>The one example the digest marks invalid ("floor", a numeric physical_reference, an incomplete connector).</summary>
    public const string Invalid = "location_put_example_add_evse.json";

    private static readonly Lazy<string> Root = new(() => RepoFiles.PathOf(Path.Combine("spec", "ocpi", "examples")));

    public static string Read(string folder, string file) => File.ReadAllText(Path.Combine(Root.Value, folder, file));

    public static IEnumerable<string> Files(string folder) =>
        Directory.GetFiles(Path.Combine(Root.Value, folder), "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
