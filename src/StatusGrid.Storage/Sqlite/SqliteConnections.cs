using Microsoft.Data.Sqlite;

namespace StatusGrid.Storage.Sqlite;

/// <summary>How StatusGrid opens its own SQLite connections (Orleans opens its own from the same connection string).</summary>
public static class SqliteConnections
{
    /// <summary>
    /// How long a statement waits for another connection's write lock. SQLite allows one writer per file, and the
    /// status writer, the ledger writer and Orleans' providers all write to the same file.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>
    /// Group reads (EVSE grains activating together) in flight at once per store. Readers in WAL mode wait neither
    /// for each other nor for the writer, but the library is synchronous: each query holds a thread throughout.
    /// </summary>
    public const int GroupReadConcurrency = 2;

    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            // Per connection: pooled connections keep it, but a new physical connection starts without one.
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";
            pragma.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sets PRAGMA synchronous (FULL: every commit is on disk before it returns; NORMAL: WAL commits are not fsynced).</summary>
    public static void SetSynchronous(SqliteConnection connection, string level)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var pragma = connection.CreateCommand();
        pragma.CommandText = level switch
        {
            "FULL" => "PRAGMA synchronous = FULL;",
            "NORMAL" => "PRAGMA synchronous = NORMAL;",
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "FULL or NORMAL"),
        };
        pragma.ExecuteNonQuery();
    }

    /// <summary>Creates the directory of the database file if missing (no-op for in-memory databases).</summary>
    public static void EnsureDirectory(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrEmpty(dataSource)
            || builder.Mode == SqliteOpenMode.Memory
            || dataSource.Equals(":memory:", StringComparison.Ordinal)
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
