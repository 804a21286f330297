namespace StatusGrid.Load.Tests;

/// <summary>
/// k6 cannot be installed here, so the k6 scripts are type-checked against the pinned @types/k6 instead: a wrong k6
/// API, option name or metric type fails this test. Needs node and npm (the npm registry or its cache for npm ci).
/// </summary>
[Collection(K6Folder.Collection)]
public sealed class K6TypecheckTests
{
    [Fact]
    public async Task K6_scripts_type_check_against_pinned_k6_types()
    {
        K6Folder.RequireTools();

        var root = RepoRoot.Find();
        var result = await CommandResult.RunAsync("bash", [Path.Combine(root, "load", "k6", "typecheck.sh")], root, TimeSpan.FromMinutes(3));

        Assert.True(result.ExitCode == 0, $"load/k6/typecheck.sh failed (exit {result.ExitCode}):\n{result.Output}");
        Assert.Contains("type-check OK", result.Output, StringComparison.Ordinal);
    }
}
