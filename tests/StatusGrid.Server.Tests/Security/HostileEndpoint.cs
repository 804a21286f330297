using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusGrid.Server.Tests.Security;

/// <summary>
/// A loopback HTTP server that plays what a hostile partner URL may lead to: an internal service holding a secret,
/// a redirect to it, a 500 page, an endless answer. Counts every request per path.
/// </summary>
public sealed class HostileEndpoint : IAsyncDisposable
{
    public const string Secret = "INTERNAL-METADATA-SECRET-7f3a9";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _hits = new();

    private HostileEndpoint(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public int Hits(string path) => _hits.GetValueOrDefault(path);

    public int TotalHits => _hits.Values.Sum();

    public static async Task<HostileEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        HostileEndpoint? endpoint = null;
        app.Use(async (context, next) =>
        {
            endpoint!._hits.AddOrUpdate(context.Request.Path.Value!, 1, (_, n) => n + 1);
            await next();
        });
        app.MapGet("/secret", () => Results.Text($$"""{"data":"{{Secret}}","status_code":1000,"timestamp":"2026-01-01T00:00:00Z"}""", "application/json"));
        app.MapGet("/error", () => Results.Text($"<html>{Secret}</html>", "text/html", statusCode: 500));
        app.MapGet("/redirect", () => Results.Redirect("/secret"));
        app.MapGet("/huge", async (HttpContext context) =>
        {
            // 8 MB of JSON-looking text, streamed without a Content-Length: only a bounded reader stops early.
            context.Response.ContentType = "application/json";
            var chunk = System.Text.Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
            await context.Response.WriteAsync("{\"data\":\"" + Secret);
            for (var i = 0; i < 128 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint = new HostileEndpoint(app, address);
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
