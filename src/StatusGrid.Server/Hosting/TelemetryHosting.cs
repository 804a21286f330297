using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using StatusGrid.Grains.Fanout;
using StatusGrid.Grains.Partners;
using StatusGrid.Server.Ingest;
using StatusGrid.Server.Ocpp;
using StatusGrid.Storage.GroupCommit;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// OpenTelemetry: metrics (scraped at <c>/metrics</c>) and traces. A trace follows a change: the ingest request,
/// the EVSE grain call (Orleans activity propagation), the fan-out batch, the partner grain call and the push, whose
/// request carries W3C <c>traceparent</c> to the partner. Export over OTLP only when an endpoint is configured.
/// </summary>
public static class TelemetryHosting
{
    public const string SectionName = "StatusGrid:Telemetry";

    /// <summary>The Prometheus scrape endpoint.</summary>
    public static WebApplication MapStatusGridTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    /// <summary>
    /// Traces are recorded only when they go somewhere: recording an activity for every grain call, request and push
    /// with no exporter cost a third of the push throughput at 5,000 changes/s (load/RESULTS.md). On with an OTLP
    /// endpoint, or with StatusGrid:Telemetry:Tracing=true (e.g. for an in-process listener).
    /// </summary>
    public static bool IsTracing(IConfiguration configuration)
    {
        var section = configuration.GetSection(SectionName);
        return section.GetValue<bool?>("Tracing")
            ?? (section["OtlpEndpoint"] is { Length: > 0 } || configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 });
    }

    /// <summary>
    /// Most data points one metric stream of Orleans or ASP.NET Core keeps. Every stream allocates its limit up front
    /// (72 bytes a point): at the SDK's default of 2,000, the ~210 streams these libraries publish held 30 MB of a
    /// 100k-EVSE silo's live heap (gcdump, load/RESULTS.md). Their tags are grain types, message kinds, routes and
    /// status codes: tens to a few hundred combinations. Our own meters, tagged per partner, keep the default.
    /// </summary>
    public const int LibraryCardinalityLimit = 400;

    internal static MetricStreamConfiguration? LibraryStream(string meterName) =>
        meterName.StartsWith("StatusGrid", StringComparison.Ordinal) ? null : new MetricStreamConfiguration { CardinalityLimit = LibraryCardinalityLimit };

    public static WebApplicationBuilder AddStatusGridTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var serviceName = section["ServiceName"] is { Length: > 0 } name ? name : "statusgrid";
        // Ours, else the standard variable (which the exporter then reads itself).
        var otlp = section["OtlpEndpoint"] is { Length: > 0 } endpoint ? endpoint : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var siloName = builder.Configuration[$"{ClusterSettings.SectionName}:SiloName"];

        var tracingOn = IsTracing(builder.Configuration);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(TelemetryHosting).Assembly.GetName().Version?.ToString(),
                serviceInstanceId: siloName is { Length: > 0 } ? siloName : Environment.MachineName))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(PushMetrics.MeterName, IngestMetrics.MeterName, OcppMetrics.MeterName, StorageMetrics.MeterName, "Microsoft.Orleans")
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
                    .AddView(instrument => LibraryStream(instrument.Meter.Name))
                    .AddPrometheusExporter();
                if (otlp is { Length: > 0 })
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        if (!tracingOn)
        {
            return builder;
        }

        telemetry.WithTracing(tracing =>
            {
                tracing
                    // Health probes and scrapes every few seconds would drown the traces that matter.
                    .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                        !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/metrics"))
                    .AddHttpClientInstrumentation()
                    .AddSource(StatusGridTracing.SourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application");
                if (otlp is { Length: > 0 })
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        return builder;
    }
}
