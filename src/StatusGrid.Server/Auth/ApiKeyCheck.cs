using StatusGrid.Server.Dashboard;

namespace StatusGrid.Server.Auth;

/// <summary>
/// Judges the configured API keys at start. A missing, default (<c>change-me-*</c>) or short key is a door left open (and one no header can carry, e.g. blank, locks
/// the admin out):
/// outside Development the server refuses to start and says which key and how to set it; in Development it warns.
/// </summary>
public static class ApiKeyCheck
{
    /// <summary>One sentence per weak key, naming it and how to set it; empty when all keys are fine.</summary>
    /// <param name="viewerApiKey">
    /// <c>StatusGrid:Dashboard:ViewerApiKey</c>, judged whenever it is set: <c>RequireCredential</c> is read per request,
    /// so a configuration reload can make the key the map's lock without a restart.
    /// </param>
    public static IReadOnlyList<string> Problems(ApiKeyOptions options, string? viewerApiKey = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Check(problems, ApiKeyOptions.SectionName, "AdminApiKey", "AdminApiKeys", options.Admin.ToList());
        Check(problems, ApiKeyOptions.SectionName, "IngestApiKey", "IngestApiKeys", options.Ingest.ToList());
        if (viewerApiKey is { Length: > 0 })
        {
            Check(problems, DashboardOptions.SectionName, nameof(DashboardOptions.ViewerApiKey), "ViewerApiKey", [viewerApiKey]);
        }

        return problems;
    }

    private static void Check(List<string> problems, string section, string name, string listName, List<string> keys)
    {
        var how = $"set {section.Replace(":", "__", StringComparison.Ordinal)}__{name} (environment) or {section}:{name} (configuration) to a random secret of at least {ApiKeyOptions.MinimumLength} characters, e.g. `openssl rand -base64 33`";
        if (keys.Count == 0)
        {
            problems.Add($"{section}:{name} is not set: {how}.");
            return;
        }

        foreach (var (key, index) in keys.Select((k, i) => (k, i)))
        {
            var which = index == 0 ? $"{section}:{name}" : $"{section}:{listName} (entry {index})";
            if (key.StartsWith("change-me", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{which} is the shipped default '{key}': {how}.");
            }
            else if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                // Header values lose surrounding spaces and cannot carry control characters: nobody could ever send it.
                problems.Add($"{which} contains spaces or control characters, so no request header can carry it: {how}.");
            }
            else if (key.Length < ApiKeyOptions.MinimumLength)
            {
                problems.Add($"{which} is {key.Length} characters long, shorter than {ApiKeyOptions.MinimumLength}: {how}.");
            }
        }
    }
}
