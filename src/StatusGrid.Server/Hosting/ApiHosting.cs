using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using OpenTelemetry.Metrics;
using StatusGrid.Grains.Partners;
using StatusGrid.Server.Auth;
using StatusGrid.Server.Dashboard;
using StatusGrid.Server.Ingest;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Server.Hosting;

public static class ApiHosting
{
    public static WebApplicationBuilder AddStatusGridApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<ApiKeyOptions>(builder.Configuration.GetSection(ApiKeyOptions.SectionName));
        services.Configure<IngestOptions>(builder.Configuration.GetSection(IngestOptions.SectionName));
        // Our own API speaks snake_case like OCPI; OCPI objects themselves are written with OcpiJson.Options.
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        services.AddProblemDetails();
        services.AddSingleton<StatusIngestor>();
        services.AddSingleton<StatusGrid.Server.Locations.LocationImporter>();
        services.AddSignalR();
        services.AddHostedService<StartupBanner>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(PushMetrics.MeterName, IngestMetrics.MeterName, StorageMetrics.MeterName, "Microsoft.Orleans")
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
            .AddPrometheusExporter());
        return builder;
    }

    public static WebApplication UseStatusGridApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboardAccess();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        return app;
    }
}
