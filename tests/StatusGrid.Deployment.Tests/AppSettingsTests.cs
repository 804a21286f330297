using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace StatusGrid.Deployment.Tests;

public sealed class AppSettingsTests
{
    [Fact]
    public void Every_StatusGrid_key_in_appsettings_json_binds_to_an_options_property_with_a_valid_value()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoFiles.PathOf("src/StatusGrid.Server/appsettings.json"), optional: false).Build();
        var keys = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && kv.Key.StartsWith("StatusGrid:", StringComparison.Ordinal))
            .Select(kv => kv.Key)
            .ToList();

        Assert.NotEmpty(keys);
        Assert.Empty(keys.Select(SettingsCatalog.Problem).OfType<string>());
        SettingsCatalog.BindAll(configuration);
    }

    [Fact]
    public void Pushes_and_ingest_are_not_logged_per_request_by_default()
    {
        // The HttpClient factory logs four lines per request at Information: at thousands of pushes a second that is
        // the console logger's queue, full, blocking the push pipeline.
        var configuration = new ConfigurationBuilder().AddJsonFile(RepoFiles.PathOf("src/StatusGrid.Server/appsettings.json"), optional: false).Build();
        using var factory = LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddConsole());
        foreach (var category in new[]
        {
            "System.Net.Http.HttpClient.ocpi-push.LogicalHandler",
            "System.Net.Http.HttpClient.ocpi-push.ClientHandler",
            "Microsoft.AspNetCore.Hosting.Diagnostics",
            "Microsoft.AspNetCore.Routing.EndpointMiddleware",
        })
        {
            Assert.False(factory.CreateLogger(category).IsEnabled(LogLevel.Information), category + " logs every request");
        }

        // Our own start-up and warnings still show.
        Assert.True(factory.CreateLogger("StatusGrid.Server.Hosting.StartupBanner").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void The_catalog_knows_the_sections_and_catches_a_misspelt_key()
    {
        Assert.Contains("StatusGrid:Storage", SettingsCatalog.All.Keys);
        Assert.Contains("StatusGrid:Cluster:Membership", SettingsCatalog.All.Keys);
        Assert.Null(SettingsCatalog.Problem("StatusGrid:Cluster:Membership:ProbeTimeout"));
        Assert.Null(SettingsCatalog.Problem("StatusGrid:Storage:ConnectionString"));
        Assert.NotNull(SettingsCatalog.Problem("StatusGrid:Storage:ConectionString"));
        Assert.NotNull(SettingsCatalog.Problem("StatusGrid:Storge:ConnectionString"));
        var bad = new ConfigurationBuilder().AddInMemoryCollection([new("StatusGrid:Storage:Provider", "Postgres")]).Build();
        Assert.ThrowsAny<InvalidOperationException>(() => SettingsCatalog.BindAll(bad));
    }
}
