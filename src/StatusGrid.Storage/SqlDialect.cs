namespace StatusGrid.Storage;

/// <summary>Which SQL flavour <see cref="LocationQuerySql"/> writes.</summary>
internal enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
