using StatusGrid.MockEmsp;

// A stand-in eMSP for docker compose and load runs: accepts OCPI Locations pushes (PUT of a Location, PATCH of an
// EVSE) for any version and party, answers OCPI success after an optional delay, and counts what it got (GET /stats).
// Settings: Urls (default http://0.0.0.0:8090), MockEmsp:DelayMs (simulated partner round trip, default 0).
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://0.0.0.0:8090");
var delay = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("MockEmsp:DelayMs", 0));
var app = builder.Build();
var counts = new PushCounts();

app.Map("/ocpi/emsp/{version}/locations/{**path}", async (HttpContext context) =>
{
    // Read the body as a receiver would, so request costs are realistic.
    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
    if (delay > TimeSpan.Zero)
    {
        await Task.Delay(delay, context.RequestAborted);
    }

    counts.Record(context.Request.Method);
    return Results.Json(new { status_code = 1000, timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });
});
app.MapGet("/stats", () => Results.Json(counts.Snapshot()));
app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
app.Run();
