namespace StatusGrid.Ocpi.Tests.Support;

internal static class ExampleVersion
{
    public static OcpiVersion Of(string folder) =>
        OcpiVersions.TryParse(folder, out var version) ? version : throw new ArgumentException("unknown version folder " + folder);
}
