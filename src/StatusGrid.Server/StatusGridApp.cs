using StatusGrid.Server.Admin;
using StatusGrid.Server.Admin.Locations;
using StatusGrid.Server.Admin.Partners;
using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Demo;
using StatusGrid.Server.Hosting;
using StatusGrid.Server.Ingest;
using StatusGrid.Server.OcpiApi;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server;

/// <summary>Builds the whole host; Program runs it, tests start it on loopback with their own settings.</summary>
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
        builder.AddStatusGridOcpi();
        builder.AddOcpp();
        builder.AddStatusGridDashboard();
        builder.AddDemo(demo);

        var app = builder.Build();
        await app.MigrateDatabaseAsync();

        app.UseStatusGridApi();
        app.MapStatusGridOrleansDashboard();
        app.MapStatusGridOpenApi();
        app.MapAdminIndex();
        app.MapIngest();
        app.MapAdminLocations();
        app.MapAdminPartners();
        app.MapDashboard();
        app.MapOps();
        app.MapOcpi();
        app.MapOcpp();
        return app;
    }
}
