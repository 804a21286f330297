using StatusGrid.Grains.ChargePoints;

namespace StatusGrid.Server.Ocpp;

public static class OcppHosting
{
    /// <summary>Options of the OCPP endpoint and of the charge point grains (both under <c>StatusGrid:Ocpp</c>).</summary>
    public static WebApplicationBuilder AddOcpp(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<OcppOptions>(builder.Configuration.GetSection(OcppOptions.SectionName));
        builder.Services.AddSingleton<VerifiedPasswords>();
        builder.Services.Configure<ChargePointOptions>(builder.Configuration.GetSection(OcppOptions.SectionName));
        return builder;
    }

    /// <summary>The OCPP-J WebSocket endpoint and the admin API that registers charge points.</summary>
    public static WebApplication MapOcpp(this WebApplication app)
    {
        app.UseWebSockets();
        app.Map("/ocpp/{chargePointId}", OcppEndpoint.HandleAsync).WithTags("OCPP");
        app.MapAdminChargePoints();
        return app;
    }
}
