using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Demo;
using StatusGrid.Server.Hosting;
using StatusGrid.Server.Ingest;
using StatusGrid.Server.Locations;
using StatusGrid.Server.Ocpi;
using StatusGrid.Server.Partners;

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
        builder.AddStatusGridOcpi();
        builder.AddStatusGridDashboard();
        builder.AddDemo(demo);

        var app = builder.Build();
        await app.MigrateDatabaseAsync();

        app.UseStatusGridApi();
        app.MapIngest();
        app.MapAdminLocations();
        app.MapAdminPartners();
        app.MapDashboard();
        app.MapOps();
        app.MapOcpi();
        return app;
    }
}
