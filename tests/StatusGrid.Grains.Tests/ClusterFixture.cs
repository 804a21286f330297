namespace StatusGrid.Grains.Tests;

/// <summary>One two-silo cluster shared by the tests of a class; tests use their own location ids.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public GrainTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await GrainTestCluster.StartAsync(silos: 2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
