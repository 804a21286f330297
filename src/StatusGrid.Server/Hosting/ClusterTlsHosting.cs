using Orleans.Connections.Security;

namespace StatusGrid.Server.Hosting;

/// <summary>Optional mutual TLS on the silo and gateway ports (<c>StatusGrid:Cluster:Tls</c>).</summary>
internal static class ClusterTlsHosting
{
    /// <summary>
    /// The trust of a configured <c>StatusGrid:Cluster:Tls</c> (loaded now, so a bad file stops the start); null when
    /// TLS is off. A TLS setting without <see cref="ClusterTlsSettings.CertificatePath"/> is a mistake, not "off".
    /// </summary>
    public static ClusterTrust? Load(ClusterTlsSettings settings, TimeProvider time)
    {
        if (settings.Enabled)
        {
            return ClusterTrust.Load(settings, time);
        }

        string?[] others = [settings.KeyPath, settings.Password, settings.CaCertificatePath];
        if (others.Any(v => !string.IsNullOrEmpty(v)))
        {
            throw ClusterCertificateFiles.Refuse($"{ClusterTlsSettings.SectionName} has settings but no "
                + $"{ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CertificatePath))}, so TLS would be off: set the certificate, "
                + "or remove the other TLS settings.");
        }

        return null;
    }

    /// <summary>
    /// Every connection this silo accepts (silo and gateway port) and opens (to other silos) is TLS 1.2+, presents
    /// <see cref="ClusterTrust.Certificate"/>, and requires the peer's certificate, accepted only when
    /// <see cref="ClusterTrust.Trusts"/>. A peer without a trusted certificate never gets past the handshake, so it
    /// can neither join the cluster nor call a grain through the gateway.
    /// </summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTrust trust) =>
        silo.UseTls(trust.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            // Replaces the default check against the machine's CAs and the host name (silos dial IP addresses).
            options.RemoteCertificateValidation = (certificate, chain, _) => trust.Trusts(certificate, chain);
        });

    /// <summary>
    /// A front-end's gateway connections: the same mutual TLS as the silos', so the silos' gateways accept it and it
    /// accepts only silos the cluster trusts.
    /// </summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTrust trust) =>
        client.UseTls(trust.Certificate, options =>
        {
            options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            options.RemoteCertificateValidation = (certificate, chain, _) => trust.Trusts(certificate, chain);
        });

    /// <summary>
    /// Outside Development, a database-clustered silo without TLS is worth a warning at every start: its ports are then
    /// protected by the network alone. Not a refusal: a private network that only the silos reach (compose's, a
    /// Kubernetes NetworkPolicy) is a sound deployment, and TLS is the second lock, not the only one.
    /// </summary>
    public static string? UnprotectedClusterWarning(ClusterSettings cluster, IHostEnvironment environment, HostRole role = HostRole.Silo) =>
        cluster.Mode != ClusterMode.AdoNet || cluster.Tls.Enabled || environment.IsDevelopment() ? null
        : role == HostRole.FrontEnd
            ? "This front-end's connections to the silos' gateways are unauthenticated and unencrypted: keep the gateway ports "
                + "reachable only by the silos and front-ends, and/or set "
                + $"{ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CertificatePath))} on silos and front-ends for mutual TLS (SECURITY.md)."
            : $"Silo port {cluster.SiloPort} and gateway port {cluster.GatewayPort} take unauthenticated, unencrypted connections: "
                + "whoever reaches them can call any grain, past every API key. Keep them reachable only by the other silos, "
                + $"and/or set {ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CertificatePath))} for mutual TLS (SECURITY.md).";
}
