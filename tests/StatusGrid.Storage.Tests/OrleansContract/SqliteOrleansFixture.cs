namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>One silo + client on a fresh SQLite file for the SQLite contract test class.</summary>
public sealed class SqliteOrleansFixture : IAsyncLifetime
{
    private readonly TempSqliteDatabase database = new();
    private OrleansHarness? harness;

    public OrleansHarness Harness => harness ?? throw new InvalidOperationException("Silo not started.");

    public TempSqliteDatabase Database => database;

    public async Task InitializeAsync() => harness = await OrleansHarness.StartAsync(database.Options);

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }

        database.Dispose();
    }
}
