namespace StatusGrid.Load.Tests;

/// <summary>
/// The shell scripts under load/ (cold start, profiles, allocations, fuzzing, model checks) run only by hand, for
/// minutes, so the suite does not run them. It checks what breaks them before they start: a syntax error, or a
/// script meant to be run (it has a shebang) that lost its executable bit.
/// </summary>
public sealed class LoadScriptsTests
{
    public static TheoryData<string> Scripts() => new(ScriptPaths());

    /// <summary>Folders of built output and installed packages, whose scripts are not ours.</summary>
    private static readonly string[] NotOurs = ["node_modules", "bin", "obj"];

    private static List<string> ScriptPaths()
    {
        var root = RepoRoot.Find();
        return Directory.EnumerateFiles(Path.Combine(root, "load"), "*.sh", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Intersect(NotOurs).Any())
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void The_load_folder_has_its_scripts()
    {
        var scripts = ScriptPaths();
        Assert.Contains(Path.Combine("load", "profile", "profile.sh"), scripts);
        Assert.Contains(Path.Combine("load", "profile", "allocations.sh"), scripts);
        Assert.Contains(Path.Combine("load", "cold-start.sh"), scripts);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task A_load_script_parses(string script)
    {
        var root = RepoRoot.Find();
        var result = await CommandResult.RunAsync("bash", ["-n", script], root, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, $"bash -n {script} failed:\n{result.Output}");
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_load_script_with_a_shebang_is_executable(string script)
    {
        var path = Path.Combine(RepoRoot.Find(), script);
        if (OperatingSystem.IsWindows())
        {
            return; // no executable bit to lose
        }

        if (!File.ReadLines(path).First().StartsWith("#!", StringComparison.Ordinal))
        {
            return; // sourced by another script (load/profile/ingest.sh), not run itself
        }

        Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0,
            $"{script} has a shebang but is not executable: git update-index --chmod=+x {script}");
    }
}
