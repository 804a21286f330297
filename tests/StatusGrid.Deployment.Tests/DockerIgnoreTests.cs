using System.Text.RegularExpressions;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// .dockerignore keeps build output, node_modules and secrets out of the build context. Docker matches each pattern
/// against the path from the context root (Go filepath.Match plus <c>**</c>): <c>node_modules/</c> alone matches only
/// the root's, so nested ones (load/k6/node_modules) need <c>**/</c>.
/// </summary>
public sealed class DockerIgnoreTests
{
    private static readonly string[] NeverInContext = ["bin", "obj", "node_modules", "TestResults"];

    [Fact]
    public void Build_output_and_node_modules_are_left_out_at_every_depth()
    {
        var patterns = Patterns();
        foreach (var name in NeverInContext)
        {
            foreach (var path in new[] { name, $"src/StatusGrid.Server/{name}", $"load/k6/{name}", $"a/b/c/{name}" })
            {
                Assert.True(Ignored(patterns, path), $".dockerignore lets {path}/ into the build context");
            }
        }

        // And the real ones in this checkout (load/k6/node_modules after npm ci, every project's bin/obj).
        foreach (var directory in Directory.EnumerateDirectories(RepoFiles.Root, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(RepoFiles.Root, d).Replace('\\', '/'))
            .Where(d => !d.StartsWith(".git", StringComparison.Ordinal) && NeverInContext.Contains(d.Split('/')[^1])))
        {
            Assert.True(Ignored(patterns, directory), $".dockerignore lets {directory}/ into the build context");
        }
    }

    [Fact]
    public void The_env_file_with_the_keys_never_enters_an_image()
    {
        Assert.True(Ignored(Patterns(), ".env"));
    }

    [Fact]
    public void The_cluster_TLS_keys_compose_mounts_never_enter_an_image()
    {
        Assert.True(Ignored(Patterns(), "certs/cluster.key"));
        Assert.Contains("./certs:/run/secrets/statusgrid:ro", RepoFiles.Read("docker-compose.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Sources_are_not_ignored()
    {
        var patterns = Patterns();
        Assert.False(Ignored(patterns, "src/StatusGrid.Server/Program.cs"));
        Assert.False(Ignored(patterns, "load/StatusGrid.MockEmsp/Program.cs"));
    }

    private static List<string> Patterns() =>
        [.. RepoFiles.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];

    /// <summary>Last matching pattern wins; <c>!</c> re-includes. A directory pattern also covers what is below it.</summary>
    private static bool Ignored(IEnumerable<string> patterns, string path)
    {
        var ignored = false;
        foreach (var pattern in patterns)
        {
            var negated = pattern.StartsWith('!');
            var body = (negated ? pattern[1..] : pattern).TrimEnd('/').TrimStart('/');
            var regex = "^" + Regex.Escape(body)
                .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*\*", ".*", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
                .Replace(@"\?", "[^/]", StringComparison.Ordinal) + "(/.*)?$";
            if (Regex.IsMatch(path, regex))
            {
                ignored = !negated;
            }
        }

        return ignored;
    }
}
