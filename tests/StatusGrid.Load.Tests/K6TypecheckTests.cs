namespace StatusGrid.Load.Tests;

/// <summary>
/// k6 cannot be installed here, so the k6 scripts are type-checked against the pinned @types/k6 instead: a wrong k6
/// API, option name or metric type fails this test. Needs node and npm (the npm registry or its cache for npm ci).
/// </summary>
public sealed class K6TypecheckTests
{
    private static readonly string[] Tools = ["node", "npm"];

    [Fact]
    public async Task K6_scripts_type_check_against_pinned_k6_types()
    {
        var missing = Tools.Where(p => !CommandResult.OnPath(p)).ToList();
        Assert.True(missing.Count == 0,
            $"{string.Join(" and ", missing)} not found on PATH: the k6 scripts in load/k6 are type-checked with npm ci + tsc. "
            + "Install Node.js 20+ with npm (Debian: apt-get install nodejs npm), then run load/k6/typecheck.sh.");

        var root = RepoRoot.Find();
        var result = await CommandResult.RunAsync("bash", [Path.Combine(root, "load", "k6", "typecheck.sh")], root, TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, $"load/k6/typecheck.sh failed (exit {result.ExitCode}):\n{result.Output}");
        Assert.Contains("type-check OK", result.Output, StringComparison.Ordinal);
    }
}
