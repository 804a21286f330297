using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using StatusGrid.MockEmsp;
using StatusGrid.Server.Hosting;
using StatusGrid.Storage;

namespace StatusGrid.Deployment.Tests;

/// <summary>
/// docker-compose.yml cannot be started here (no Docker engine), so what can be checked without one is checked:
/// services and their order, every setting binds, the connection string matches the database, ports and names line
/// up, the k6 script and its variables exist.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Silos = ["silo1", "silo2", "silo3"];
    private static readonly string[] FrontEnds = ["frontend1", "frontend2"];

    // Settings compose sets that another change in flight adds to the options classes (the hardening work, issue 11):
    // checked like every other key as soon as the property exists.
    private static readonly string[] TcpHosts = ["127.0.0.1", "localhost"];

    private static readonly string[] Pending = ["StatusGrid:Ocpi:AllowPrivateNetworkPartners"];
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void It_has_postgres_the_migration_three_silos_two_front_ends_a_mock_emsp_and_a_k6_profile()
    {
        Assert.Superset(new HashSet<string>(["postgres", "migrate", "silo1", "silo2", "silo3", "silo", "frontend1", "frontend2", "mock-emsp", "k6"]), _compose.ServiceNames.ToHashSet());
        Assert.Equal(["migrate"], ComposeFile.List(_compose.Service("migrate"), "command"));
        Assert.Equal(["k6"], ComposeFile.List(_compose.Service("k6"), "profiles"));
        Assert.Equal(["scale"], ComposeFile.List(_compose.Service("silo"), "profiles"));
        Assert.Empty(ComposeFile.List(_compose.Service("silo1"), "profiles"));
        Assert.All(FrontEnds, f => Assert.Empty(ComposeFile.List(_compose.Service(f), "profiles")));
    }

    [Fact]
    public void Every_silo_and_the_migration_wait_for_postgres_and_silos_for_the_migration()
    {
        foreach (var service in Silos.Concat(FrontEnds).Append("silo").Append("migrate"))
        {
            var dependsOn = (YamlDotNet.RepresentationModel.YamlMappingNode)_compose.Service(service)["depends_on"];
            Assert.Equal("service_healthy", ComposeFile.Text((YamlDotNet.RepresentationModel.YamlMappingNode)dependsOn["postgres"], "condition"));
            if (service != "migrate")
            {
                Assert.Equal("service_completed_successfully", ComposeFile.Text((YamlDotNet.RepresentationModel.YamlMappingNode)dependsOn["migrate"], "condition"));
            }
        }
    }

    [Fact]
    public void Every_StatusGrid_variable_binds_to_a_setting_with_a_valid_value()
    {
        foreach (var service in Silos.Concat(FrontEnds).Append("silo").Append("migrate"))
        {
            var variables = _compose.Environment(service).Where(v => v.Key.StartsWith("StatusGrid__", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(variables);
            Assert.Empty(variables
                .Select(v => v.Key.Replace("__", ":", StringComparison.Ordinal))
                .Where(k => !Pending.Contains(k) || SettingsCatalog.Problem(k) is null)
                .Select(SettingsCatalog.Problem).OfType<string>());

            var configuration = Configuration(service);
            SettingsCatalog.BindAll(configuration);
            Assert.Equal(DatabaseProvider.PostgreSql, configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!.Provider);
            Assert.Equal("AdoNet", configuration["StatusGrid:Cluster:Mode"]);
        }
    }

    [Fact]
    public void Silos_share_ServiceId_and_ClusterId_and_have_distinct_names_and_host_ports()
    {
        var settings = Silos.Select(s => Configuration(s)).ToList();
        Assert.Single(settings.Select(c => c["StatusGrid:Cluster:ServiceId"]).Distinct());
        Assert.Single(settings.Select(c => c["StatusGrid:Cluster:ClusterId"]).Distinct());
        Assert.Equal(Silos, settings.Select(c => c["StatusGrid:Cluster:SiloName"]));

        var ports = Silos.SelectMany(s => ComposeFile.List(_compose.Service(s), "ports")).ToList();
        Assert.Equal(3, ports.Count);
        Assert.Equal(ports.Count, ports.Select(p => p.Split(':')[0]).Distinct().Count());
        // The container side is the port the image listens on.
        var listening = ImageHttpPort("src/StatusGrid.Server/Dockerfile");
        Assert.All(ports, p => Assert.Equal(listening, p.Split(':')[1]));
        // Scaled replicas cannot share a host port.
        Assert.Empty(ComposeFile.List(_compose.Service("silo"), "ports"));
    }

    [Fact]
    public void Front_ends_are_clients_of_the_silos_cluster_with_their_own_names_and_host_ports_and_silos_stay_silos()
    {
        var silo = Configuration("silo1");
        foreach (var frontEnd in FrontEnds)
        {
            var settings = Configuration(frontEnd);
            Assert.Equal(HostRole.FrontEnd, HostRoles.Read(settings));
            Assert.Equal(frontEnd, settings["StatusGrid:FrontEnd:Name"]);
            // The same cluster, found through the same membership table.
            foreach (var key in new[] { "StatusGrid:Cluster:Mode", "StatusGrid:Cluster:ServiceId", "StatusGrid:Cluster:ClusterId", "StatusGrid:Storage:Provider", "StatusGrid:Storage:ConnectionString" })
            {
                Assert.Equal(silo[key], settings[key]);
            }

            // What FrontEndHosting requires, or the front-end refuses to start.
            FrontEndHosting.RefuseWithoutCluster(settings.GetSection(ClusterSettings.SectionName).Get<ClusterSettings>()!, settings.GetSection(StorageOptions.SectionName).Get<StorageOptions>()!);
            Assert.Null(settings["StatusGrid:Cluster:SiloName"]);
        }

        Assert.All(Silos.Append("silo"), s => Assert.Equal(HostRole.Silo, HostRoles.Read(Configuration(s))));
        var ports = Silos.Concat(FrontEnds).SelectMany(s => ComposeFile.List(_compose.Service(s), "ports")).ToList();
        Assert.Equal(Silos.Length + FrontEnds.Length, ports.Count);
        Assert.Equal(ports.Count, ports.Select(p => p.Split(':')[0]).Distinct().Count());
        Assert.All(ports, p => Assert.Equal(ImageHttpPort("src/StatusGrid.Server/Dockerfile"), p.Split(':')[1]));
    }

    [Fact]
    public void The_connection_string_names_the_postgres_service_and_its_database_and_the_password_travels_as_PGPASSWORD()
    {
        var postgres = _compose.Environment("postgres");
        foreach (var service in Silos.Concat(FrontEnds).Append("silo").Append("migrate"))
        {
            var parts = Configuration(service)["StatusGrid:Storage:ConnectionString"]!
                .Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            Assert.Equal("postgres", parts["Host"]);
            Assert.Equal(postgres["POSTGRES_DB"], parts["Database"]);
            Assert.Equal(postgres["POSTGRES_USER"], parts["Username"]);
            // A password with ';' or quotes would break the connection string: Npgsql reads PGPASSWORD instead.
            Assert.DoesNotContain(parts.Keys, k => k.Equals("Password", StringComparison.OrdinalIgnoreCase) || k.Equals("Pwd", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(postgres["POSTGRES_PASSWORD"], _compose.Environment(service)["PGPASSWORD"]);
        }
    }

    [Fact]
    public void Images_are_built_from_dockerfiles_that_exist()
    {
        foreach (var service in new[] { "migrate", "silo1", "silo2", "silo3", "silo", "frontend1", "frontend2", "mock-emsp" })
        {
            var build = (YamlDotNet.RepresentationModel.YamlMappingNode)_compose.Service(service)["build"];
            var context = ComposeFile.Text(build, "context")!;
            var dockerfile = ComposeFile.Text(build, "dockerfile")!;
            Assert.True(File.Exists(RepoFiles.PathOf(Path.Combine(context, dockerfile))), $"{service}: {dockerfile} not found");
        }
    }

    [Fact]
    public void The_k6_profile_runs_an_existing_script_that_reads_every_variable_it_is_given()
    {
        var k6 = _compose.Service("k6");
        var volume = Assert.Single(ComposeFile.List(k6, "volumes"));
        var (hostFolder, mountedAt) = (volume.Split(':')[0], volume.Split(':')[1]);
        var script = ComposeFile.List(k6, "command").Single(a => a.EndsWith(".ts", StringComparison.Ordinal));
        Assert.StartsWith(mountedAt + "/", script, StringComparison.Ordinal);
        var scriptPath = Path.Combine(hostFolder, script[(mountedAt.Length + 1)..]);
        Assert.True(File.Exists(RepoFiles.PathOf(scriptPath)), scriptPath + " not found");

        var text = RepoFiles.Read(scriptPath);
        var environment = _compose.Environment("k6");
        Assert.All(environment.Keys, name => Assert.Contains($"\"{name}\"", text, StringComparison.Ordinal));

        // Its targets are the front-ends (where compose puts ingest clients) and the mock eMSP, on the ports their images listen on.
        var targets = environment["STATUSGRID_URLS"].Split(',').Select(u => new Uri(u)).ToList();
        Assert.Equal(FrontEnds, targets.Select(u => u.Host));
        Assert.All(targets, u => Assert.Equal(ImageHttpPort("src/StatusGrid.Server/Dockerfile"), u.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var dependsOn = (YamlDotNet.RepresentationModel.YamlMappingNode)k6["depends_on"];
        Assert.Superset(FrontEnds.ToHashSet(), dependsOn.Children.Keys.Select(ComposeFile.Scalar).ToHashSet());
        var mock = MockOptions();
        foreach (var url in new[] { environment["EMSP_LOCATIONS_URL"], environment["EMSP_URL"] }.Select(u => new Uri(u)))
        {
            Assert.Equal("mock-emsp", url.Host);
            Assert.Equal(mock.BasePort, url.Port);
        }
    }

    /// <summary>The mock eMSP's settings as its own parser reads the compose command (an unknown option throws).</summary>
    private FleetOptions MockOptions() => MockArguments.Parse([.. ComposeFile.List(_compose.Service("mock-emsp"), "command").Select(ComposeFile.WithDefaults)]).ToOptions();

    [Fact]
    public void The_mock_emsp_listens_on_all_interfaces_on_the_port_compose_maps_and_names_itself_by_its_service_name()
    {
        var mock = MockOptions();
        Assert.Equal(System.Net.IPAddress.Any, mock.ListenAddress);
        var mapped = Assert.Single(ComposeFile.List(_compose.Service("mock-emsp"), "ports"));
        Assert.Equal(mock.BasePort.ToString(CultureInfo.InvariantCulture), mapped.Split(':')[^1]);
        Assert.Equal(1, mock.Partners);
        Assert.Equal("mock-emsp", mock.PublicBaseUrl?.Host);
        Assert.Equal(mock.BasePort, mock.PublicBaseUrl?.Port);
        Assert.True(mock.RecentPushes > 0, "the compose mock eMSP shows what it received (GET /received)");
    }

    [Fact]
    public void Postgres_is_healthy_only_once_it_accepts_TCP_connections()
    {
        // pg_isready without -h uses the unix socket, which the image's temporary init server answers on a fresh
        // volume before the real server takes TCP connections: migrate would then get "connection refused".
        var test = ComposeFile.List((YamlDotNet.RepresentationModel.YamlMappingNode)_compose.Service("postgres")["healthcheck"], "test");
        Assert.Equal("CMD", test[0]);
        Assert.Equal("pg_isready", test[1]);
        Assert.Contains(Option(test, "-h"), TcpHosts);
        Assert.Equal("5432", Option(test, "-p"));
        Assert.Equal(_compose.Environment("postgres")["POSTGRES_USER"], Option(test, "-U"));
        Assert.Equal(_compose.Environment("postgres")["POSTGRES_DB"], Option(test, "-d"));
    }

    [Fact]
    public void Postgres_is_not_published_on_the_host()
    {
        Assert.Empty(ComposeFile.List(_compose.Service("postgres"), "ports"));
    }

    [Fact]
    public void Keys_and_the_database_password_have_no_defaults_and_every_required_variable_is_in_env_example()
    {
        var text = RepoFiles.Read("docker-compose.yml");
        string[] secrets = ["STATUSGRID_ADMIN_KEY", "STATUSGRID_INGEST_KEY", "POSTGRES_PASSWORD"];
        foreach (Match use in Variable().Matches(text))
        {
            var (name, modifier) = (use.Groups["name"].Value, use.Groups["modifier"].Value);
            if (secrets.Contains(name))
            {
                Assert.True(modifier == ":?", $"${{{name}}} must be required (:?), not defaulted: {use.Value}");
            }
        }

        var required = Variable().Matches(text).Where(m => m.Groups["modifier"].Value is ":?" or "?").Select(m => m.Groups["name"].Value).ToHashSet();
        Assert.Superset(secrets.ToHashSet(), required);
        var example = RepoFiles.Read(".env.example").Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToDictionary(l => l.Split('=')[0], l => l.Split('=', 2)[1]);
        Assert.Equal(required.Order(), example.Keys.Where(required.Contains).Order());
        // The example holds no usable value: a copied .env must be filled in before compose starts.
        Assert.All(required, name => Assert.Equal("", example[name]));
    }

    [Fact]
    public void PostgreSQL_has_room_for_every_silo_the_README_scales_to()
    {
        var command = ComposeFile.List(_compose.Service("postgres"), "command");
        var maxConnections = int.Parse(command.Single(c => c.StartsWith("max_connections=", StringComparison.Ordinal)).Split('=')[1], CultureInfo.InvariantCulture);
        var pool = int.Parse(Regex.Match(Configuration("silo1")["StatusGrid:Storage:ConnectionString"]!, @"Maximum Pool Size=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var scaled = Regex.Matches(RepoFiles.Read("docker-compose.yml") + RepoFiles.Read("README.md"), @"--scale silo=(\d+)")
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Max();
        // Each silo and front-end: two pools (Orleans' providers or client, StatusGrid's stores); migrate: one;
        // PostgreSQL keeps 3 for superusers.
        var needed = ((Silos.Length + scaled + FrontEnds.Length) * 2 * pool) + pool + 3;
        Assert.True(maxConnections > needed, $"max_connections={maxConnections}, but {Silos.Length}+{scaled} silos and {FrontEnds.Length} front-ends can open {needed}");
    }

    [Fact]
    public void The_k6_image_is_pinned_to_a_version_that_runs_the_scripts()
    {
        var image = ComposeFile.Text(_compose.Service("k6"), "image")!;
        var match = Regex.Match(image, @"^grafana/k6:(\d+)\.(\d+)\.(\d+)$");
        Assert.True(match.Success, $"{image}: pin an exact k6 version (latest moves across majors; a cached latest may be old)");
        var pinned = new Version(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.True(pinned >= K6Minimum.Required(), $"{image}: the scripts need k6 {K6Minimum.Required()} ({K6Minimum.Why()})");
        // What the READMEs promise is what the scripts need.
        Assert.Contains($"k6 {K6Minimum.Required().ToString(3)}", RepoFiles.Read("load/k6/README.md"), StringComparison.Ordinal);
        Assert.Contains($"k6 {K6Minimum.Required().ToString(3)}", RepoFiles.Read("README.md"), StringComparison.Ordinal);
    }

    private static string? Option(IReadOnlyList<string> arguments, string name)
    {
        var at = arguments.ToList().IndexOf(name);
        return at >= 0 && at + 1 < arguments.Count ? arguments[at + 1] : null;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(?<modifier>:?[-?])?[^}]*\}")]
    private static partial Regex Variable();

    private IConfiguration Configuration(string service) => new ConfigurationBuilder()
        .AddInMemoryCollection(_compose.Environment(service)
            .Where(v => v.Key.StartsWith("StatusGrid__", StringComparison.Ordinal))
            .Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ":", StringComparison.Ordinal), ComposeFile.WithDefaults(v.Value))))
        .Build();

    /// <summary>The port of the image's <c>ENV URLS=http://0.0.0.0:PORT</c>.</summary>
    private static string ImageHttpPort(string dockerfile)
    {
        var match = UrlsLine().Match(RepoFiles.Read(dockerfile));
        Assert.True(match.Success, dockerfile + " sets no URLS");
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^ENV URLS=http://0\.0\.0\.0:(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex UrlsLine();
}
