using StatusGrid.LoadDriver.Cli;
using StatusGrid.LoadDriver.Target;

namespace StatusGrid.LoadDriver.Commands;

/// <summary>How <c>run</c> finds its StatusGrid: launched from the Release build (default) or attached with --target.</summary>
internal static class TargetArguments
{
    public static LaunchOptions Launch(CommandLine line) => new(
        line.Text("storage", "sqlite")!,
        line.Int("silos", 1),
        [.. (line.Text("server-settings") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => "--" + s)],
        line.Text("pg"),
        line.Int("front-ends", 0),
        line.Int("map-front-ends", 0),
        line.Flag("nice-map-front-ends"));

    public static IReadOnlyList<Uri> AttachUrls(CommandLine line)
    {
        var urls = (line.Text("target") ?? throw new ArgumentException("--launch none needs --target http://127.0.0.1:PORT"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Uri(u))
            .ToList();
        // Load goes to this machine only: a mistyped host must not become a load test of someone else's server.
        var remote = urls.FirstOrDefault(u => !u.IsLoopback);
        return remote is null ? urls : throw new ArgumentException($"{remote} is not a loopback address; the driver only loads 127.0.0.1/localhost.");
    }
}
