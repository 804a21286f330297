using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// Stored hashes of Basic passwords, in one of two schemes (Base64 fields):
/// <list type="bullet">
/// <item><c>pbkdf2-sha256$iterations$salt$hash</c> for a password the operator supplied. We cannot know how it was
/// made, so it is stretched (20,000 iterations, about 20 ms of CPU) to keep guessing slow if the hash is stolen.</item>
/// <item><c>sha256$salt$hash</c>, SHA-256 of salt ‖ secret, for a secret StatusGrid generated itself (<see cref="Generate"/>).</item>
/// </list>
/// </summary>
/// <remarks>
/// Why a generated secret is not stretched: key stretching only multiplies the cost of each guess, which matters when
/// the guesses can be few, as for a human-chosen password found in a dictionary. A generated secret is 20 bytes from
/// the system CSPRNG: 160 bits, so finding it from its hash means trying about 2^159 candidates. Stretching by 20,000
/// (about 2^14) would change nothing an attacker can reach, and would cost a fleet ~20 ms of CPU per station at every
/// registration and at the first connect after a restart (10,000 stations: ~200 s). The per-station salt keeps equal
/// secrets from having equal hashes and rules out precomputed tables. Both schemes compare in constant time.
/// </remarks>
public static class OcppPassword
{
    public const int MinLength = 16;
    public const int MaxLength = 40;

    /// <summary>Random bytes in a generated secret (160 bits), sent as 40 lowercase hex digits.</summary>
    public const int GeneratedBytes = 20;

    private const int Iterations = 20_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const string SlowScheme = "pbkdf2-sha256";
    private const string FastScheme = "sha256";

    /// <summary>
    /// A new secret: 40 lowercase hex digits of 20 random bytes. Valid as a 1.6 AuthorizationKey (hex, 20 bytes) and
    /// as a 2.0.1 BasicAuthPassword (16 to 40 characters).
    /// </summary>
    public static string Generate() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(GeneratedBytes));

    /// <summary>A PBKDF2 hash, for a supplied password.</summary>
    public static string Hash(ReadOnlySpan<byte> password)
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{SlowScheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>A salted SHA-256 hash, only for a secret made by <see cref="Generate"/> (see the remarks on the class).</summary>
    public static string HashGenerated(ReadOnlySpan<byte> secret)
    {
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        return $"{FastScheme}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Sha256(salt, secret))}";
    }

    /// <summary>Whether checking <paramref name="stored"/> is cheap (no key stretching).</summary>
    public static bool IsFast(string stored) => stored.StartsWith(FastScheme + "$", StringComparison.Ordinal);

    /// <summary>True when <paramref name="password"/> matches; false for a wrong one and for a malformed stored hash.</summary>
    public static bool Verify(ReadOnlySpan<byte> password, string stored)
    {
        var parts = stored.Split('$');
        switch (parts)
        {
            case [FastScheme, var salt, var hash]:
                return TryBase64(salt, out var saltBytes) && TryBase64(hash, out var expected) && expected.Length == HashBytes
                    && CryptographicOperations.FixedTimeEquals(Sha256(saltBytes, password), expected);
            case [SlowScheme, var count, var salt, var hash]:
                // The iteration count is ours (the database holds what Hash wrote); a bound keeps a corrupted row
                // from turning one connect into minutes of CPU.
                if (!int.TryParse(count, out var iterations) || iterations is < 1 or > 10 * Iterations
                    || !TryBase64(salt, out var pbkdf2Salt) || !TryBase64(hash, out var pbkdf2Hash) || pbkdf2Hash.Length == 0)
                {
                    return false;
                }

                var actual = Rfc2898DeriveBytes.Pbkdf2(password, pbkdf2Salt, iterations, HashAlgorithmName.SHA256, pbkdf2Hash.Length);
                return CryptographicOperations.FixedTimeEquals(actual, pbkdf2Hash);
            default:
                return false;
        }
    }

    /// <summary>
    /// The hashes to store for a supplied password (PBKDF2): one, of its <see cref="Canonical"/> form, so that a check
    /// costs one PBKDF2 run whichever form a station sends.
    /// </summary>
    public static IReadOnlyList<string> HashesFor(string password) => [Hash(Canonical(Encoding.UTF8.GetBytes(password)))];

    /// <summary>The hashes to store for a secret made by <see cref="Generate"/> (fast scheme; one, of its raw bytes).</summary>
    public static IReadOnlyList<string> HashesForGenerated(string secret) => [HashGenerated(Canonical(Encoding.UTF8.GetBytes(secret)))];

    /// <summary>
    /// The form a password is hashed and checked in. A 1.6 AuthorizationKey is configured as 32 to 40 hex digits (16
    /// to 20 bytes), and some stations send that text while others send the bytes it stands for (the OCPP-J example
    /// does). Both become the bytes, so one stored hash matches either. Hex digits in either case are the same bytes,
    /// and a 16 to 20 character password that is not hex also matches the hex of its own bytes: the same secret,
    /// written another way, so nothing an attacker could not already send. Any other password is its own bytes.
    /// </summary>
    public static byte[] Canonical(ReadOnlySpan<byte> password) =>
        password.Length is >= 32 and <= 40 && password.Length % 2 == 0 && password.IndexOfAnyExcept(HexDigits) < 0
            ? Convert.FromHexString(Encoding.ASCII.GetString(password))
            : password.ToArray();

    private static readonly SearchValues<byte> HexDigits = SearchValues.Create("0123456789abcdefABCDEF"u8);

    private static byte[] Sha256(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> secret)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(salt);
        sha.AppendData(secret);
        return sha.GetHashAndReset();
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        bytes = new byte[text.Length * 3 / 4];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
