using StatusGrid.Server.Admin.Locations;
using StatusGrid.Server.Admin.Partners;

namespace StatusGrid.Server.Admin;

/// <summary>The CPO's admin API under <c>/api/admin</c>: its Locations, its partners, and an index of both.</summary>
public static class AdminHosting
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LocationImporter>();
        return builder;
    }

    /// <summary>
    /// Admin routes owned by other features (OCPI registrations, charge points) are mapped by those features; the
    /// index lists them all, because it reads the mapped endpoints at request time.
    /// </summary>
    public static WebApplication MapAdmin(this WebApplication app)
    {
        app.MapAdminIndex();
        app.MapAdminLocations();
        app.MapAdminPartners();
        return app;
    }
}
