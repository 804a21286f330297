using Microsoft.Extensions.Configuration;
using Npgsql;
using StatusGrid.Server.Hosting;
using StatusGrid.Storage;
using StatusGrid.Storage.PostgreSql;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>The storage settings every part of a silo reads (our stores, Orleans' ADO.NET providers, health checks).</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void A_PostgreSQL_connection_string_is_read_with_automatic_preparation_for_every_consumer()
    {
        var options = StorageHosting.ReadOptions(Configuration(("Provider", "PostgreSql"), ("ConnectionString", "Host=db;Username=sg;Database=statusgrid")));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, new NpgsqlConnectionStringBuilder(options.ConnectionString).MaxAutoPrepare);
    }

    [Fact]
    public void A_SQLite_connection_string_is_read_as_given()
    {
        var options = StorageHosting.ReadOptions(Configuration(("ConnectionString", "Data Source=data/x.db")));

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=data/x.db", options.ConnectionString);
    }

    [Fact]
    public void A_PostgreSQL_connection_string_that_does_not_parse_stops_the_start_with_the_setting_to_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            StorageHosting.ReadOptions(Configuration(("Provider", "PostgreSql"), ("ConnectionString", "Hots=db;Database=statusgrid"))));

        Assert.Contains("StatusGrid:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] storage) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(storage.Select(s => KeyValuePair.Create<string, string?>($"{StorageOptions.SectionName}:{s.Key}", s.Value)))
            .Build();
}
