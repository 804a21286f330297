using StatusGrid.Server.Admin;
using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Demo;
using StatusGrid.Server.Hosting;
using StatusGrid.Server.Ingest;
using StatusGrid.Server.OcpiApi;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server;

/// <summary>
/// Builds the whole host; Program runs it, tests start it on loopback with their own settings. The first block is the
/// shared infrastructure (Hosting/), then one AddX/MapX pair per feature folder.
/// </summary>
public static class StatusGridApp
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(DemoHosting.ExtractDemoSwitch(args, out var demo));
        configure?.Invoke(builder);
        builder.AddStatusGridStorage();
        builder.AddStatusGridOrleans();
        builder.AddStatusGridApi();
        builder.AddStatusGridHealth();
        builder.AddStatusGridTelemetry();
        builder.AddStatusGridOpenApi();

        builder.AddIngest();
        builder.AddAdmin();
        builder.AddOcpiApi();
        builder.AddOcpp();
        builder.AddDashboard();
        builder.AddDemo(demo);

        var app = builder.Build();
        await app.MigrateDatabaseAsync();

        app.UseStatusGridApi();
        app.MapStatusGridHealth();
        app.MapStatusGridTelemetry();
        app.MapStatusGridOrleansDashboard();
        app.MapStatusGridOpenApi();

        app.MapIngest();
        app.MapAdmin();
        app.MapOcpiApi();
        app.MapOcpp();
        app.MapDashboard();
        return app;
    }
}
