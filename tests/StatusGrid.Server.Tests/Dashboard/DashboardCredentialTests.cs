using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace StatusGrid.Server.Tests.Dashboard;

/// <summary>StatusGrid:Dashboard:RequireCredential closes the whole dashboard: data and hub.</summary>
public sealed class DashboardCredentialTests
{
    // Outside Development a viewer key shorter than 32 characters stops the start, like the API keys.
    private const string ViewerKey = "test-viewer-key-0123456789abcdefghijklm";

    [Fact]
    public async Task With_RequireCredential_the_map_data_and_hub_need_a_key_and_the_viewer_key_is_enough()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Dashboard:RequireCredential"] = "true",
            ["StatusGrid:Dashboard:ViewerApiKey"] = ViewerKey,
        });
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        using var viewer = host.Client(ViewerKey);
        using var admin = host.Client();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/dashboard/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/dashboard/snapshot?bbox=0,0,1,1&zoom=3")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/hubs/status/negotiate?negotiateVersion=1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/dashboard/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/dashboard/summary")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/ops/overview")).StatusCode);
        var config = await (await anonymous.GetAsync("/api/dashboard/config")).JsonAsync();
        Assert.True(config.GetProperty("require_credential").GetBoolean());

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/status"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(ViewerKey))
            .Build();
        await hub.StartAsync();
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task By_default_the_public_map_needs_no_key()
    {
        await using var host = await StatusGridHost.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/dashboard/summary")).StatusCode);
    }
}
