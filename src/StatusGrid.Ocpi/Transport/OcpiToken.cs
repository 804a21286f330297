using System.Buffers.Text;
using System.Text;

namespace StatusGrid.Ocpi.Transport;

/// <summary>
/// The <c>Authorization: Token ...</c> header. 2.2 and later send Base64 (RFC 4648 §4, padded) of the token's
/// UTF-8 bytes; 2.1.1 sends the raw token. Many 2.1.1/2.2 partners send raw tokens anyway, so decoding is tolerant.
/// </summary>
/// <remarks>
/// Decoding rule, applied by <see cref="CandidateTokens"/>:
/// <list type="number">
/// <item>The value must be the scheme <c>Token</c> (any case), whitespace, then a credential with no whitespace
/// in it. Surrounding whitespace is ignored. Anything else is not an OCPI token header.</item>
/// <item>If the credential is valid padded standard Base64 and its decoded bytes are one or more printable
/// non-whitespace ASCII characters (U+0021 to U+007E), optionally followed by a single LF, the decoded text
/// (without that LF) is the first candidate. The LF allowance exists because <c>echo token | base64</c> and the
/// spec's own example (<c>ZXhhbXBsZS10b2tlbgo=</c>) append one; a token itself can never contain it.</item>
/// <item>The credential as sent is always a candidate (last), because it may be a raw token that merely looks
/// like Base64, such as a 2.1.1 partner's.</item>
/// </list>
/// A server looks the candidates up in order; <see cref="TryDecodeHeader"/> returns the first.
/// </remarks>
public static class OcpiToken
{
    public const string Scheme = "Token";

    /// <summary>The header value to send: <c>Token &lt;base64&gt;</c> for 2.2+, <c>Token &lt;raw&gt;</c> for 2.1.1.</summary>
    public static string EncodeHeader(string token, OcpiVersion version)
    {
        if (!IsValidToken(token))
        {
            throw new ArgumentException("an OCPI credentials token is 1 to 64 printable non-whitespace ASCII characters", nameof(token));
        }

        return version == OcpiVersion.V211
            ? $"{Scheme} {token}"
            : $"{Scheme} {Convert.ToBase64String(Encoding.UTF8.GetBytes(token))}";
    }

    /// <summary>Credentials.token rule: string(64) of printable non-whitespace ASCII (U+0021 to U+007E).</summary>
    public static bool IsValidToken(string? token) =>
        token is { Length: > 0 and <= 64 } && token.All(c => c is >= '!' and <= '~');

    /// <summary>The most likely token in a header value (see the rule on <see cref="OcpiToken"/>).</summary>
    public static bool TryDecodeHeader(string? headerValue, out string token)
    {
        var candidates = CandidateTokens(headerValue);
        token = candidates.Count > 0 ? candidates[0] : string.Empty;
        return candidates.Count > 0;
    }

    /// <summary>
    /// Every token the header may mean, most likely first: the Base64-decoded token (when the rule allows it),
    /// then the credential as sent. Empty when the value is not a <c>Token</c> header.
    /// </summary>
    public static IReadOnlyList<string> CandidateTokens(string? headerValue)
    {
        if (!TryGetCredential(headerValue, out var credential))
        {
            return [];
        }

        return TryDecodeBase64(credential, out var decoded) && decoded != credential
            ? [decoded, credential]
            : [credential];
    }

    private static bool TryGetCredential(string? headerValue, out string credential)
    {
        credential = string.Empty;
        var value = headerValue.AsSpan().Trim();
        if (value.Length <= Scheme.Length
            || !value[..Scheme.Length].Equals(Scheme, StringComparison.OrdinalIgnoreCase)
            || !char.IsWhiteSpace(value[Scheme.Length]))
        {
            return false;
        }

        var rest = value[Scheme.Length..].Trim();
        foreach (var c in rest)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        credential = rest.ToString();
        return credential.Length > 0;
    }

    private static bool TryDecodeBase64(string credential, out string decoded)
    {
        decoded = string.Empty;
        if (credential.Length % 4 != 0 || !Base64.IsValid(credential.AsSpan(), out var length) || length == 0)
        {
            return false;
        }

        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        if (!Convert.TryFromBase64String(credential, bytes, out var written))
        {
            return false;
        }

        bytes = bytes[..written];
        if (bytes[^1] == (byte)'\n')
        {
            bytes = bytes[..^1];
        }

        if (bytes.IsEmpty)
        {
            return false;
        }

        foreach (var b in bytes)
        {
            if (b is < (byte)'!' or > (byte)'~')
            {
                return false;
            }
        }

        decoded = Encoding.ASCII.GetString(bytes);
        return true;
    }
}
