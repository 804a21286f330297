using Microsoft.Extensions.Options;
using StatusGrid.Grains.Hosting;
using StatusGrid.Ocpi.Transport;
using StatusGrid.Server.Http;
using StatusGrid.Server.OcpiApi.Admin;
using StatusGrid.Server.OcpiApi.Auth;
using StatusGrid.Server.OcpiApi.Credentials;
using StatusGrid.Server.OcpiApi.HubClientInfo;
using StatusGrid.Server.OcpiApi.Locations;
using StatusGrid.Server.OcpiApi.Versions;

namespace StatusGrid.Server.OcpiApi;

public static class OcpiHosting
{
    public static WebApplicationBuilder AddOcpiApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<OcpiOptions>(builder.Configuration.GetSection(OcpiOptions.SectionName));
        services.AddSingleton<OcpiUrls>();
        services.AddSingleton<PartnerApiClient>();
        services.AddSingleton<OcpiTokenLookup>();
        services.AddSingleton<PartnerDiscovery>();
        services.AddSingleton<CredentialsHandshake>();
        services.AddSingleton<OutboundRegistration>();
        services.AddSingleton<LocationsSender>();
        // Handshake URLs come from whoever holds a token A: the handler refuses private addresses and redirects.
        var allowPrivate = PartnerNetwork.AllowPrivate(builder.Configuration, builder.Environment);
        services.AddSingleton(new PartnerUrlRule(allowPrivate));
        services.AddHttpClient(PartnerApiClient.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<OcpiOptions>>().Value.HandshakeTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => PartnerHttpHandler.Create(allowPrivate, maxConnectionsPerServer: 4));
        return builder;
    }

    /// <summary>/ocpi/versions, /ocpi/{version}, /ocpi/{version}/credentials, /ocpi/{version}/locations, and the admin side.</summary>
    public static WebApplication MapOcpiApi(this WebApplication app)
    {
        var ocpi = app.MapGroup("/ocpi")
            .AddEndpointFilter<OcpiErrorBoundary>()
            .AddEndpointFilter<OcpiMessageIds>()
            .WithTags("OCPI");
        ocpi.MapOcpiVersions();
        ocpi.MapOcpiCredentials();
        ocpi.MapOcpiLocations();
        ocpi.MapOcpiHubClientInfo();
        ocpi.Map("/{**rest}", (HttpContext context) =>
            OcpiResults.Error(context, OcpiStatusCode.ClientError, $"No OCPI endpoint at {ClientText.Prefix(context.Request.Path.ToString(), ClientText.PathLength)}; start at /ocpi/versions", StatusCodes.Status404NotFound));
        app.MapOcpiAdmin();
        return app;
    }
}
