using Microsoft.Data.Sqlite;
using StatusGrid.Storage;

namespace StatusGrid.Server.Hosting;

/// <summary>Where the data is, said plainly: the absolute SQLite file (a relative path is relative to the working directory), or the PostgreSQL server.</summary>
internal static class StorageDescription
{
    public static string Describe(StorageOptions options)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            return source is "" or ":memory:" ? $"SQLite ({source})" : $"SQLite file {Path.GetFullPath(source)}";
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database} as {builder.Username}";
    }

    /// <summary>What a migration did, for the log: created, upgraded, or nothing to do.</summary>
    public static string Migration(StorageOptions options, int versionBefore, IReadOnlyList<SchemaScript> pendingBefore, int applied)
    {
        // The scripts missing before, not those above versionBefore: a gap filled by this build sits below it.
        var scripts = pendingBefore.Select(s => s.Name).ToList();
        var latest = SchemaMigrator.LatestVersion(options.Provider);
        return (versionBefore, applied) switch
        {
            (_, 0) => $"Database schema is current at version {latest}; nothing applied ({Describe(options)})",
            (0, _) => $"Created the database schema, version {latest}, with {applied} scripts ({string.Join(", ", scripts)}) in {Describe(options)}",
            _ => $"Upgraded the database schema from version {versionBefore} to {latest}: applied {string.Join(", ", scripts)} ({Describe(options)})",
        };
    }
}
