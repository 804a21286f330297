using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using StatusGrid.Grains.Dashboard;
using StatusGrid.Grains.Evses;
using StatusGrid.Grains.Fanout;
using StatusGrid.Grains.Locations;
using StatusGrid.Grains.Partners;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Transport;

namespace StatusGrid.Grains.Hosting;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Services every StatusGrid silo needs besides storage: fan-out, dashboard registration, partner pushes.</summary>
    public static IServiceCollection AddStatusGridSilo(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<FanoutOptions>(configuration.GetSection(FanoutOptions.SectionName));
        services.Configure<PushOptions>(configuration.GetSection(PushOptions.SectionName));
        var fanout = configuration.GetSection(FanoutOptions.SectionName).Get<FanoutOptions>() ?? new FanoutOptions();
        if (fanout.DirectoryTrust < TimeSpan.Zero || fanout.DirectoryTrust > TimeSpan.FromMinutes(1))
        {
            // Registering an ordered partner waits this long (a negative wait would be an endless one).
            throw new InvalidOperationException(
                $"{FanoutOptions.SectionName}:DirectoryTrust is {fanout.DirectoryTrust}; set between 00:00:00 and 00:01:00 (default 00:00:01).");
        }

        var evses = configuration.GetSection(EvseOptions.SectionName).Get<EvseOptions>() ?? new EvseOptions();
        if (evses.IdleTimeout < TimeSpan.FromMinutes(2))
        {
            throw new InvalidOperationException(
                $"{EvseOptions.SectionName}:IdleTimeout is {evses.IdleTimeout}; set at least 00:02:00 (Orleans collects idle grains once a minute).");
        }

        services.Configure<GrainCollectionOptions>(o =>
        {
            o.ClassSpecificCollectionAge[typeof(EvseGrain).FullName!] = evses.IdleTimeout;

            // Partners' PUTs activate every Location grain at once (a document each). Collected with the EVSEs' wave,
            // their memory goes back to the machine with the same trim (MemoryTrimmer), not one Orleans default later.
            o.ClassSpecificCollectionAge[typeof(LocationGrain).FullName!] = evses.IdleTimeout;
        });
        services.Configure<EvseOptions>(configuration.GetSection(EvseOptions.SectionName));
        services.AddSingleton<EvseActivations>();
        services.AddHostedService<MemoryTrimmer>();

        services.AddSingleton<StatusFanout>();
        services.AddSingleton<IStatusFanout>(sp => sp.GetRequiredService<StatusFanout>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StatusFanout>());
        // Also read by the co-hosted OCPI Locations sender and dashboard estate.
        services.TryAddSingleton<LiveLocations>();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<DashboardRegistration>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DashboardRegistration>());
        services.AddSingleton<SiloDeaths>();
        services.AddSingleton<PartnerRecovery>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<PartnerRecovery>());

        services.AddSingleton<OcpiPushClient>();
        services.AddSingleton<PartnerWorkSource>();
        services.AddHttpClient(OcpiPushClient.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<PushOptions>>().Value.RequestTimeout)
            // Many EVSEs, few partners: enough connections per partner for the configured concurrency. The handler
            // refuses private addresses and redirects (Locations URLs are partner-supplied).
            .ConfigurePrimaryHttpMessageHandler(sp => PartnerHttpHandler.Create(
                PartnerNetwork.AllowPrivate(configuration, sp.GetService<IHostEnvironment>()), maxConnectionsPerServer: 64))
            // Thousands of pushes a second: the factory's per-request log scope and start/end lines cost an allocation
            // chain per push and say nothing the partner grain does not log (failures, with the partner and EVSE).
            // Traces and metrics of each request still come from OpenTelemetry's HttpClient instrumentation.
            .RemoveAllLoggers();

        services.AddSerializer(serializer => serializer.AddStatusGridSerializers());
        return services;
    }

    /// <summary>
    /// Services a front-end (an Orleans client that serves HTTP, SignalR and OCPP before a silo cluster) needs from this
    /// library: the Locations reader (OCPI pull, dashboard estate) and its own dashboard observer. No fan-out, no
    /// partner pushes, no grains: those run on the silos.
    /// </summary>
    public static IServiceCollection AddStatusGridFrontEnd(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<FrontEndOptions>(configuration.GetSection(FrontEndOptions.SectionName));
        // Not for a fan-out (there is none here): the silos' refresh interval tells how long a re-registered observer
        // waits before it resyncs (set the same StatusGrid:Fanout values on silos and front-ends).
        services.Configure<FanoutOptions>(configuration.GetSection(FanoutOptions.SectionName));
        services.TryAddSingleton<LiveLocations>();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<FrontEndDashboardRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<FrontEndDashboardRegistration>());
        services.AddSerializer(serializer => serializer.AddStatusGridSerializers());
        return services;
    }

    /// <summary>OCPI model types (no Orleans attributes: the OCPI library is Orleans-free) travel as OCPI JSON.</summary>
    public static ISerializerBuilder AddStatusGridSerializers(this ISerializerBuilder builder) =>
        builder.AddJsonSerializer(
            isSupported: type => type.Namespace?.StartsWith("StatusGrid.Ocpi", StringComparison.Ordinal) == true,
            jsonSerializerOptions: OcpiJson.Options);
}
