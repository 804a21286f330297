using System.Security.Cryptography;
using System.Text.Json;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// The map's libraries are committed under wwwroot/lib by web/scripts/copy-lib.mjs. These tests fail when those files
/// drift from the versions pinned in web/package.json and web/package-lock.json (someone bumped a version without
/// copying again, or edited a vendored file).
/// </summary>
public sealed class LibManifestTests
{
    private const string Lib = "src/StatusGrid.Server/wwwroot/lib";
    private static readonly string[] Pages = ["index.html", "ops/index.html"];

    private static JsonElement Json(string relative) => JsonDocument.Parse(RepoFiles.Read(relative)).RootElement;

    [Fact]
    public void Every_front_end_dependency_is_pinned_to_one_exact_version_that_the_lockfile_and_the_copied_files_share()
    {
        var dependencies = Json("web/package.json").GetProperty("dependencies");
        var locked = Json("web/package-lock.json").GetProperty("packages");
        var copied = Json($"{Lib}/manifest.json").GetProperty("packages");

        Assert.Equal(
            dependencies.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            copied.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var dependency in dependencies.EnumerateObject())
        {
            var pinned = dependency.Value.GetString()!;
            Assert.Matches(@"^\d+\.\d+\.\d+$", pinned);
            Assert.Equal(pinned, locked.GetProperty("node_modules/" + dependency.Name).GetProperty("version").GetString());
            Assert.Equal(pinned, copied.GetProperty(dependency.Name).GetString());
        }
    }

    [Fact]
    public void The_committed_library_files_are_exactly_the_copied_ones()
    {
        var files = Json($"{Lib}/manifest.json").GetProperty("files");
        var root = RepoFiles.PathOf(Lib);
        var onDisk = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => f != "manifest.json")
            .Order(StringComparer.Ordinal);

        Assert.Equal(files.EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal), onDisk);
        foreach (var file in files.EnumerateObject())
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(root, file.Name))));
            Assert.True(file.Value.GetProperty("sha256").GetString() == hash, $"{file.Name} differs from what copy-lib.mjs copied");
        }
    }

    [Fact]
    public void The_pages_load_only_vendored_libraries_and_no_hand_written_hub_client()
    {
        var pages = Pages.Select(p => RepoFiles.Read($"src/StatusGrid.Server/wwwroot/{p}")).ToList();

        Assert.All(pages, page => Assert.DoesNotMatch("src=\"(https?:)?//", page));
        Assert.Contains("lib/leaflet/leaflet.js", pages[0], StringComparison.Ordinal);
        Assert.Contains("lib/leaflet.markercluster/leaflet.markercluster.js", pages[0], StringComparison.Ordinal);
        Assert.Contains("lib/signalr/signalr.min.js", pages[0], StringComparison.Ordinal);
        Assert.Contains("lib/chart.js/chart.umd.min.js", pages[1], StringComparison.Ordinal);
        Assert.False(File.Exists(RepoFiles.PathOf("src/StatusGrid.Server/wwwroot/hub-client.js")));
    }
}
