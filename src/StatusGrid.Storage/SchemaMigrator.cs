using StatusGrid.Storage.PostgreSql;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Storage;

/// <summary>
/// Applies the embedded schema scripts (Schema/{provider}/NNNN_*.sql) that the database has not seen yet, in order,
/// recording each in <c>statusgrid_schema_version</c>. Idempotent; safe when several silos start at once
/// (PostgreSQL: transaction-scoped advisory lock; SQLite: BEGIN IMMEDIATE, i.e. the file's write lock).
/// Run it before starting the Orleans silo: Orleans never creates its tables.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>The table that records applied script versions.</summary>
    public const string VersionTable = "statusgrid_schema_version";

    /// <summary>Brings the database to <see cref="LatestVersion"/>; returns how many scripts were applied (0 if current).</summary>
    public static Task<int> ApplyAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scripts = SchemaScripts.For(options.Provider);
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteSchemaMigrator.ApplyAsync(options.ConnectionString, scripts, cancellationToken),
            DatabaseProvider.PostgreSql => PostgresSchemaMigrator.ApplyAsync(options.ConnectionString, scripts, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, null),
        };
    }

    /// <summary>The highest applied script version; 0 for an empty database.</summary>
    public static Task<int> CurrentVersionAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteSchemaMigrator.CurrentVersionAsync(options.ConnectionString, cancellationToken),
            DatabaseProvider.PostgreSql => PostgresSchemaMigrator.CurrentVersionAsync(options.ConnectionString, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, null),
        };
    }

    /// <summary>The version this build's scripts bring a database to.</summary>
    public static int LatestVersion(DatabaseProvider provider) => SchemaScripts.LatestVersion(provider);
}
