using Microsoft.Extensions.DependencyInjection.Extensions;

namespace StatusGrid.Server.Ingest;

/// <summary>Status reports from the CPO's backend: <c>POST /api/status</c>.</summary>
public static class IngestHosting
{
    public static WebApplicationBuilder AddIngest(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IngestOptions>(builder.Configuration.GetSection(IngestOptions.SectionName));
        // TryAdd: a test host may put its own ingestor (over test-double grains) in first.
        builder.Services.TryAddSingleton<StatusIngestor>();
        return builder;
    }

    public static WebApplication MapIngest(this WebApplication app)
    {
        app.MapIngestEndpoints();
        return app;
    }
}
