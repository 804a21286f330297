using System.Buffers;

namespace StatusGrid.Server.Ocpp;

/// <summary>
/// A charge point identity: OCPP 2.0.1 identifierString (letters, digits and <c>*-_=+|@.</c>), at most 48 characters,
/// never ':' (it is the Basic user name). Applied to 1.6 stations too, so every identity is safe in a URL path segment
/// and a grain key.
/// </summary>
public static class OcppIdentity
{
    public const int MaxLength = 48;

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789*-_=+|@.");

    public static bool IsValid(string? identity) =>
        identity is { Length: > 0 and <= MaxLength } && !identity.AsSpan().ContainsAnyExcept(Allowed);
}
