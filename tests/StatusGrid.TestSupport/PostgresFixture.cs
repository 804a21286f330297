using System.Collections.Concurrent;
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

    private readonly ConcurrentDictionary<string, Lazy<Task<IAsyncDisposable>>> _shared = new(StringComparer.Ordinal);
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture has not started.");

    public Task<string> CreateDatabaseAsync(string prefix = "t") => Server.CreateUniqueDatabaseAsync(prefix);

    /// <summary>
    /// A resource built on the server once per run and shared by whoever asks with the same key (e.g. an Orleans
    /// silo used by every test of a class: xunit 2 fixtures cannot depend on this one). It is disposed before the
    /// server stops.
    /// </summary>
    public async Task<T> GetOrCreateAsync<T>(string key, Func<PostgresServer, Task<T>> create)
        where T : class, IAsyncDisposable
    {
        var lazy = _shared.GetOrAdd(key, _ => new Lazy<Task<IAsyncDisposable>>(async () => await create(Server)));
        return (T)await lazy.Value;
    }

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync(durable: false);

    public async Task DisposeAsync()
    {
        foreach (var lazy in _shared.Values.Where(l => l.IsValueCreated))
        {
            try
            {
                await (await lazy.Value).DisposeAsync();
            }
            catch (Exception)
            {
                // A resource that failed to start or stop must not keep the server running.
            }
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
