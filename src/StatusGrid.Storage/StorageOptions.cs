namespace StatusGrid.Storage;

/// <summary>Bound from configuration section <c>StatusGrid:Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "StatusGrid:Storage";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>ADO.NET connection string. For SQLite, the directory of the file is created if missing.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/statusgrid.db";

    /// <summary>Most status changes written in one group-commit transaction.</summary>
    public int MaxBatchSize { get; set; } = 2000;

    /// <summary>The Orleans ADO.NET invariant name for the configured provider.</summary>
    public string AdoNetInvariant => Provider switch
    {
        // Orleans 10.4.2 maps this name to Microsoft.Data.Sqlite's factory; "Microsoft.Data.Sqlite" is rejected.
        DatabaseProvider.Sqlite => "System.Data.SQLite",
        DatabaseProvider.PostgreSql => "Npgsql",
        _ => throw new InvalidOperationException($"Unknown provider {Provider}"),
    };
}
