using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StatusGrid.Server.Ingest;

namespace StatusGrid.Server.Tests.Ingest;

/// <summary>
/// SIGTERM, a rolling restart or scaling down stops the host gracefully. The order matters: Kestrel stops taking new
/// requests and finishes the ones in flight first, and only then does the silo stop. Otherwise an ingest request
/// accepted just before the stop would find its grains gone and fail.
/// </summary>
public sealed class GracefulStopTests
{
    [Fact]
    public async Task A_graceful_stop_finishes_in_flight_ingest_requests_before_the_silo_stops()
    {
        var grains = new ScriptedGrains();
        await using var host = await StatusGridHost.StartAsync(configure: builder => builder.Services.AddSingleton(sp =>
        {
            grains.Real = sp.GetRequiredService<IGrainFactory>();
            return ActivatorUtilities.CreateInstance<StatusIngestor>(sp, grains.Factory);
        }));
        using (var admin = host.Client())
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/locations/GATE-1", TestLocations.Json("GATE-1"))).StatusCode);
        }

        using var client = host.Client(StatusGridHost.IngestKey);
        var inFlight = client.SendJsonAsync(HttpMethod.Post, "/api/status",
            """[{"location_id":"GATE-1","evse_uid":"GATE-1-E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]""");
        await grains.GateEntered.WaitAsync(TimeSpan.FromSeconds(30));

        // The stop begins while the request waits at its grain; the grain is then called for real.
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());
        var stop = host.StopAsync();
        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Once Kestrel refuses new connections, the web host is stopping. Had the silo been stopped before it, the
        // grain call below would now fail.
        await RefusesConnectionsAsync(host.BaseAddress);
        grains.OpenGate();

        using var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.JsonAsync()).GetProperty("applied").GetInt32());
        await stop.WaitAsync(TimeSpan.FromSeconds(60));

        // The change is durable: the restarted host has it.
        await host.StartAsync();
        using var again = host.Client();
        var location = await (await again.GetAsync("/api/admin/locations/GATE-1")).JsonAsync();
        var evse = location.GetProperty("evses").EnumerateArray().Single(e => e.GetProperty("uid").GetString() == "GATE-1-E1");
        Assert.Equal("CHARGING", evse.GetProperty("status").GetString());
    }

    private static async Task RefusesConnectionsAsync(Uri address)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(address.Host, address.Port);
            }
            catch (SocketException)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("Kestrel still accepted connections 30 s after the stop began.");
    }
}
