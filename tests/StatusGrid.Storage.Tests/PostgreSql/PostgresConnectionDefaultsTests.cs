using Npgsql;
using StatusGrid.Storage.PostgreSql;

namespace StatusGrid.Storage.Tests.PostgreSql;

public sealed class PostgresConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_without_a_preparation_setting_gets_automatic_preparation()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;Username=sg;Password=secret;Database=statusgrid"));

        Assert.Equal(PostgresConnectionDefaults.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("secret", tuned.Password);
    }

    [Fact]
    public void An_operators_own_reset_setting_is_kept()
    {
        Assert.False(new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply("Host=db;No Reset On Close=false")).NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Max Auto Prepare=7", 7)]
    [InlineData("Host=db;maxautoprepare=12", 12)]
    public void An_operators_own_preparation_setting_is_kept(string connectionString, int expected)
    {
        // 0 is how to switch it off, e.g. behind a pooler that cannot keep prepared statements.
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionDefaults.Apply(connectionString));

        Assert.Equal(expected, tuned.MaxAutoPrepare);
    }
}
