namespace StatusGrid.Server.Auth;

/// <summary>Bound from <c>StatusGrid:Auth</c>. Keys are sent as <c>X-Api-Key</c> (or <c>Authorization: Bearer</c>).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "StatusGrid:Auth";

    /// <summary>Key for <c>/api/admin/*</c>.</summary>
    public string? AdminApiKey { get; set; }

    /// <summary>Key for <c>/api/status</c> (the CSMS or charge-point backend). The admin key is accepted too.</summary>
    public string? IngestApiKey { get; set; }
}
