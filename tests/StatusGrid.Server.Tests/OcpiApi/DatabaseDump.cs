using System.Text;
using Microsoft.Data.Sqlite;

namespace StatusGrid.Server.Tests.OcpiApi;

/// <summary>Every text value in the host's SQLite database, as a dump would show it.</summary>
public static class DatabaseDump
{
    public static async Task<string> ReadAllTextAsync(StatusGridHost host)
    {
        var text = new StringBuilder();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "statusgrid.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.GetValue(i);
                    text.Append(value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString()).Append('\t');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }
}
