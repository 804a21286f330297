using StatusGrid.Baseline;

// The baseline: what the same machine does with no actors, no storage, no coalescing: Kestrel in, HttpClient PATCH
// out, SignalR broadcast. The driver runs every scenario against it too, and reports StatusGrid as ratios to it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
builder.Services.AddSingleton<LocationDirectory>();
builder.Services.AddSingleton<Forwarder>();
builder.Services.AddSignalR();

var app = builder.Build();
app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
app.MapPost("/api/status", IngestEndpoint.HandleAsync);
AdminEndpoints.Map(app);
app.MapHub<BaselineHub>(BaselineHub.Path);
await app.RunAsync();
