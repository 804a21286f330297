using Npgsql;
using StatusGrid.Storage.PostgreSql;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.Migrations;

/// <summary>PostgreSQL's side of <see cref="EvseUidFoldTestsBase"/>.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresEvseUidFoldTests(PostgresFixture postgres) : EvseUidFoldTestsBase
{
    protected override async Task<StorageOptions> CreateDatabaseAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await postgres.CreateDatabaseAsync("uidfold") };

    protected override Task MigrateAsync(IReadOnlyList<SchemaScript> scripts) =>
        PostgresSchemaMigrator.ApplyAsync(Options.ConnectionString, scripts, CancellationToken.None);

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Options.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override string Stamp(DateTimeOffset at) => $"'{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}'::timestamptz";
}
