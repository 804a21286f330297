using System.Net;
using System.Net.Sockets;

namespace StatusGrid.Ocpi.Transport;

/// <summary>
/// The primary handler for every HTTP client that calls a partner. The address rule is applied in the connect
/// callback, to the address we actually connect to, so a name that resolves differently on a second lookup (DNS
/// rebinding) cannot slip past it. Redirects are never followed: a public URL answering 302 to an internal one
/// must not lead us there. Plain http is refused to public addresses: it is for partners on our own network only.
/// </summary>
public static class PartnerHttpHandler
{
    /// <param name="allowPrivateNetworks">Lift the address rule (development, tests, partners on the same network).</param>
    /// <param name="maxConnectionsPerServer">Connections per partner host, for pushes that run concurrently.</param>
    public static SocketsHttpHandler Create(bool allowPrivateNetworks, int maxConnectionsPerServer = 64) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = maxConnectionsPerServer,
        // Bounds what a partner can make us buffer in headers; bodies are bounded by OcpiTransport.
        MaxResponseHeadersLength = 64,
        UseCookies = false,
        // Through a proxy the connect callback would see the proxy's address, not the partner's: no proxy here.
        UseProxy = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context, allowPrivateNetworks, cancellationToken),
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivateNetworks, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        // Plain http only inside our own network: every request to a partner carries a token, and one sent in clear
        // over the internet lets whoever reads it pull our Locations or take over the registration. The scheme is
        // judged here, on the address connected to, so a partner's versions or details answer that lists an http URL
        // cannot lead the handshake (which sends our new token) there either.
        var plainHttp = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttp;
        // Link-local (cloud metadata) stays refused even where our own network is allowed.
        var allowed = addresses.Where(a => !PartnerAddressPolicy.IsLinkLocal(a) && (PartnerAddressPolicy.IsPublic(a) ? !plainHttp : allowPrivateNetworks)).ToArray();
        if (allowed.Length == 0)
        {
            throw new PartnerAddressNotAllowedException(
                addresses.Length == 0 ? "host name did not resolve"
                : plainHttp && addresses.Any(PartnerAddressPolicy.IsPublic) ? "plain http to a public address; use https"
                : addresses.All(PartnerAddressPolicy.IsLinkLocal) ? "link-local address (cloud metadata); never allowed"
                : "address not allowed");
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
