using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace StatusGrid.TestSupport.Emsp;

/// <summary>
/// A real eMSP (or roaming hub) on loopback (Kestrel). It receives Location pushes under
/// /ocpi/emsp/{version}/locations, records each and answers with <see cref="Respond"/> (HTTP 200, OCPI 1000 by
/// default), so tests can inject errors, delays and unknown-object answers. It also speaks the configuration modules:
/// it serves versions, version details and credentials (a CPO can register with it), registers with a CPO itself,
/// pulls a CPO's Locations following Link, and checks every push against what was agreed (<see cref="PushProblems"/>).
/// </summary>
public sealed partial class MockEmsp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPush> _received = new();
    private readonly ConcurrentQueue<ReceivedPush> _configRequests = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    private MockEmsp(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Decides the answer to each push; return null for the default OCPI success.</summary>
    public Func<ReceivedPush, Task<IResult?>> Respond { get; set; } = _ => Task.FromResult<IResult?>(null);

    /// <summary>Every request to the Locations receiver (pushes), in arrival order.</summary>
    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    /// <summary>Every request to the versions, version details and credentials endpoints.</summary>
    public IReadOnlyList<ReceivedPush> ConfigRequests => [.. _configRequests];

    public string VersionsUrl => $"{BaseUrl}/ocpi/emsp/versions";

    public string LocationsUrl(string version = "2.2.1") => $"{BaseUrl}/ocpi/emsp/{version}/locations";

    public static async Task<MockEmsp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        MockEmsp? mock = null;
        app.Map("/ocpi/emsp/{version}/locations/{**path}", async (HttpContext context, string version, string? path) =>
        {
            var push = await RecordAsync(context, path ?? "");
            mock!._received.Enqueue(push);
            return await mock.Respond(push) ?? (mock.KeepsCopies ? mock.Copy(push) : Success());
        });
        app.MapGet("/ocpi/emsp/versions", (Func<HttpContext, Task<IResult>>)(context => mock!.ServeVersionsAsync(context)));
        app.MapGet("/ocpi/emsp/{version}", (HttpContext context, string version) => mock!.ServeDetailsAsync(context, version));
        app.MapMethods("/ocpi/emsp/{version}/credentials", [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete],
            (HttpContext context, string version) => mock!.ServeCredentialsAsync(context, version));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        mock = new MockEmsp(app, address);
        return mock;
    }

    public static IResult Success() =>
        Results.Json(new { status_code = 1000, timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ") });

    public async Task<ReceivedPush> WaitForAsync(Func<ReceivedPush, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(match) is { } push)
            {
                return push;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"The mock eMSP did not receive {what}; it got: {string.Join(", ", Received.Select(r => r.Method + " " + r.Path))}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<ReceivedPush> RecordAsync(HttpContext context, string path)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        return new ReceivedPush(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            path,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            DateTimeOffset.UtcNow);
    }
}
