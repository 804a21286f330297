namespace StatusGrid.Storage;

/// <summary>Which database holds Orleans' tables and StatusGrid's own.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: one SQLite file, no server to install.</summary>
    Sqlite,

    /// <summary>Production: PostgreSQL through Npgsql, shared by every silo of a cluster.</summary>
    PostgreSql,
}
