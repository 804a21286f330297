using System.Globalization;
using Microsoft.Data.Sqlite;

namespace StatusGrid.Storage.Sqlite;

internal static class SqliteSchemaMigrator
{
    public static async Task<int> ApplyAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        SqliteConnections.EnsureDirectory(connectionString);
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);

        // WAL lets readers (OCPI pulls, Orleans reads) run while the group-commit writer holds the write lock. It is
        // a property of the file, and cannot be changed inside a transaction, hence before BEGIN.
        Execute(connection, null, "PRAGMA journal_mode = WAL;");

        // IMMEDIATE takes the write lock up front: a second process migrating at the same time waits here
        // (busy timeout), then finds the versions already recorded and applies nothing.
        await using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, $"CREATE TABLE IF NOT EXISTS {SchemaMigrator.VersionTable} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);");
        var current = ReadVersion(connection, transaction);
        var applied = 0;
        foreach (var script in scripts.Where(s => s.Version > current))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Execute(connection, transaction, script.Sql);
            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = $"INSERT INTO {SchemaMigrator.VersionTable} (version, name, applied_at) VALUES (@version, @name, @at);";
            record.Parameters.AddWithValue("@version", script.Version);
            record.Parameters.AddWithValue("@name", script.Name);
            record.Parameters.AddWithValue("@at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            record.ExecuteNonQuery();
            applied++;
        }

        // Every run at that version or later: a silo of an earlier version may have written identities meanwhile.
        if (Math.Max(current, scripts.Count == 0 ? 0 : scripts[^1].Version) >= Estate.EvseIdentityMove.SinceVersion)
        {
            Execute(connection, transaction, Estate.EvseIdentityMove.Sqlite);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    public static async Task<int> CurrentVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        SqliteConnections.EnsureDirectory(connectionString);
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @name;";
        exists.Parameters.AddWithValue("@name", SchemaMigrator.VersionTable);
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        return ReadVersion(connection, null);
    }

    private static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT coalesce(max(version), 0) FROM {SchemaMigrator.VersionTable};";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
