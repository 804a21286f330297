namespace StatusGrid.Server.Hosting;

/// <summary>
/// Bound from <c>StatusGrid:Cluster:Tls</c>. When <see cref="CertificatePath"/> is set, silo-to-silo and gateway
/// connections use mutual TLS: every connection presents this certificate and accepts only a peer whose certificate
/// is trusted (see <see cref="CaCertificatePath"/>).
/// </summary>
public sealed class ClusterTlsSettings
{
    public const string SectionName = ClusterSettings.SectionName + ":Tls";

    /// <summary>
    /// The silo's certificate: a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>, with its private key) or a PEM certificate
    /// (with the key in the same file or in <see cref="KeyPath"/>). Empty: no TLS.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>, when it is not in the certificate file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The PKCS#12 password, or the password of an encrypted PEM key.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// PEM file of the certificates a peer's certificate must chain to (the cluster's own CA; a self-signed certificate
    /// counts as its own CA). Empty: only a peer that presents this silo's own certificate is trusted.
    /// </summary>
    public string? CaCertificatePath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    internal static string Key(string property) => $"{SectionName}:{property}";
}
