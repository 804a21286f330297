using System.Text.RegularExpressions;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// The oldest k6 that runs the scripts in load/k6, from what they use: TypeScript runs natively from k6 0.57.0
/// (earlier versions need a compatibility mode); k6/websockets is a core module from 1.6.0 (before, it was
/// k6/experimental/websockets).
/// </summary>
internal static partial class K6Minimum
{
    private static readonly (string Feature, Version Since, Func<string, bool> UsedBy)[] Features =
    [
        ("TypeScript scripts", new Version(0, 57, 0), _ => true),
        ("k6/websockets", new Version(1, 6, 0), text => Import().Matches(text).Any(m => m.Groups[1].Value == "k6/websockets")),
    ];

    public static Version Required() => Needed().Max(f => f.Since)!;

    public static string Why() => string.Join(", ", Needed().Select(f => $"{f.Feature} since {f.Since.ToString(3)}"));

    private static IEnumerable<(string Feature, Version Since, Func<string, bool> UsedBy)> Needed()
    {
        var scripts = Directory.EnumerateFiles(RepoFiles.PathOf("load/k6"), "*.ts", SearchOption.AllDirectories)
            .Where(p => !p.Contains("node_modules", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        return Features.Where(f => scripts.Any(f.UsedBy));
    }

    [GeneratedRegex("from \"(k6[^\"]*)\"")]
    private static partial Regex Import();
}
