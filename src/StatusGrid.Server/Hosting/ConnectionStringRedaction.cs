namespace StatusGrid.Server.Hosting;

/// <summary>Connection strings as they may appear in logs and the startup banner.</summary>
public static class ConnectionStringRedaction
{
    /// <summary>Every key ADO.NET providers read a secret from (Npgsql, SQLite, SqlClient, ODBC spellings).</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Password", "Pwd", "Passwd", "Pass", "User Password", "Ssl Password", "SslPassword", "Key", "Passfile", "Access Token", "AccessToken",
    };

    /// <summary>The connection string with the value of every password-like key replaced by ***.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (SecretKeys.Contains(key.Trim()) || key.Contains("password", StringComparison.OrdinalIgnoreCase))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // Not parseable: show nothing of it rather than a secret.
            return "(unparseable connection string, hidden)";
        }
    }
}
