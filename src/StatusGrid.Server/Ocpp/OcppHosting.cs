using Microsoft.Extensions.Options;
using StatusGrid.Grains.ChargePoints;

namespace StatusGrid.Server.Ocpp;

public static class OcppHosting
{
    /// <summary>Options of the OCPP endpoint and of the charge point grains (both under <c>StatusGrid:Ocpp</c>).</summary>
    public static WebApplicationBuilder AddOcpp(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OcppOptions>().Bind(builder.Configuration.GetSection(OcppOptions.SectionName))
            .Validate(o => o.PasswordCheckQueueLimit >= 0, $"{OcppOptions.SectionName}:{nameof(OcppOptions.PasswordCheckQueueLimit)} must be 0 or more.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => new PasswordHashingLimiter(PasswordHashingLimiter.DefaultSlots,
            sp.GetRequiredService<IOptions<OcppOptions>>().Value.PasswordCheckQueueLimit));
        builder.Services.AddSingleton(sp => new VerifiedPasswords(sp.GetRequiredService<PasswordHashingLimiter>()));
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
