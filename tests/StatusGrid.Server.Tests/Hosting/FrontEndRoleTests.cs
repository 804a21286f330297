namespace StatusGrid.Server.Tests.Hosting;

public sealed class FrontEndRoleTests
{
    [Fact]
    public async Task A_front_end_without_a_postgresql_cluster_refuses_to_start_and_names_the_settings()
    {
        // The embedded default: SQLite, Localhost clustering. There is no cluster for a client to talk to.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Role"] = "FrontEnd",
        }));

        Assert.Contains("StatusGrid:Role=FrontEnd", error.Message, StringComparison.Ordinal);
        Assert.Contains("StatusGrid:Cluster:Mode=AdoNet", error.Message, StringComparison.Ordinal);
        Assert.Contains("StatusGrid:Storage:Provider=PostgreSql", error.Message, StringComparison.Ordinal);
    }
}
