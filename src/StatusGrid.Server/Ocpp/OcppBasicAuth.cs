using System.Net.Http.Headers;

namespace StatusGrid.Server.Ocpp;

/// <summary>Security profile 1/2: <c>Authorization: Basic base64(identity ":" password)</c>, password as raw bytes.</summary>
public static class OcppBasicAuth
{
    /// <summary>The password bytes when the header is Basic and its user is <paramref name="identity"/>; else null.</summary>
    public static byte[]? PasswordFor(string? header, string identity)
    {
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || value.Parameter is null)
        {
            return null;
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(value.Parameter);
        }
        catch (FormatException)
        {
            return null;
        }

        // The identity never contains ':', so the first one ends the user name; the password may hold any byte.
        var colon = Array.IndexOf(decoded, (byte)':');
        if (colon < 0 || System.Text.Encoding.UTF8.GetString(decoded, 0, colon) != identity)
        {
            return null;
        }

        return decoded[(colon + 1)..];
    }
}
