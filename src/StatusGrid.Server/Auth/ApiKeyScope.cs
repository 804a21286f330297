namespace StatusGrid.Server.Auth;

public enum ApiKeyScope
{
    Admin,
    Ingest,
}
