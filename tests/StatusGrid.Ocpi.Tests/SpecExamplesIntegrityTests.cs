using System.Security.Cryptography;
using StatusGrid.Ocpi.Tests.Support;

namespace StatusGrid.Ocpi.Tests;

/// <summary>
/// The spec examples are redistributed under CC BY-ND 4.0, which forbids modified copies: every file must match the
/// checksum recorded when it was copied, and nothing may be added or left out silently.
/// </summary>
public class SpecExamplesIntegrityTests
{
    [Fact]
    public void Spec_examples_are_byte_identical_to_their_recorded_checksums()
    {
        var root = Path.GetDirectoryName(Examples.Folder("2.2.1"))!;
        var recorded = File.ReadAllLines(Path.Combine(root, "SHA256SUMS"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1].TrimStart('.', '/'), parts => parts[0], StringComparer.Ordinal);

        var present = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(recorded.Keys.Order(StringComparer.Ordinal), present);
        foreach (var file in present)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, file))));
            Assert.True(recorded[file] == actual, $"{file} differs from the published example (CC BY-ND: never edit it)");
        }
    }

    [Fact]
    public void Both_spec_versions_ship_their_examples_in_the_repository()
    {
        Assert.True(Examples.Files("2.2.1", "*.json").Count() >= 27);
        Assert.True(Examples.Files("2.3.0", "*.json").Count() >= 27);
    }
}
