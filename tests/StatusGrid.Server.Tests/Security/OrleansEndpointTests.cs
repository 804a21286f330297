using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using StatusGrid.Server.Hosting;

namespace StatusGrid.Server.Tests.Security;

/// <summary>Issue 11 item 6: the silo and gateway listen only where configured, never on every address by accident.</summary>
public sealed class OrleansEndpointTests
{
    [Fact]
    public void In_cluster_mode_silo_and_gateway_listen_on_the_advertised_address_not_on_every_address()
    {
        var endpoints = Endpoints(new() { ["StatusGrid:Cluster:Mode"] = "AdoNet", ["StatusGrid:Cluster:AdvertisedIp"] = "10.1.2.3" });

        Assert.Equal(IPAddress.Parse("10.1.2.3"), endpoints.SiloListeningEndpoint?.Address ?? endpoints.AdvertisedIPAddress);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), endpoints.GatewayListeningEndpoint?.Address ?? endpoints.AdvertisedIPAddress);
    }

    [Fact]
    public void A_configured_listen_address_is_used_for_silo_and_gateway()
    {
        var endpoints = Endpoints(new()
        {
            ["StatusGrid:Cluster:Mode"] = "AdoNet",
            ["StatusGrid:Cluster:AdvertisedIp"] = "10.1.2.3",
            ["StatusGrid:Cluster:ListenIp"] = "0.0.0.0",
        });

        Assert.Equal(IPAddress.Any, endpoints.SiloListeningEndpoint!.Address);
        Assert.Equal(IPAddress.Any, endpoints.GatewayListeningEndpoint!.Address);
        Assert.Equal(IPAddress.Parse("10.1.2.3"), endpoints.AdvertisedIPAddress);
    }

    [Fact]
    public void The_embedded_default_listens_on_loopback()
    {
        var endpoints = Endpoints([]);

        Assert.True(IPAddress.IsLoopback(endpoints.SiloListeningEndpoint?.Address ?? endpoints.AdvertisedIPAddress));
        Assert.True(IPAddress.IsLoopback(endpoints.GatewayListeningEndpoint?.Address ?? endpoints.AdvertisedIPAddress));
    }

    /// <summary>The endpoint options the host would start with (built, not started: nothing connects anywhere).</summary>
    private static EndpointOptions Endpoints(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StatusGrid:Storage:Provider"] = "Sqlite",
            ["StatusGrid:Storage:ConnectionString"] = "Data Source=:memory:",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStatusGridOrleans();
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<EndpointOptions>>().Value;
    }
}
