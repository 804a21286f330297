namespace StatusGrid.Storage.Tests.OrleansContract;

public sealed class SqliteOrleansContractTests(SqliteOrleansFixture fixture) : OrleansContractTestsBase, IClassFixture<SqliteOrleansFixture>
{
    [Fact]
    public async Task Invariant_Microsoft_Data_Sqlite_is_rejected_at_silo_start()
    {
        // Orleans 10.4.2 only knows "System.Data.SQLite" for the Microsoft.Data.Sqlite driver.
        var ex = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var silo = await OrleansHarness.StartSiloAsync(fixture.Database.Options, "Microsoft.Data.Sqlite", "rejected-service", "rejected-cluster");
        });
        Assert.Contains("Microsoft.Data.Sqlite", ex.ToString(), StringComparison.Ordinal);
    }

    protected override Task<OrleansHarness> HarnessAsync() => Task.FromResult(fixture.Harness);
}
