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
        var recorded = ReadVersions(connection, transaction);
        var current = recorded.Count == 0 ? 0 : recorded.Max();
        var applied = 0;
        // Every script not recorded, not just those above the highest: a gap may be filled by a later build.
        foreach (var script in scripts.Where(s => !recorded.Contains(s.Version)))
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

    public static async Task<int> CurrentVersionAsync(string connectionString, CancellationToken cancellationToken) =>
        await AppliedVersionsAsync(connectionString, cancellationToken).ConfigureAwait(false) is { Count: > 0 } versions ? versions.Max() : 0;

    public static async Task<IReadOnlySet<int>> AppliedVersionsAsync(string connectionString, CancellationToken cancellationToken)
    {
        SqliteConnections.EnsureDirectory(connectionString);
        await using var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false);
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @name;";
        exists.Parameters.AddWithValue("@name", SchemaMigrator.VersionTable);
        if (Convert.ToInt64(exists.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return new HashSet<int>();
        }

        return ReadVersions(connection, null);
    }

    private static HashSet<int> ReadVersions(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT version FROM {SchemaMigrator.VersionTable};";
        using var reader = command.ExecuteReader();
        var versions = new HashSet<int>();
        while (reader.Read())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
