using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Server.Ingest;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Server.Tests.Ingest;

/// <summary>
/// The ingest API in front of grains that cannot be reached (a silo died and is not yet voted out) or do not answer:
/// the client is told to retry, with exactly which items took effect, instead of a bare 500 after a long wait.
/// </summary>
public sealed class IngestAvailabilityTests : IAsyncLifetime
{
    private readonly ScriptedGrains _grains = new();
    private StatusGridHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusGridHost.StartAsync(
        new Dictionary<string, string> { ["StatusGrid:Ingest:GrainTimeout"] = "00:00:00.500", ["StatusGrid:Ingest:RetryAfter"] = "00:00:02" },
        configure: builder => builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StatusIngestor>(sp, _grains.Factory)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_batch_touching_an_unreachable_silo_is_answered_503_with_retry_after_and_what_was_applied()
    {
        using var client = _host.Client(StatusGridHost.IngestKey);
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", """
            [{"location_id":"UP-1","evse_uid":"E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"},
             {"location_id":"DOWN-1","evse_uid":"E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"},
             {"location_id":"UP-2","evse_uid":"E1","status":"FLYING","observed_at":"2026-02-01T10:00:00Z"},
             {"location_id":"DOWN-1","evse_uid":"E1","status":"AVAILABLE","observed_at":"2026-02-01T10:00:01Z"},
             {"location_id":"UP-2","evse_uid":"E1","status":"BLOCKED","observed_at":"2026-02-01T10:00:00Z"}]
            """);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        var answer = await response.JsonAsync();
        Assert.Equal(5, answer.GetProperty("received").GetInt32());
        Assert.Equal(2, answer.GetProperty("applied").GetInt32());
        Assert.Equal(1, answer.GetProperty("rejected").GetInt32());
        Assert.Equal(2, answer.GetProperty("not_applied").GetInt32());
        Assert.Equal([2], Indexes(answer, "errors"));
        Assert.Equal([1, 3], Indexes(answer, "not_applied_items"));
        Assert.Contains("unavailable", answer.GetProperty("not_applied_items")[0].GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
        // The unreachable grain was tried again within the bound, but only with its first report: once that could not be
        // delivered, the EVSE's later reports in the batch are not tried (they would wait for the same dead silo).
        Assert.True(_grains.CallsTo("DOWN-1*E1") > 1);
        Assert.Equal([new StatusReport(EvseStatus.Charging, new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero))],
            _grains.ReportsTo("DOWN-1*E1"));
    }

    [Fact]
    public async Task A_batch_whose_grains_do_not_answer_is_answered_within_the_configured_bound()
    {
        using var client = _host.Client(StatusGridHost.IngestKey);
        // Without a bound this request would wait forever: the test fails by timing out here.
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", """
            [{"location_id":"UP-3","evse_uid":"E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"},
             {"location_id":"HANG-1","evse_uid":"E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]
            """).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var answer = await response.JsonAsync();
        Assert.Equal(1, answer.GetProperty("applied").GetInt32());
        Assert.Equal([1], Indexes(answer, "not_applied_items"));
    }

    [Fact]
    public async Task A_batch_whose_grains_all_answer_is_a_200_with_nothing_left_to_resend()
    {
        using var client = _host.Client(StatusGridHost.IngestKey);
        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status",
            """[{"location_id":"UP-4","evse_uid":"E1","status":"CHARGING","observed_at":"2026-02-01T10:00:00Z"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.RetryAfter);
        var answer = await response.JsonAsync();
        Assert.Equal(1, answer.GetProperty("applied").GetInt32());
        Assert.Equal(0, answer.GetProperty("not_applied").GetInt32());
        Assert.Empty(Indexes(answer, "not_applied_items"));
    }

    private static int[] Indexes(JsonElement answer, string list) =>
        [.. answer.GetProperty(list).EnumerateArray().Select(e => e.GetProperty("index").GetInt32()).Order()];
}
