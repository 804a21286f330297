using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using StatusGrid.Server.Hosting;
using StatusGrid.Server.Tests.Cluster;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>
/// Issue 11 item 6, the TLS option: which files load, whom a silo trusts, and that every misconfiguration stops the
/// start naming the setting (ClusterTlsTests runs real silos with it).
/// </summary>
public sealed class ClusterTlsSettingsTests : IDisposable
{
    private const string Password = "pfx-password-7f3a";
    private readonly TestCertificates _files = new();

    [Fact]
    public void A_pkcs12_file_with_its_password_loads_and_then_only_the_same_certificate_is_trusted()
    {
        using var mine = TestCertificates.SelfSigned("statusgrid-cluster");
        using var other = TestCertificates.SelfSigned("statusgrid-cluster");

        var trust = Load(new() { CertificatePath = _files.WritePkcs12(mine, Password), Password = Password });

        Assert.True(trust.Certificate.HasPrivateKey);
        Assert.Equal(mine.Thumbprint, trust.Certificate.Thumbprint);
        Assert.True(trust.OwnCertificateOnly);
        Assert.True(trust.Trusts(PublicPart(mine), null));
        // Same name, different key: a stranger.
        Assert.False(trust.Trusts(PublicPart(other), null));
    }

    [Fact]
    public void A_pem_certificate_loads_with_its_key_in_the_same_file_or_in_KeyPath()
    {
        using var mine = TestCertificates.SelfSigned("statusgrid-cluster");

        var combined = Load(new() { CertificatePath = _files.WritePem(mine, "combined.pem") });
        var separate = Load(new() { CertificatePath = _files.WritePem(mine, "tls.crt", keyFile: "tls.key"), KeyPath = _files.PathOf("tls.key") });

        Assert.True(combined.Certificate.HasPrivateKey);
        Assert.True(separate.Certificate.HasPrivateKey);
        Assert.Equal(mine.Thumbprint, separate.Certificate.Thumbprint);
    }

    [Fact]
    public void With_a_CA_file_a_certificate_it_issued_is_trusted_and_a_self_signed_one_with_the_same_name_is_not()
    {
        using var authority = TestCertificates.Authority("statusgrid-cluster-ca");
        using var silo1 = TestCertificates.IssuedBy(authority, "silo1");
        using var silo2 = TestCertificates.IssuedBy(authority, "silo2");
        using var impostor = TestCertificates.SelfSigned("silo2");
        using var otherAuthority = TestCertificates.Authority("statusgrid-cluster-ca");
        using var otherCluster = TestCertificates.IssuedBy(otherAuthority, "silo2");

        var trust = Load(new()
        {
            CertificatePath = _files.WritePkcs12(silo1, Password),
            Password = Password,
            CaCertificatePath = _files.WritePem(authority, "ca.crt", withKey: false),
        });

        Assert.False(trust.OwnCertificateOnly);
        Assert.True(trust.Trusts(PublicPart(silo2), null));
        Assert.False(trust.Trusts(PublicPart(impostor), null));
        Assert.False(trust.Trusts(PublicPart(otherCluster), null));
        Assert.False(trust.Trusts(PublicPart(otherAuthority), null));
    }

