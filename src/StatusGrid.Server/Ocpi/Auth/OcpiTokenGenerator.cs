using System.Buffers.Text;
using System.Security.Cryptography;

namespace StatusGrid.Server.Ocpi.Auth;

/// <summary>New credentials tokens (A, B, C): 32 random bytes, Base64url without padding (43 printable ASCII characters).</summary>
public static class OcpiTokenGenerator
{
    /// <remarks>
    /// 43 characters are never valid padded Base64 (not a multiple of 4), so a partner that sends our token raw
    /// instead of Base64-encoded is still recognised unambiguously.
    /// </remarks>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
