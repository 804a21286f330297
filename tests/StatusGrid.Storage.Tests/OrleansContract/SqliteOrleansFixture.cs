namespace StatusGrid.Storage.Tests.OrleansContract;

/// <summary>One silo + client on a fresh SQLite file for the SQLite contract test class.</summary>
public sealed class SqliteOrleansFixture : IAsyncLifetime
{
    private readonly TempSqliteDatabase _database = new();
    private OrleansHarness? _harness;

    public OrleansHarness Harness => _harness ?? throw new InvalidOperationException("Silo not started.");

    public TempSqliteDatabase Database => _database;

    public async Task InitializeAsync() => _harness = await OrleansHarness.StartAsync(_database.Options);

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        _database.Dispose();
    }
}
