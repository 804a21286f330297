namespace StatusGrid.Load.Tests;

/// <summary>Tests that run <c>npm ci</c> in load/k6 share one collection: two installs at once into one folder collide.</summary>
[CollectionDefinition(Collection)]
public sealed class K6Folder
{
    public const string Collection = "load/k6 folder";

    public static readonly string[] Tools = ["node", "npm"];

    public static string Path => System.IO.Path.Combine(RepoRoot.Find(), "load", "k6");

    public static void RequireTools()
    {
        var missing = Tools.Where(p => !CommandResult.OnPath(p)).ToList();
        Assert.True(missing.Count == 0,
            $"{string.Join(" and ", missing)} not found on PATH: the k6 scripts in load/k6 are checked with Node.js 20+ and npm "
            + "(Debian: apt-get install nodejs npm).");
    }

    public static async Task InstallAsync()
    {
        var install = await CommandResult.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], Path, TimeSpan.FromMinutes(3));
        Assert.True(install.ExitCode == 0, "npm ci in load/k6 failed:\n" + install.Output);
    }
}
