using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// PBKDF2-SHA256 hashes of Basic passwords, stored as <c>pbkdf2-sha256$iterations$salt$hash</c> (Base64). Station
/// passwords are 16 to 40 characters of machine-made secret, so the iteration count mainly guards weak ones; it is
/// kept moderate because every reconnect of a fleet pays it once per connection.
/// </summary>
public static class OcppPassword
{
    public const int MinLength = 16;
    public const int MaxLength = 40;
    private const int Iterations = 20_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string Scheme = "pbkdf2-sha256";

    public static string Hash(ReadOnlySpan<byte> password)
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(ReadOnlySpan<byte> password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>
    /// The hashes to store for a configured password. A 1.6 AuthorizationKey is configured as 32 to 40 hex digits
    /// but some stations send its raw bytes (the OCPP-J example does), so a hex password also matches its bytes.
    /// </summary>
    public static IReadOnlyList<string> HashesFor(string password)
    {
        var hashes = new List<string> { Hash(Encoding.UTF8.GetBytes(password)) };
        if (password.Length is >= 32 and <= 40 && password.Length % 2 == 0 && password.All(Uri.IsHexDigit))
        {
            hashes.Add(Hash(Convert.FromHexString(password)));
        }

        return hashes;
    }
}
