namespace StatusGrid.Server.OcpiApi;

/// <summary>
/// What a partner URL given through the admin API must be. Every request to it carries a token, so it is https unless
/// partners on our own network are allowed (<c>StatusGrid:Ocpi:AllowPrivateNetworkPartners</c>): plain http reaches
/// only those (PartnerHttpHandler refuses it to a public address), so without that setting an http URL could never
/// work and is refused at once, naming the field.
/// </summary>
public sealed class PartnerUrlRule(bool allowPrivateNetworks)
{
    /// <summary>Null when <paramref name="url"/> may be called; otherwise why not, for the caller's field message.</summary>
    public string? Check(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "an absolute https URL";
        }

        return uri.Scheme == Uri.UriSchemeHttp && !allowPrivateNetworks
            ? "https: plain http is allowed only to partners on your own network, with StatusGrid:Ocpi:AllowPrivateNetworkPartners=true"
            : null;
    }
}
