using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using StatusGrid.Server.Hosting;
using Xunit.Abstractions;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// Issue 11 item 6: with <c>StatusGrid:Cluster:Tls</c>, real silos on PostgreSQL form a cluster over mutual TLS, and a
/// silo or client without a trusted certificate gets nowhere (a front-end with one gets through): it cannot join (its membership row never turns Active)
/// and cannot call a grain through the gateway.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ClusterTlsTests(PostgresFixture postgres, ITestOutputHelper output) : IDisposable
{
    private const string Password = "cluster-pfx-password";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TestCertificates _files = new();

    [Fact]
    public async Task Silos_with_certificates_from_the_cluster_CA_form_a_cluster_and_a_silo_with_an_untrusted_certificate_cannot_join()
    {
        var database = await postgres.CreateDatabaseAsync("tlsca");
        using var authority = TestCertificates.Authority("statusgrid-cluster-ca");
        using var silo1Certificate = TestCertificates.IssuedBy(authority, "silo1");
        using var silo2Certificate = TestCertificates.IssuedBy(authority, "silo2");
        var ca = _files.WritePem(authority, "ca.crt", withKey: false);

        // One silo from a PKCS#12 file, the other from PEM files, as a Kubernetes secret would mount them.
        await using var silo1 = await StatusGridHost.StartAsync(With(ClusterConfig.For(database, "tlsca", "silo1"), new()
        {
            ["CertificatePath"] = _files.WritePkcs12(silo1Certificate, Password),
            ["Password"] = Password,
            ["CaCertificatePath"] = ca,
        }));
        await using var silo2 = await StatusGridHost.StartAsync(With(ClusterConfig.For(database, "tlsca", "silo2"), new()
        {
            ["CertificatePath"] = _files.WritePem(silo2Certificate, "tls.crt", keyFile: "tls.key"),
            ["KeyPath"] = _files.PathOf("tls.key"),
            ["CaCertificatePath"] = ca,
        }));
        var management = silo1.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await Until.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "two active silos", Bound);

        // A front-end (an Orleans client) with a certificate from the same CA reaches the silos' gateways over TLS.
        using var frontEndCertificate = TestCertificates.IssuedBy(authority, "frontend1");
        var frontEndSettings = With(ClusterConfig.FrontEnd(database, "tlsca", "frontend1"), new()
        {
            ["CertificatePath"] = _files.WritePem(frontEndCertificate, "frontend.crt", keyFile: "frontend.key"),
            ["KeyPath"] = _files.PathOf("frontend.key"),
            ["CaCertificatePath"] = ca,
        });
        await using (var frontEnd = await StatusGridHost.StartAsync(frontEndSettings).WaitAsync(Bound))
        {
            using var admin = frontEnd.Client();
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/partners")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/healthz/ready")).StatusCode);
        }

        // A silo that found the database but holds a certificate of another CA (with the same name as a member). It
        // trusts our CA as well, so it is our silos that refuse it, in the handshake of every connection either way.
        using var rogueAuthority = TestCertificates.Authority("statusgrid-cluster-ca");
        using var rogueCertificate = TestCertificates.IssuedBy(rogueAuthority, "silo2");
        var rogueTrust = _files.PathOf("rogue-ca.crt");
        await File.WriteAllTextAsync(rogueTrust, authority.ExportCertificatePem() + "\n" + rogueAuthority.ExportCertificatePem() + "\n");
        var refused = await RefusedStartAsync(With(Rogue(ClusterConfig.For(database, "tlsca", "rogue")), new()
        {
            ["CertificatePath"] = _files.WritePkcs12(rogueCertificate, Password, "rogue.pfx"),
            ["Password"] = Password,
            ["CaCertificatePath"] = rogueTrust,
        }));
        output.WriteLine($"Rogue silo refused: {refused}");

        await AssertMembershipAsync(database, "tlsca", management, ["silo1", "silo2"], "rogue");
    }

    [Fact]
    public async Task A_silo_or_a_client_without_the_cluster_certificate_cannot_join_or_call_a_grain_through_the_gateway()
    {
        var database = await postgres.CreateDatabaseAsync("tlspinned");
        using var clusterCertificate = TestCertificates.SelfSigned("statusgrid-cluster");
        await using var silo1 = await StatusGridHost.StartAsync(With(ClusterConfig.For(database, "tlspinned", "silo1"), new()
        {
            ["CertificatePath"] = _files.WritePem(clusterCertificate, "cluster.pem"),
        }));
        var gateway = new IPEndPoint(IPAddress.Loopback, silo1.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.GatewayPort);

        // Holding the cluster certificate, an Orleans client gets through the gateway and calls a grain.
        using (var client = await ConnectAsync(gateway, "tlspinned", builder => builder.UseTls(clusterCertificate, options =>
            options.RemoteCertificateValidation = (certificate, _, _) => certificate.RawData.AsSpan().SequenceEqual(clusterCertificate.RawData))))
        {
            var hosts = await client.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
            Assert.Single(hosts);
            await client.StopAsync();
        }

        // Without TLS, or with a certificate of its own, a caller is cut off before a single Orleans message: on the
        // gateway and on the silo port alike.
        var siloPort = new IPEndPoint(IPAddress.Loopback, silo1.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.SiloPort);
        using var strangerCertificate = TestCertificates.SelfSigned("statusgrid-cluster");
        foreach (var endpoint in new[] { gateway, siloPort })
        {
            Assert.True(await TlsProbe.IsCutOffAsync(endpoint, certificate: null), $"a plain connection to {endpoint} is cut off");
            Assert.True(await TlsProbe.IsCutOffAsync(endpoint, strangerCertificate), $"a TLS connection with another certificate to {endpoint} is cut off");
        }

        // The probe is not blind: with the cluster certificate the same connection stays open (for 3 s here).
        Assert.False(await TlsProbe.IsCutOffAsync(gateway, clusterCertificate, TimeSpan.FromSeconds(3)));

        // And a silo without TLS cannot join.
        var refused = await RefusedStartAsync(Rogue(ClusterConfig.For(database, "tlspinned", "plain")));
        output.WriteLine($"Plain silo refused: {refused}");
        var management = silo1.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await AssertMembershipAsync(database, "tlspinned", management, ["silo1"], "plain");
    }

    public void Dispose() => _files.Dispose();

    private static Dictionary<string, string> With(Dictionary<string, string> settings, Dictionary<string, string> tls)
    {
        foreach (var (key, value) in tls)
        {
            settings[$"{ClusterTlsSettings.SectionName}:{key}"] = value;
        }

        return settings;
    }

    /// <summary>A silo that gives up joining after a few seconds (Orleans' default keeps trying for five minutes).</summary>
    private static Dictionary<string, string> Rogue(Dictionary<string, string> settings)
    {
        settings["StatusGrid:Cluster:Membership:MaxJoinAttemptTime"] = "00:00:06";
        return settings;
    }

    /// <summary>
    /// Starts a silo in a process of its own (a silo that membership declares dead ends its process) and expects it
    /// to exit before it serves anything; returns the end of its log.
    /// </summary>
    private static async Task<string> RefusedStartAsync(Dictionary<string, string> settings)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(settings, timeout: TimeSpan.FromSeconds(60)));
        Assert.StartsWith("The StatusGrid process exited", error.Message, StringComparison.Ordinal);
        var lines = error.Message.Split('\n').Select(l => l.Trim()).Where(l => !l.StartsWith("at ", StringComparison.Ordinal)).ToList();
        return lines.FirstOrDefault(l => l.Contains("dead", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)) ?? lines[0];
    }

    /// <summary>The members are Active, the refused silo's row (if it wrote one) is not, and the cluster still counts only the members.</summary>
    private static async Task AssertMembershipAsync(string database, string clusterId, IManagementGrain management, string[] members, string refused)
    {
        var rows = await MembershipTable.ReadAsync(database, clusterId);
        Assert.All(members, m => Assert.Equal(MembershipTable.Active, rows[m]));
        Assert.NotEqual(MembershipTable.Active, rows.GetValueOrDefault(refused));
        Assert.Equal(members.Length, (await management.GetHosts(onlyActive: true)).Count);
    }

    /// <summary>An external Orleans client of the gateway, with its TLS settings; throws when it cannot connect.</summary>
    private static async Task<IHost> ConnectAsync(IPEndPoint gateway, string clusterId, Action<IClientBuilder> tls)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = "statusgrid-test";
                o.ClusterId = clusterId;
            });
            client.UseStaticClustering(gateway);
            tls(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
