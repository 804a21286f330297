using Npgsql;
using StatusGrid.TestSupport;

namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>
/// The contract on PostgreSQL, with the session TimeZone deliberately not UTC: every Orleans time column is
/// timestamptz, so nothing may shift.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresOrleansContractTests(PostgresFixture postgres) : OrleansContractTestsBase
{
    protected override Task<OrleansHarness> HarnessAsync() =>
        postgres.GetOrCreateAsync(nameof(PostgresOrleansContractTests), async server =>
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await server.CreateUniqueDatabaseAsync("orleans")) { Timezone = "Asia/Kolkata" }.ConnectionString;
            return await OrleansHarness.StartAsync(new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString });
        });
}
