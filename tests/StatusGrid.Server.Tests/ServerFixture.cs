namespace StatusGrid.Server.Tests;

/// <summary>One running host shared by the tests of a class (bad-input tests use their own ids).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public StatusGridHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await StatusGridHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
