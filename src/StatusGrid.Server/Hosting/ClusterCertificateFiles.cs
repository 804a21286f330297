using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// Reads the cluster TLS files named in <see cref="ClusterTlsSettings"/>. Every failure says which setting to fix and
/// never repeats a password.
/// </summary>
internal static class ClusterCertificateFiles
{
    private static readonly string CertificateKey = ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CertificatePath));
    private static readonly string KeyKey = ClusterTlsSettings.Key(nameof(ClusterTlsSettings.KeyPath));
    private static readonly string PasswordKey = ClusterTlsSettings.Key(nameof(ClusterTlsSettings.Password));
    private static readonly string CaKey = ClusterTlsSettings.Key(nameof(ClusterTlsSettings.CaCertificatePath));

    /// <summary>The silo's certificate with its private key, from PKCS#12 or PEM.</summary>
    public static X509Certificate2 LoadCertificate(ClusterTlsSettings settings)
    {
        var path = settings.CertificatePath!;
        RequireFile(path, CertificateKey);
        var keyPath = string.IsNullOrWhiteSpace(settings.KeyPath) ? null : settings.KeyPath;
        if (keyPath is not null)
        {
            RequireFile(keyPath, KeyKey);
        }

        var certificate = IsPem(path) ? LoadPem(path, keyPath, settings.Password) : LoadPkcs12(path, keyPath, settings.Password);
        if (!certificate.HasPrivateKey)
        {
            throw Refuse($"{CertificateKey}: the certificate in '{path}' comes without its private key. Use a PKCS#12 file "
                + $"that holds the key, or a PEM certificate with the key in the same file or in {KeyKey}.");
        }

        return certificate;
    }

    /// <summary>The certificates of <see cref="ClusterTlsSettings.CaCertificatePath"/> (PEM, one or more).</summary>
    public static X509Certificate2Collection LoadAuthorities(string path)
    {
        RequireFile(path, CaKey);
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Refuse($"{CaKey}: cannot read '{path}' as PEM certificates ({e.Message}).");
        }

        return authorities.Count > 0
            ? authorities
            : throw Refuse($"{CaKey}: '{path}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }

    public static InvalidOperationException Refuse(string problem) =>
        new($"StatusGrid refuses to start: cluster TLS is misconfigured. {problem}");

    private static X509Certificate2 LoadPem(string path, string? keyPath, string? password)
    {
        try
        {
            var certificate = string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
            if (!OperatingSystem.IsWindows())
            {
                return certificate;
            }

            // Windows' TLS stack (SChannel) cannot use the ephemeral key of a PEM import; a PKCS#12 round trip gives
            // it a persisted one. Linux and macOS use the key as it is.
            using (certificate)
            {
                return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            var keyFile = keyPath ?? path;
            throw Refuse($"{(keyPath is null ? CertificateKey : KeyKey)}: no usable private key for the certificate in '{path}' "
                + $"found in '{keyFile}' ({e.Message}). The key must be PEM (-----BEGIN PRIVATE KEY-----, or ENCRYPTED PRIVATE KEY "
                + $"with {PasswordKey}) and match the certificate; put it in the certificate file or name it in {KeyKey}.");
        }
    }

    private static X509Certificate2 LoadPkcs12(string path, string? keyPath, string? password)
    {
        if (keyPath is not null)
        {
            throw Refuse($"{KeyKey} is set, but '{path}' ({CertificateKey}) is not a PEM certificate. A PKCS#12 file carries "
                + $"its own key: remove {KeyKey}, or point {CertificateKey} at the PEM certificate.");
        }

        try
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw Refuse($"{CertificateKey}: cannot read '{path}' as PKCS#12 with the password in {PasswordKey} "
                + $"(wrong or missing password, or neither a PKCS#12 nor a PEM file): {e.Message}");
        }
    }

    private static bool IsPem(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> start = stackalloc byte[4096];
        var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return start[..read].IndexOf("-----BEGIN "u8) >= 0;
    }

    private static void RequireFile(string path, string key)
    {
        if (!File.Exists(path))
        {
            throw Refuse($"{key}: the file '{path}' does not exist (relative paths start at {Directory.GetCurrentDirectory()}).");
        }
    }
}
