using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// The cluster's TLS identity: this silo's certificate and which peers it trusts. Silos dial each other by IP address,
/// so a peer is recognised by its certificate, not by a host name: either it chains to a configured CA
/// (<see cref="ClusterTlsSettings.CaCertificatePath"/>), or, without one, it is this silo's own certificate.
/// Loaded once at start, so a missing file, a wrong password or an unusable certificate stops the start.
/// </summary>
public sealed class ClusterTrust
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    private readonly X509Certificate2Collection _roots;
    private readonly X509Certificate2Collection _intermediates;
    private readonly TimeProvider _time;

    private ClusterTrust(X509Certificate2 certificate, X509Certificate2Collection? authorities, TimeProvider time)
    {
        Certificate = certificate;
        _time = time;
        _roots = [];
        _intermediates = [];
        foreach (var authority in authorities ?? [])
        {
            (authority.SubjectName.RawData.AsSpan().SequenceEqual(authority.IssuerName.RawData) ? _roots : _intermediates).Add(authority);
        }
    }

    /// <summary>What this silo presents, as TLS server and as TLS client.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>True when no CA is configured: only a peer presenting <see cref="Certificate"/> itself is trusted.</summary>
    public bool OwnCertificateOnly => _roots.Count == 0 && _intermediates.Count == 0;

    public static ClusterTrust Load(ClusterTlsSettings settings, TimeProvider time)
    {
        var certificate = ClusterCertificateFiles.LoadCertificate(settings);
        var certificateKey = ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CertificatePath));
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            throw ClusterCertificateFiles.Refuse($"{certificateKey}: the certificate '{certificate.Subject}' is valid only from "
                + $"{certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}; install a current one.");
        }

        // Each silo is the TLS server of the connections it accepts and the client of those it opens.
        if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage
            && !(usage.EnhancedKeyUsages[ServerAuthentication] is not null && usage.EnhancedKeyUsages[ClientAuthentication] is not null))
        {
            throw ClusterCertificateFiles.Refuse($"{certificateKey}: the certificate '{certificate.Subject}' limits its extended key "
                + "usage without allowing both serverAuth and clientAuth; every silo is server and client (extendedKeyUsage = serverAuth, clientAuth).");
        }

        var authorities = settings.CaCertificatePath is { Length: > 0 } caPath ? ClusterCertificateFiles.LoadAuthorities(caPath) : null;
        var trust = new ClusterTrust(certificate, authorities, time);
        if (authorities is not null && trust._roots.Count == 0)
        {
            throw ClusterCertificateFiles.Refuse($"{ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CaCertificatePath))}: "
                + "the file holds no self-signed (root) certificate to trust.");
        }

        // A silo that would refuse its own certificate would refuse every peer that shares its CA: say so now.
        if (!trust.Trusts(certificate, presented: null))
        {
            throw ClusterCertificateFiles.Refuse($"{certificateKey}: the certificate '{certificate.Subject}' (issued by "
                + $"'{certificate.Issuer}') does not chain to a certificate in "
                + $"{ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CaCertificatePath))}, so the other silos would refuse it too.");
        }

        return trust;
    }

    /// <summary>Whether a peer that presented <paramref name="peer"/> (and <paramref name="presented"/>, its chain as sent) is one of ours.</summary>
    public bool Trusts(X509Certificate2 peer, X509Chain? presented)
    {
        if (OwnCertificateOnly)
        {
            var now = _time.GetUtcNow();
            return peer.RawDataMemory.Span.SequenceEqual(Certificate.RawDataMemory.Span)
                && now >= peer.NotBefore.ToUniversalTime() && now <= peer.NotAfter.ToUniversalTime();
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        // Only the configured roots count; the machine's public CAs never admit a silo.
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(_roots);
        policy.ExtraStore.AddRange(_intermediates);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                policy.ExtraStore.Add(element.Certificate);
            }
        }

        // A private cluster CA publishes no revocation lists; rotate by replacing the CA file (see SECURITY.md).
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        try
        {
            return chain.Build(peer);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>For the startup log: what this silo presents and whom it trusts.</summary>
    public string Describe() =>
        $"certificate '{Certificate.Subject}' (SHA-256 {Certificate.GetCertHashString(HashAlgorithmName.SHA256)}, valid until "
        + $"{Certificate.NotAfter.ToUniversalTime():u}); trusting "
        + (OwnCertificateOnly ? "only peers presenting the same certificate" : $"peers whose certificate chains to {string.Join(", ", _roots.Select(r => $"'{r.Subject}'"))}");
}
