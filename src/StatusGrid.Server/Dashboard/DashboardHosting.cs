using Microsoft.Extensions.Options;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Server.Dashboard.Estate;
using StatusGrid.Server.Dashboard.Viewport;

namespace StatusGrid.Server.Dashboard;

public static class DashboardHosting
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsValidator>();
        services.AddSingleton(sp => new DashboardEstate(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.DetailTileZoom));
        services.AddSingleton<EstateReader>();
        services.AddSingleton<PendingChanges>();
        services.AddSingleton<ViewportSubscriptions>();
        services.AddSingleton<DashboardPump>();
        services.AddSingleton<IDashboardSink>(sp => sp.GetRequiredService<DashboardPump>());
        services.AddHostedService(sp => sp.GetRequiredService<DashboardPump>());
        return builder;
    }

    /// <summary>The public map (its hub and data routes) and the operations view.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapDashboardEndpoints();
        app.MapOps();
        return app;
    }
}
