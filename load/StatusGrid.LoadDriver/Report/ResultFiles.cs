using System.Text.Json;

namespace StatusGrid.LoadDriver.Report;

/// <summary>Raw results as JSON under load/results/ (git-ignored), for comparing runs later.</summary>
internal static class ResultFiles
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Write<T>(string name, T value)
    {
        var directory = Path.Combine(Target.RepoPaths.Root(), "load", "results");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{name}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(value, Options));
        return path;
    }
}
