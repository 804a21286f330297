using System.Collections.Immutable;
using StatusGrid.Contracts.Registrations;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Versions;

namespace StatusGrid.Server.OcpiApi.Credentials;

/// <summary>
/// Reads a partner's versions and version details and picks the endpoints we use: its credentials endpoint
/// (required: without it the registration cannot be maintained, 3003) and its Locations receiver (optional: without
/// one the partner pulls). 2.1.1 endpoints have no role, so there any locations endpoint is the receiver.
/// </summary>
public sealed class PartnerDiscovery(PartnerApiClient client)
{
    /// <summary>
    /// For a handshake the partner started: the version is the one of our credentials endpoint it called (spec: "the
    /// version is implied by the credentials endpoint POSTed to"), and the partner must offer it too.
    /// </summary>
    public async Task<(PartnerProfile? Profile, HandshakeFailure? Failure)> ForVersionAsync(
        string versionsUrl, string token, OcpiVersion version, CancellationToken cancellationToken)
    {
        var versions = await client.GetVersionsAsync(versionsUrl, token, chosen: version, rawFirst: version == OcpiVersion.V211, cancellationToken);
        if (versions.Failure is { } failure)
        {
            return (null, failure);
        }

        var wanted = version.ToVersionString();
        if (versions.Value!.FirstOrDefault(v => v.Version == wanted) is not { } info)
        {
            return (null, HandshakeFailure.UnsupportedVersion(
                $"You registered on our {wanted} credentials endpoint, but your versions URL lists only {string.Join(", ", versions.Value!.Select(v => v.Version))}"));
        }

        return await DetailsAsync(versionsUrl, info, token, version, versions.RawTokenHeader, cancellationToken);
    }

    /// <summary>For a handshake we start: the highest version both sides speak.</summary>
    /// <param name="current">On a refresh, the version agreed so far: with 2.1.1 the versions GET carries the raw token.</param>
    public async Task<(PartnerProfile? Profile, HandshakeFailure? Failure)> HighestCommonAsync(
        string versionsUrl, string token, CancellationToken cancellationToken, OcpiVersion? current = null, bool rawTokenHeader = false)
    {
        var versions = await client.GetVersionsAsync(versionsUrl, token, chosen: current, rawFirst: rawTokenHeader, cancellationToken);
        if (versions.Failure is { } failure)
        {
            return (null, failure);
        }

        foreach (var version in OcpiRouteVersion.Supported.Reverse())
        {
            if (versions.Value!.FirstOrDefault(v => v.Version == version.ToVersionString()) is { } info)
            {
                // A versions GET made for 2.1.1 went raw by that version's rule, not because the partner wants it raw:
                // a 2.2+ version starts with the Base64 token its spec requires.
                var raw = versions.RawTokenHeader && current != OcpiVersion.V211;
                return await DetailsAsync(versionsUrl, info, token, version, raw, cancellationToken);
            }
        }

        return (null, HandshakeFailure.UnsupportedVersion(
            $"No version in common: the versions URL lists {string.Join(", ", versions.Value!.Select(v => v.Version))}; we speak 2.1.1, 2.2.1, 2.3.0"));
    }

    private async Task<(PartnerProfile? Profile, HandshakeFailure? Failure)> DetailsAsync(
        string versionsUrl, VersionInfo info, string token, OcpiVersion version, bool raw, CancellationToken cancellationToken)
    {
        // The version is chosen now: for 2.1.1 the details GET (and everything after it) carries the raw token.
        var details = await client.GetVersionDetailsAsync(info.Url, token, version, raw || version == OcpiVersion.V211, cancellationToken);
        if (details.Failure is { } failure)
        {
            return (null, failure);
        }

        var endpoints = details.Value!.Endpoints;
        if (endpoints.FirstOrDefault(e => e.Identifier == ModuleId.Credentials) is not { } credentials)
        {
            return (null, HandshakeFailure.NoUsableEndpoint(
                $"The version details URL lists no credentials endpoint for {version.ToVersionString()}; it is needed to keep the registration up to date"));
        }

        var locations = endpoints.FirstOrDefault(e => e.Identifier == ModuleId.Locations
            && (version == OcpiVersion.V211 || e.Role == InterfaceRole.Receiver));
        var all = endpoints.Select(e => new OcpiPartnerEndpoint(e.Identifier, e.Role?.ToString().ToUpperInvariant(), e.Url)).ToImmutableArray();

        // Only 2.2+ partners can want a raw token "against the spec"; 2.1.1 is raw anyway.
        var rawTokenHeader = version != OcpiVersion.V211 && details.RawTokenHeader;
        return (new PartnerProfile(version, versionsUrl, credentials.Url, locations?.Url, all, rawTokenHeader), null);
    }
}
