namespace StatusGrid.Server.Auth;

/// <summary>
/// Bound from <c>StatusGrid:Auth</c>. Keys are sent as <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>). Each role
/// accepts its single key and every key in its list, so a key can be rotated without downtime: add the new key to
/// the list, move the clients over, remove the old one.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "StatusGrid:Auth";

    /// <summary>Keys shorter than this are refused outside Development.</summary>
    public const int MinimumLength = 32;

    /// <summary>Key for <c>/api/admin/*</c>.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>More admin keys (rotation): <c>StatusGrid:Auth:AdminApiKeys:0</c>, <c>...:1</c>.</summary>
    public List<string> AdminApiKeys { get; set; } = [];

    /// <summary>Key for <c>/api/status</c> (the CSMS or charge-point backend). Admin keys are accepted too.</summary>
    public string? IngestApiKey { get; set; }

    /// <summary>More ingest keys (rotation): <c>StatusGrid:Auth:IngestApiKeys:0</c>, ...</summary>
    public List<string> IngestApiKeys { get; set; } = [];

    public IEnumerable<string> Admin => Keys(AdminApiKey, AdminApiKeys);

    public IEnumerable<string> Ingest => Keys(IngestApiKey, IngestApiKeys);

    private static IEnumerable<string> Keys(string? single, List<string> list) =>
        (single is { Length: > 0 } ? [single, .. list] : list).Where(k => k.Length > 0);
}
