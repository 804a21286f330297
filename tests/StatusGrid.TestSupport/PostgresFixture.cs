using Xunit;

namespace StatusGrid.TestSupport;

/// <summary>
/// One <see cref="PostgresServer"/> for a test run, shared through an xunit collection fixture. xunit 2 wants the
/// [CollectionDefinition] in the test assembly itself: there, declare
/// <c>[CollectionDefinition(PostgresFixture.Collection)] public sealed class PostgresCollection : ICollectionFixture&lt;PostgresFixture&gt;;</c>
/// and mark the classes <c>[Collection(PostgresFixture.Collection)]</c>. Each class should take its own database
/// from <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string Collection = "PostgreSQL server";

    private PostgresServer? server;

    public PostgresServer Server => server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public Task<string> CreateDatabaseAsync(string prefix = "t") => Server.CreateUniqueDatabaseAsync(prefix);

    public async Task InitializeAsync() => server = await PostgresServer.StartAsync(durable: false);

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
