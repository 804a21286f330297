using Scalar.AspNetCore;

namespace StatusGrid.Server.Hosting;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>, generated from the endpoints' typed results and metadata) and a
/// browsable reference over it (<c>/scalar</c>). Both describe the API, not its data, so they need no key; every
/// operation in them still does.
/// </summary>
public static class OpenApiHosting
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string UiPath = "/scalar";

    public static WebApplicationBuilder AddStatusGridOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "StatusGrid";
            document.Info.Description = "Live EV-charger availability for a CPO. Admin routes take the admin key, ingest the ingest key, "
                + "in the X-Api-Key header or as Authorization: Bearer. OCPI routes take OCPI tokens (Authorization: Token).";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapStatusGridOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(UiPath, options => options.WithTitle("StatusGrid API"));
        return app;
    }
}
