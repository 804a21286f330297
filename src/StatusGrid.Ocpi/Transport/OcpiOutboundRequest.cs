namespace StatusGrid.Ocpi.Transport;

/// <summary>One request we send to a partner.</summary>
/// <param name="Version">
/// The OCPI version the request belongs to (decides the token encoding and the 2.2+ routing headers); null before a
/// version is agreed (a handshake's versions request), which sends the token Base64-encoded, as every version from 2.2
/// on wants it, unless <paramref name="RawToken"/>.
/// </param>
/// <param name="RawToken">Send the token raw even on 2.2+ (a partner that only accepts it so); 2.1.1 is always raw.</param>
/// <param name="Body">UTF-8 JSON body, or null.</param>
/// <param name="From">Our party for the OCPI-from headers (2.2+), when known.</param>
/// <param name="To">The partner's party for the OCPI-to headers (2.2+), when known.</param>
/// <param name="RequireEnvelope">
/// A 2xx answer counts only with a valid OCPI response envelope (<see cref="OcpiOutcome.InvalidEnvelope"/> otherwise):
/// the handshake's calls need one; push answers may omit it.
/// </param>
public sealed record OcpiOutboundRequest(
    HttpMethod Method,
    Uri Url,
    string Token,
    OcpiVersion? Version,
    bool RawToken = false,
    byte[]? Body = null,
    OcpiParty? From = null,
    OcpiParty? To = null,
    bool RequireEnvelope = false);

/// <summary>An OCPI party: ISO country code and 3-character party id.</summary>
public sealed record OcpiParty(string CountryCode, string PartyId);
