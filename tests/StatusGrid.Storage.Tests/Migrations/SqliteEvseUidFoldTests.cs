using Microsoft.Data.Sqlite;
using StatusGrid.Storage.Sqlite;

namespace StatusGrid.Storage.Tests.Migrations;

/// <summary>SQLite's side of <see cref="EvseUidFoldTestsBase"/>.</summary>
public sealed class SqliteEvseUidFoldTests : EvseUidFoldTestsBase, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override Task<StorageOptions> CreateDatabaseAsync() => Task.FromResult(_database.Options);

    protected override Task MigrateAsync(IReadOnlyList<SchemaScript> scripts) =>
        SqliteSchemaMigrator.ApplyAsync(_database.ConnectionString, scripts, CancellationToken.None);

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_database.ConnectionString);
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override string Stamp(DateTimeOffset at) => UnixMillis.From(at).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => _database.Dispose();
}
