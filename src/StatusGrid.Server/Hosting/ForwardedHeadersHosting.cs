using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> from the reverse proxies we trust, and from nobody else. The scheme
/// decides whether an OCPP Basic password came over TLS, and the address is what per-address rate limits and logs
/// see, so a client that reaches Kestrel directly must not be able to claim either by sending the headers itself.
/// Trusted: loopback (a proxy on the same host) unless <c>StatusGrid:ForwardedHeaders:TrustedProxies</c> lists the
/// proxies' addresses or networks (<c>10.0.0.5</c>, <c>10.0.0.0/24</c>), which then replace loopback.
/// </summary>
public static class ForwardedHeadersHosting
{
    public const string SectionName = "StatusGrid:ForwardedHeaders";

    public static WebApplicationBuilder AddStatusGridForwardedHeaders(this WebApplicationBuilder builder)
    {
        var trusted = builder.Configuration.GetSection(SectionName + ":TrustedProxies").Get<string[]>() ?? [];
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in trusted.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                // Stopping the start: a proxy left out by a typo would make every client look like the proxy.
                throw new InvalidOperationException(
                    $"{SectionName}:TrustedProxies: '{entry}' is neither an IP address nor a network in CIDR form (e.g. 10.0.0.5 or 10.0.0.0/24).");
            }
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (proxies.Count + networks.Count > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                proxies.ForEach(options.KnownProxies.Add);
                networks.ForEach(options.KnownIPNetworks.Add);
            }
        });
        return builder;
    }
}
