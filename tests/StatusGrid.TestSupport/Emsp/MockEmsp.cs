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
/// A real eMSP Locations receiver on loopback (Kestrel): records every push and answers with
/// <see cref="Respond"/> (HTTP 200, OCPI 1000 by default), so tests can inject errors, delays and unknown-object answers.
/// </summary>
public sealed class MockEmsp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private MockEmsp(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>Decides the answer to each push; return null for the default OCPI success.</summary>
    public Func<ReceivedPush, Task<IResult?>> Respond { get; set; } = _ => Task.FromResult<IResult?>(null);

    public IReadOnlyList<ReceivedPush> Received => [.. _received];

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
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var push = new ReceivedPush(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                path ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body,
                DateTimeOffset.UtcNow);
            mock!._received.Enqueue(push);
            return await mock.Respond(push) ?? Success();
        });
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
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
