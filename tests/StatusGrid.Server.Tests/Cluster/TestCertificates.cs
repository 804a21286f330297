using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StatusGrid.Server.Tests.Cluster;

/// <summary>
/// Certificates made on the fly for the cluster TLS tests (no key is ever committed), and a temporary folder to write
/// them to as a deployment would: PKCS#12 or PEM files.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private static readonly OidCollection SiloUsages = [new("1.3.6.1.5.5.7.3.1"), new("1.3.6.1.5.5.7.3.2")];

    public string Directory { get; } = System.IO.Path.Combine(Path.GetTempPath(), "statusgrid-tls-" + Guid.NewGuid().ToString("N"));

    public TestCertificates() => System.IO.Directory.CreateDirectory(Directory);

    /// <summary>A self-signed silo certificate (server and client authentication), valid from an hour ago for a day.</summary>
    public static X509Certificate2 SelfSigned(string name, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = SiloRequest(name, key);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>A cluster CA: may sign certificates, nothing else.</summary>
    public static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(2));
    }

    /// <summary>A silo certificate signed by <paramref name="authority"/>, with its private key.</summary>
    public static X509Certificate2 IssuedBy(X509Certificate2 authority, string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = SiloRequest(name, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
        using var signed = request.Create(authority, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return signed.CopyWithPrivateKey(key);
    }

    public string WritePkcs12(X509Certificate2 certificate, string? password, string name = "silo.pfx") =>
        Write(name, certificate.Export(X509ContentType.Pkcs12, password));

    /// <summary>The certificate as PEM; with <paramref name="keyFile"/> its key goes there, else into the same file (null: no key at all).</summary>
    public string WritePem(X509Certificate2 certificate, string name, string? keyFile = null, bool withKey = true)
    {
        var pem = certificate.ExportCertificatePem() + "\n";
        var key = withKey ? certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n" : "";
        if (keyFile is null)
        {
            return Write(name, System.Text.Encoding.ASCII.GetBytes(pem + key));
        }

        Write(keyFile, System.Text.Encoding.ASCII.GetBytes(key));
        return Write(name, System.Text.Encoding.ASCII.GetBytes(pem));
    }

    public string PathOf(string name) => System.IO.Path.Combine(Directory, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Write(string name, byte[] content)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static CertificateRequest SiloRequest(string name, ECDsa key)
    {
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(SiloUsages, false));
        return request;
    }
}
