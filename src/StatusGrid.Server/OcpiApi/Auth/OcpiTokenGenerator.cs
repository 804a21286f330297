using System.Buffers.Text;
using System.Security.Cryptography;

namespace StatusGrid.Server.OcpiApi.Auth;

/// <summary>New credentials tokens (A, B, C): 32 random bytes, Base64url without padding (43 printable ASCII characters).</summary>
public static class OcpiTokenGenerator
{
    /// <remarks>
    /// 43 characters are never valid padded Base64 (not a multiple of 4), so a partner that sends our token raw
    /// instead of Base64-encoded is still recognised unambiguously.
    /// </remarks>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="token"/> has the shape of a token <see cref="New"/> makes.</summary>
    public static bool CouldBeOurs(string token) =>
        token.Length == 43 && token.AsSpan().IndexOfAnyExcept(Alphabet) < 0;

    private static readonly System.Buffers.SearchValues<char> Alphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
