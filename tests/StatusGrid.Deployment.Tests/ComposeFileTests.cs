using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
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
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void It_has_postgres_the_migration_three_silos_a_mock_emsp_and_a_k6_profile()
    {
        Assert.Superset(new HashSet<string>(["postgres", "migrate", "silo1", "silo2", "silo3", "silo", "mock-emsp", "k6"]), _compose.ServiceNames.ToHashSet());
        Assert.Equal(["migrate"], ComposeFile.List(_compose.Service("migrate"), "command"));
        Assert.Equal(["k6"], ComposeFile.List(_compose.Service("k6"), "profiles"));
        Assert.Equal(["scale"], ComposeFile.List(_compose.Service("silo"), "profiles"));
        Assert.Empty(ComposeFile.List(_compose.Service("silo1"), "profiles"));
    }

    [Fact]
    public void Every_silo_and_the_migration_wait_for_postgres_and_silos_for_the_migration()
    {
        foreach (var service in Silos.Append("silo").Append("migrate"))
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
        foreach (var service in Silos.Append("silo").Append("migrate"))
        {
            var variables = _compose.Environment(service).Where(v => v.Key.StartsWith("StatusGrid__", StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(variables);
            Assert.Empty(variables.Select(v => SettingsCatalog.Problem(v.Key.Replace("__", ":", StringComparison.Ordinal))).OfType<string>());

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
    public void The_connection_string_names_the_postgres_service_its_database_user_and_password()
    {
        var postgres = _compose.Environment("postgres").ToDictionary(v => v.Key, v => ComposeFile.WithDefaults(v.Value));
        foreach (var service in Silos.Append("migrate"))
        {
            var parts = Configuration(service)["StatusGrid:Storage:ConnectionString"]!
                .Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            Assert.Equal("postgres", parts["Host"]);
            Assert.Equal(postgres["POSTGRES_DB"], parts["Database"]);
            Assert.Equal(postgres["POSTGRES_USER"], parts["Username"]);
            Assert.Equal(postgres["POSTGRES_PASSWORD"], parts["Password"]);
        }
    }

    [Fact]
    public void Images_are_built_from_dockerfiles_that_exist()
    {
        foreach (var service in new[] { "migrate", "silo1", "silo2", "silo3", "silo", "mock-emsp" })
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

        // Its targets are the silos and the mock eMSP, on the ports their images listen on.
        var silos = environment["STATUSGRID_URLS"].Split(',').Select(u => new Uri(u)).ToList();
        Assert.Equal(Silos, silos.Select(u => u.Host));
        Assert.All(silos, u => Assert.Equal(ImageHttpPort("src/StatusGrid.Server/Dockerfile"), u.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var emsp = new Uri(environment["EMSP_LOCATIONS_URL"]);
        Assert.Equal("mock-emsp", emsp.Host);
        Assert.Equal(ImageHttpPort("load/StatusGrid.MockEmsp/Dockerfile"), emsp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

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
