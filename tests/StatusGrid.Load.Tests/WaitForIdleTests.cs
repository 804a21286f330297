using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Scenarios;

namespace StatusGrid.Load.Tests;

/// <summary>
/// A server under a run's load may answer the partner list with 503 ("the partner grain did not answer within 5 s");
/// the driver's wait for idle partners polls on instead of ending the run (it did: the map's full-size run crashed in
/// its drain on 2026-11-30).
/// </summary>
public sealed class WaitForIdleTests
{
    [Fact]
    public async Task A_busy_answer_or_a_partner_listed_as_unavailable_while_waiting_for_idle_is_polled_again_not_fatal()
    {
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/api/admin/partners", () => Interlocked.Increment(ref calls) switch
        {
            1 => Results.Problem("The cluster could not reach the grain", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cluster unavailable"),
            2 => Results.Json(new { total = 1, offset = 0, limit = 1000, items = Array.Empty<object>(), unavailable = new[] { new { id = "LOAD-P1", reason = "the partner grain did not answer within 5 s" } } }),
            _ => Results.Json(new { total = 1, offset = 0, limit = 1000, items = new[] { new { id = "LOAD-P1", health = new { queue_depth = 0, pending_location_puts = 0, in_flight = 0 } } }, unavailable = Array.Empty<object>() }),
        });
        await app.StartAsync();
        using var client = new StatusGridClient([new Uri(app.Urls.Single())], new ApiKeys());

        var idle = await Setup.WaitForIdleAsync(client, ["LOAD-P1"], TimeSpan.FromSeconds(30));

        Assert.True(idle);
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Any_other_failure_still_ends_the_wait_with_its_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/api/admin/partners", () => Results.Problem("wrong key", statusCode: StatusCodes.Status401Unauthorized));
        await app.StartAsync();
        using var client = new StatusGridClient([new Uri(app.Urls.Single())], new ApiKeys());

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Setup.WaitForIdleAsync(client, ["LOAD-P1"], TimeSpan.FromSeconds(30)));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }
}
