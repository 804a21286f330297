using Microsoft.AspNetCore.Http.HttpResults;
using StatusGrid.Server.Auth;

namespace StatusGrid.Server.Ingest;

public static class IngestEndpoints
{
    public static IEndpointRouteBuilder MapIngestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/status", IngestAsync)
            .RequireApiKey(ApiKeyScope.Ingest)
            .WithName("IngestStatus")
            .WithSummary("Applies a batch of status reports; the answer says what became of each item.")
            .Produces<IngestResponse>(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return app;
    }

    // The body is read by IngestParser rather than bound: every item gets its own verdict (one bad item never fails the
    // batch), which a bound array could not give.
    private static Task<Results<Ok<IngestResponse>, JsonHttpResult<IngestResponse>, ProblemHttpResult>> IngestAsync(
        HttpRequest request, StatusIngestor ingestor, CancellationToken ct) => ingestor.IngestAsync(request, ct);
}
