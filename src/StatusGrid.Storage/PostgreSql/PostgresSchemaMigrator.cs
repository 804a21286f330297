using System.Globalization;
using Npgsql;

namespace StatusGrid.Storage.PostgreSql;

internal static class PostgresSchemaMigrator
{
    /// <summary>Arbitrary constant naming StatusGrid's migration lock among the server's advisory locks.</summary>
    private const long AdvisoryLockKey = 0x5374_6174_7573_4772; // "StatusGr"

    /// <summary>NULLS NOT DISTINCT (the persistence identity index) needs PostgreSQL 15.</summary>
    private const int MinimumServerVersionNum = 150000;

    public static async Task<int> ApplyAsync(string connectionString, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var serverVersion = Convert.ToInt32(await ScalarAsync(connection, null, "SHOW server_version_num;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (serverVersion < MinimumServerVersionNum)
        {
            throw new NotSupportedException($"StatusGrid needs PostgreSQL 15 or later (server_version_num {serverVersion}).");
        }

        // All pending scripts in one transaction (PostgreSQL DDL is transactional) under a transaction-scoped
        // advisory lock: a second silo starting at the same time blocks here, then sees the recorded versions.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"CREATE TABLE IF NOT EXISTS {SchemaMigrator.VersionTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());", cancellationToken).ConfigureAwait(false);
        var recorded = await ReadVersionsAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var current = recorded.Count == 0 ? 0 : recorded.Max();
        var applied = 0;
        // Every script not recorded, not just those above the highest: a gap may be filled by a later build.
        foreach (var script in scripts.Where(s => !recorded.Contains(s.Version)))
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand($"INSERT INTO {SchemaMigrator.VersionTable} (version, name) VALUES (@version, @name);", connection, transaction);
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }

        // Every run at that version or later: a silo of an earlier version may have written identities meanwhile.
        if (Math.Max(current, scripts.Count == 0 ? 0 : scripts[^1].Version) >= Estate.EvseIdentityMove.SinceVersion)
        {
            await ExecuteAsync(connection, transaction, Estate.EvseIdentityMove.PostgreSql, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    public static async Task<int> CurrentVersionAsync(string connectionString, CancellationToken cancellationToken) =>
        await AppliedVersionsAsync(connectionString, cancellationToken).ConfigureAwait(false) is { Count: > 0 } versions ? versions.Max() : 0;

    public static async Task<IReadOnlySet<int>> AppliedVersionsAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var exists = await ScalarAsync(connection, null, $"SELECT to_regclass('{SchemaMigrator.VersionTable}') IS NOT NULL;", cancellationToken).ConfigureAwait(false);
        if (exists is not true)
        {
            return new HashSet<int>();
        }

        return await ReadVersionsAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<HashSet<int>> ReadVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version FROM {SchemaMigrator.VersionTable};", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
