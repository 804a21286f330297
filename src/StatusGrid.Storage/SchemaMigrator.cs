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

    /// <summary>Applies every script not yet recorded (gaps included); returns how many were applied (0 if current).</summary>
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

    /// <summary>
    /// The highest applied script version; 0 for an empty database. Not "current": a lower script may still be
    /// missing (see <see cref="PendingScriptsAsync(StorageOptions, CancellationToken)"/>).
    /// </summary>
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

    /// <summary>
    /// This build's scripts the database has not recorded, in version order; empty when the schema is current. Not
    /// "highest applied &lt; latest": a script filling a reserved gap sits below versions already applied.
    /// </summary>
    public static Task<IReadOnlyList<SchemaScript>> PendingScriptsAsync(StorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PendingScriptsAsync(options, SchemaScripts.For(options.Provider), cancellationToken);
    }

    internal static async Task<IReadOnlyList<SchemaScript>> PendingScriptsAsync(StorageOptions options, IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken = default)
    {
        var applied = options.Provider switch
        {
            DatabaseProvider.Sqlite => await SqliteSchemaMigrator.AppliedVersionsAsync(options.ConnectionString, cancellationToken).ConfigureAwait(false),
            DatabaseProvider.PostgreSql => await PostgresSchemaMigrator.AppliedVersionsAsync(options.ConnectionString, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, null),
        };
        return scripts.Where(s => !applied.Contains(s.Version)).ToList();
    }

    /// <summary>The version this build's scripts bring a database to.</summary>
    public static int LatestVersion(DatabaseProvider provider) => SchemaScripts.LatestVersion(provider);
}