    [Fact]
    public void A_missing_certificate_file_stops_the_start_naming_the_setting()
    {
        var error = Refused(new() { CertificatePath = _files.PathOf("nowhere.pfx") });

        Assert.Contains("StatusGrid:Cluster:Tls:CertificatePath", error, StringComparison.Ordinal);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_password_stops_the_start_naming_the_setting_without_repeating_the_password()
    {
        using var mine = TestCertificates.SelfSigned("statusgrid-cluster");
        var path = _files.WritePkcs12(mine, Password);

        var error = Refused(new() { CertificatePath = path, Password = "not-the-password" });

        Assert.Contains("StatusGrid:Cluster:Tls:Password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error, StringComparison.Ordinal);
        Assert.Contains("StatusGrid:Cluster:Tls:CertificatePath", Refused(new() { CertificatePath = path }), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_without_its_private_key_stops_the_start()
    {
        using var mine = TestCertificates.SelfSigned("statusgrid-cluster");
        using var publicOnly = PublicPart(mine);

        var fromPkcs12 = Refused(new() { CertificatePath = _files.WritePkcs12(publicOnly, null, "public.pfx") });
        var fromPem = Refused(new() { CertificatePath = _files.WritePem(mine, "public.pem", withKey: false) });

        Assert.Contains("without its private key", fromPkcs12, StringComparison.Ordinal);
        Assert.Contains("StatusGrid:Cluster:Tls:CertificatePath", fromPem, StringComparison.Ordinal);
        Assert.Contains("private key", fromPem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_not_the_certificates_own_stops_the_start_naming_KeyPath()
    {
        using var mine = TestCertificates.SelfSigned("statusgrid-cluster");
        using var other = TestCertificates.SelfSigned("statusgrid-cluster");
        _files.WritePem(other, "other.crt", keyFile: "other.key");

        var error = Refused(new() { CertificatePath = _files.WritePem(mine, "mine.crt", withKey: false), KeyPath = _files.PathOf("other.key") });

        Assert.Contains("StatusGrid:Cluster:Tls:KeyPath", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_or_one_the_CA_did_not_issue_stops_the_start()
    {
        using var expired = TestCertificates.SelfSigned("statusgrid-cluster", notAfter: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var authority = TestCertificates.Authority("statusgrid-cluster-ca");
        using var stranger = TestCertificates.SelfSigned("silo1");

        var expiredError = Refused(new() { CertificatePath = _files.WritePkcs12(expired, Password, "expired.pfx"), Password = Password });
        var strangerError = Refused(new()
        {
            CertificatePath = _files.WritePkcs12(stranger, Password, "stranger.pfx"),
            Password = Password,
            CaCertificatePath = _files.WritePem(authority, "ca.crt", withKey: false),
        });

        Assert.Contains("valid only from", expiredError, StringComparison.Ordinal);
        Assert.Contains("does not chain", strangerError, StringComparison.Ordinal);
        Assert.Contains("StatusGrid:Cluster:Tls:CaCertificatePath", strangerError, StringComparison.Ordinal);
    }

    [Fact]
    public void TLS_settings_without_a_certificate_stop_the_start_instead_of_silently_leaving_TLS_off()
    {
        Assert.Null(ClusterTlsHosting.Load(new ClusterTlsSettings(), TimeProvider.System));

        var error = Assert.Throws<InvalidOperationException>(() => ClusterTlsHosting.Load(new ClusterTlsSettings { CaCertificatePath = "/etc/statusgrid/ca.crt" }, TimeProvider.System)).Message;

        Assert.Contains("StatusGrid:Cluster:Tls:CertificatePath", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_refuses_to_start_with_a_missing_cluster_certificate()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Cluster:Tls:CertificatePath"] = _files.PathOf("silo.pfx"),
        }));

        Assert.Contains("StatusGrid:Cluster:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AdoNet", "Production", false, true)]
    [InlineData("AdoNet", "Development", false, false)]
    [InlineData("AdoNet", "Production", true, false)]
    [InlineData("Localhost", "Production", false, false)]
    public void Outside_development_a_database_cluster_without_TLS_is_warned_about(string mode, string environment, bool tls, bool warned)
    {
        var cluster = new ClusterSettings { Mode = Enum.Parse<ClusterMode>(mode) };
        if (tls)
        {
            cluster.Tls.CertificatePath = "/run/secrets/silo.pfx";
        }

        var warning = ClusterTlsHosting.UnprotectedClusterWarning(cluster, new HostingEnvironment { EnvironmentName = environment });

        Assert.Equal(warned, warning is not null);
        if (warning is not null)
        {
            Assert.Contains("StatusGrid:Cluster:Tls:CertificatePath", warning, StringComparison.Ordinal);
            Assert.Contains("30000", warning, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _files.Dispose();

    private static X509Certificate2 PublicPart(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    private static ClusterTrust Load(ClusterTlsSettings settings) => ClusterTrust.Load(settings, TimeProvider.System);

    private static string Refused(ClusterTlsSettings settings) =>
        Assert.Throws<InvalidOperationException>(() => ClusterTrust.Load(settings, TimeProvider.System)).Message;
}
