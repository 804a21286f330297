using Npgsql;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>Reads Orleans' membership rows straight from PostgreSQL: proof that the cluster formed through the database.</summary>
public static class MembershipTable
{
    /// <summary>Orleans' SiloStatus values as stored: Active = 3, Dead = 6.</summary>
    public const int Active = 3;

    public const int Dead = 6;

    public static async Task<Dictionary<string, int>> ReadAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT silo_name, status FROM orleans_membership WHERE deployment_id = @cluster ORDER BY start_time", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[reader.GetString(0)] = reader.GetInt32(1);
        }

        return rows;
    }
}
