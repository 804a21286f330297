using System.Security.Cryptography;
using System.Text;

namespace StatusGrid.Server.OcpiApi.Auth;

/// <summary>
/// What we store of a token a partner uses to call us: SHA-256 of its bytes, lower-case hex. Our tokens are 256 random
/// bits, so a plain hash cannot be reversed by guessing, and a database dump yields nothing that authenticates.
/// </summary>
public static class OcpiTokenHash
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
