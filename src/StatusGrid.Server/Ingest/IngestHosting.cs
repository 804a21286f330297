using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace StatusGrid.Server.Ingest;

/// <summary>Status reports from the CPO's backend: <c>POST /api/status</c>.</summary>
public static class IngestHosting
{
    public static WebApplicationBuilder AddIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().Bind(builder.Configuration.GetSection(IngestOptions.SectionName)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
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
