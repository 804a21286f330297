using StatusGrid.Server.Auth;

namespace StatusGrid.Server.Ingest;

public static class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/status", (HttpRequest request, StatusIngestor ingestor, CancellationToken ct) => ingestor.IngestAsync(request, ct))
            .RequireApiKey(ApiKeyScope.Ingest)
            .WithName("IngestStatus")
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }
}
