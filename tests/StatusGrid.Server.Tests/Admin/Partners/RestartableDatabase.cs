namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>
/// A SQLite file in a folder of its own, and the settings of a server process on it that is killed and started again:
/// quick retries, and a periodic reconcile too far away to help (recovery must not wait for it).
/// </summary>
internal sealed class RestartableDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "statusgrid-restart-" + Guid.NewGuid().ToString("N"));

    public RestartableDatabase() => Directory.CreateDirectory(_directory);

    public Dictionary<string, string> Settings() => new()
    {
        ["StatusGrid:Auth:AdminApiKey"] = StatusGridHost.AdminKey,
        ["StatusGrid:Auth:IngestApiKey"] = StatusGridHost.IngestKey,
        ["StatusGrid:Storage:Provider"] = "Sqlite",
        ["StatusGrid:Storage:ConnectionString"] = $"Data Source={Path.Combine(_directory, "statusgrid.db")}",
        ["StatusGrid:Push:BackoffBase"] = "00:00:00.050",
        ["StatusGrid:Push:BackoffMax"] = "00:00:01",
        ["StatusGrid:Push:BreakDuration"] = "00:00:01",
        ["StatusGrid:Push:ReconcileInterval"] = "01:00:00",
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
