using Npgsql;

namespace StatusGrid.TestSupport;

/// <summary>
/// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temp directory, pg_ctl start on a free
/// 127.0.0.1 port (unix socket inside the temp directory), stop and delete on dispose. As root the binaries run as
/// the <c>postgres</c> OS user, because initdb refuses root. If STATUSGRID_TEST_PG holds a connection string, that
/// server is used instead and nothing is started.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExistingServerVariable = "STATUSGRID_TEST_PG";

    private const string SuperUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _binDirectory;
    private readonly string? _rootDirectory;
    private readonly bool _runAsPostgresUser;

    private PostgresServer(string connectionString, string? binDirectory, string? rootDirectory, bool runAsPostgresUser)
    {
        ConnectionString = connectionString;
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _runAsPostgresUser = runAsPostgresUser;
    }

    /// <summary>Connection string of the database created for this server (or of STATUSGRID_TEST_PG's).</summary>
    public string ConnectionString { get; }

    /// <summary>The data directory of a server started here (its postmaster.pid names the server process); else null.</summary>
    public string? DataDirectory => _rootDirectory is null ? null : Path.Combine(_rootDirectory, "data");

    /// <summary>True when the server was started here (false when STATUSGRID_TEST_PG was used).</summary>
    public bool IsOwned => _rootDirectory is not null;

    /// <param name="durable">
    /// False (tests) starts with fsync and synchronous_commit off: faster, loses data only on an OS crash.
    /// True (benchmarks) keeps PostgreSQL's defaults.
    /// </param>
    public static async Task<PostgresServer> StartAsync(bool durable = false, CancellationToken cancellationToken = default)
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            return new PostgresServer(existing, null, null, false);
        }

        var bin = PostgresBinaries.FindDirectory();
        var asPostgres = await IsRootAsync(cancellationToken).ConfigureAwait(false);
        var root = Directory.CreateTempSubdirectory("statusgrid-pg-").FullName;
        PostgresServer? server = null;
        try
        {
            if (asPostgres)
            {
                // The server runs as postgres, so it must own its directory (created 0700 by root above).
                await ProcessRunner.RunAsync("chown", [$"{SuperUser}:", root], CommandTimeout, cancellationToken).ConfigureAwait(false);
            }

            var port = FreePorts.Next();
            var dataDirectory = Path.Combine(root, "data");
            var builder = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = SuperUser,
                Database = "statusgrid",
                Pooling = true,
                MaxPoolSize = 200,
                Timeout = 30,
            };
            server = new PostgresServer(builder.ConnectionString, bin, root, asPostgres);
            await server.RunAsync("initdb", ["-D", dataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], cancellationToken).ConfigureAwait(false);
            var settings = new List<string>
            {
                $"-p {port}",
                "-c listen_addresses=127.0.0.1",
                $"-c unix_socket_directories={root}",
                "-c max_connections=300",
                "-c shared_buffers=128MB",
            };
            if (!durable)
            {
                settings.Add("-c fsync=off");
                settings.Add("-c synchronous_commit=off");
                settings.Add("-c full_page_writes=off");
            }

            await server.RunAsync("pg_ctl", ["start", "-D", dataDirectory, "-w", "-t", "60", "-l", Path.Combine(root, "server.log"), "-o", string.Join(' ', settings)], cancellationToken).ConfigureAwait(false);
            await server.CreateDatabaseAsync("statusgrid", cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                TryDelete(root);
            }

            throw;
        }
    }

    /// <summary>
    /// Creates a fresh, empty database on the same server and returns its connection string, so test classes
    /// sharing one server stay isolated.
    /// </summary>
    public async Task<string> CreateUniqueDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await CreateDatabaseAsync(name[..Math.Min(name.Length, 63)], cancellationToken).ConfigureAwait(false);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name[..Math.Min(name.Length, 63)] }.ConnectionString;
    }

    private async Task CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8';", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_rootDirectory is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var dataDirectory = Path.Combine(_rootDirectory, "data");
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunAsync("pg_ctl", ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // Already stopped or never started: deleting the directory is all that is left.
            }
        }

        TryDelete(_rootDirectory);
    }

    private Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDirectory!, tool);
        return _runAsPostgresUser
            ? ProcessRunner.RunAsync("runuser", ["-u", SuperUser, "--", executable, .. arguments], CommandTimeout, cancellationToken)
            : ProcessRunner.RunAsync(executable, arguments, CommandTimeout, cancellationToken);
    }

    private static async Task<bool> IsRootAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return false;
        }

        var uid = await ProcessRunner.RunAsync("id", ["-u"], CommandTimeout, cancellationToken).ConfigureAwait(false);
        return uid.Trim() == "0";
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}
