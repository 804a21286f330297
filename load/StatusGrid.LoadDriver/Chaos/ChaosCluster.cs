using StatusGrid.LoadDriver.Target;
using StatusGrid.MockEmsp;
using StatusGrid.TestSupport;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>
/// StatusGrid silos from the Release build that can be killed and started again on the same ports: one silo on the
/// embedded default (SQLite), or several on a throwaway durable PostgreSQL with ADO.NET clustering. Each start of a
/// silo gets its own log file in the run's directory.
/// </summary>
internal sealed class ChaosCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dll = RepoPaths.ServerDll();
    private readonly List<string> _common;
    private readonly Silo[] _silos;
    private readonly PostgresServer? _postgres;

    private ChaosCluster(string directory, List<string> common, Silo[] silos, PostgresServer? postgres)
    {
        Directory = directory;
        _common = common;
        _silos = silos;
        _postgres = postgres;
    }

    public string Directory { get; }

    /// <summary>Keys of this run's silos (not the local-trial defaults, which a production host may refuse).</summary>
    public static Api.ApiKeys Keys { get; } = new("chaos-admin-" + Guid.NewGuid().ToString("N"), "chaos-ingest-" + Guid.NewGuid().ToString("N"));

    public int Count => _silos.Length;

    public IReadOnlyList<Uri> Urls => [.. _silos.Select(s => s.Url)];

    /// <summary>Started and healthy, not killed or stopped since (what a load balancer's health check would see).</summary>
    public bool IsUp(int silo) => _silos[silo].Up;

    public IReadOnlyList<int> Pids => [.. _silos.Where(s => s.Up && s.Process is not null).Select(s => s.Process!.Pid)];

    /// <param name="settings">Extra server settings (<c>StatusGrid:...=value</c>), e.g. membership timing.</param>
    public static async Task<ChaosCluster> StartAsync(int silos, IReadOnlyList<string> settings, TextWriter log)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("statusgrid-chaos-").FullName;
        PostgresServer? postgres = null;
        var common = new List<string>
        {
            "--contentRoot", Path.GetDirectoryName(RepoPaths.ServerDll())!,
            "--StatusGrid:Auth:AdminApiKey=" + Keys.Admin,
            "--StatusGrid:Auth:IngestApiKey=" + Keys.Ingest,

            // The mock eMSPs listen on loopback: without this the SSRF guard refuses every push (and the run
            // measures nothing but refusals).
            "--StatusGrid:Ocpi:AllowPrivateNetworkPartners=true",
        };
        if (silos > 1)
        {
            postgres = await PostgresServer.StartAsync(durable: true);
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(postgres.ConnectionString) { MaxPoolSize = 40 }.ConnectionString;
            common.AddRange([
                "--StatusGrid:Storage:Provider=PostgreSql",
                "--StatusGrid:Storage:ConnectionString=" + connection,
                "--StatusGrid:Cluster:Mode=AdoNet",
                "--StatusGrid:Cluster:AdvertisedIp=127.0.0.1",
                "--StatusGrid:Cluster:ClusterId=chaos-" + Guid.NewGuid().ToString("N")[..8],
                // Spread grains over the silos (resource-optimized placement puts most on one silo on a shared box).
                "--StatusGrid:Cluster:Placement=Random",
            ]);
        }
        else
        {
            common.Add($"--StatusGrid:Storage:ConnectionString=Data Source={Path.Combine(directory, "statusgrid.db")}");
        }

        common.AddRange(settings.Select(s => "--" + s));
        var nodes = Enumerable.Range(0, silos).Select(i =>
        {
            var ports = FreeLoopbackPorts.Take(3);
            return new Silo($"silo{i + 1}", new Uri($"http://127.0.0.1:{ports[0]}"), ports[1], ports[2]);
        }).ToArray();
        var cluster = new ChaosCluster(directory, common, nodes, postgres);
        try
        {
            for (var i = 0; i < silos; i++)
            {
                await cluster.StartSiloAsync(i);
                log.WriteLine($"  {nodes[i].Name} up at {nodes[i].Url}");
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Starts (or restarts) a silo on its ports and waits until /healthz answers.</summary>
    public async Task StartSiloAsync(int silo)
    {
        var node = _silos[silo];
        node.Up = false;
        if (node.Process is { } previous)
        {
            node.Process = null;
            await previous.DisposeAsync();
        }

        node.Starts++;
        var args = new List<string>(_common)
        {
            "--urls=" + node.Url.ToString().TrimEnd('/'),
            $"--StatusGrid:Cluster:SiloPort={node.SiloPort}",
            $"--StatusGrid:Cluster:GatewayPort={node.GatewayPort}",
            $"--StatusGrid:Cluster:SiloName={node.Name}",
        };
        node.Process = await LaunchedProcess.StartAsync(_dll, args, node.Url, Path.Combine(Directory, $"{node.Name}-{node.Starts}.log"), StartTimeout);
        node.Up = true;
    }

    public Task KillAsync(int silo)
    {
        // The load balancer does not know yet: requests still go there and are refused (then rerouted).
        var node = _silos[silo];
        return node.Process?.KillAsync() ?? Task.CompletedTask;
    }

    public Task<TimeSpan> TerminateAsync(int silo, TimeSpan grace) => _silos[silo].Process?.TerminateAsync(grace) ?? Task.FromResult(TimeSpan.Zero);

    /// <summary>Takes a silo out of the rotation (after its process is gone).</summary>
    public void MarkDown(int silo) => _silos[silo].Up = false;

    public string Name(int silo) => _silos[silo].Name;

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            if (silo.Process is { } process)
            {
                await process.DisposeAsync();
            }
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private sealed class Silo(string name, Uri url, int siloPort, int gatewayPort)
    {
        public string Name { get; } = name;

        public Uri Url { get; } = url;

        public int SiloPort { get; } = siloPort;

        public int GatewayPort { get; } = gatewayPort;

        public int Starts { get; set; }

        public LaunchedProcess? Process { get; set; }

        public volatile bool Up;
    }
}
