namespace StatusGrid.LoadDriver.Api;

/// <summary>
/// The keys StatusGrid is started with. A launched server gets the defaults below (outside Development StatusGrid
/// refuses keys shorter than 32 characters); a server started elsewhere needs --admin-key and --ingest-key.
/// </summary>
internal sealed record ApiKeys(string Admin = ApiKeys.DefaultAdmin, string Ingest = ApiKeys.DefaultIngest)
{
    public const string DefaultAdmin = "load-driver-admin-key-0123456789abcdef";
    public const string DefaultIngest = "load-driver-ingest-key-0123456789abcdef";
}
