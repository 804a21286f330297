using Microsoft.Data.Sqlite;
using StatusGrid.Storage;

namespace StatusGrid.Storage.Tests;

/// <summary>A SQLite file in its own temp directory (in a subdirectory that does not exist yet, to exercise its creation).</summary>
public sealed class TempSqliteDatabase : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "statusgrid-tests", Guid.NewGuid().ToString("N"));

    public TempSqliteDatabase()
    {
        Path = System.IO.Path.Combine(_directory, "nested", "statusgrid.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path }.ToString();
        Options = new StorageOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = ConnectionString };
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public StorageOptions Options { get; }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
