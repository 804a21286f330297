using System.Diagnostics;
using System.Net;
using System.Text.Json;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Pull;

/// <summary>
/// Scenario (d): a partner GETs <c>/ocpi/2.2.1/locations?offset=0&amp;limit=N</c> and follows <c>Link rel="next"</c>
/// to the end, checking the OCPI envelope and <c>X-Total-Count</c>. Bounded in pages and time.
/// </summary>
internal static class LocationPull
{
    private const int MaxPages = 100_000;

    /// <summary>One puller per token, all at once.</summary>
    public static async Task<PullResult> RunAsync(HttpClient http, Uri baseUrl, IReadOnlyList<string> tokens, int limit, TimeSpan timeout)
    {
        var pullers = tokens.Count;
        var latency = new LatencyHistogram();
        var stopwatch = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(timeout);
        var results = await Task.WhenAll(tokens.Select(token => PullAllAsync(http, baseUrl, token, limit, latency, deadline.Token)));
        stopwatch.Stop();
        var worst = results.FirstOrDefault(r => r.Outcome != PullOutcome.Completed);
        return new PullResult(
            worst.Outcome,
            worst.Message ?? $"{pullers} puller(s) read every page",
            pullers,
            results.Sum(r => r.Pages),
            results.Sum(r => r.Locations),
            results.Select(r => r.Total).FirstOrDefault(t => t is not null),
            results.Sum(r => r.Bytes),
            stopwatch.Elapsed,
            latency.Summarize());
    }

    private static async Task<(PullOutcome Outcome, string? Message, long Pages, long Locations, long? Total, long Bytes)> PullAllAsync(
        HttpClient http, Uri baseUrl, string token, int limit, LatencyHistogram latency, CancellationToken cancellationToken)
    {
        var url = new Uri(baseUrl, $"/ocpi/2.2.1/locations?offset=0&limit={limit}");
        long pages = 0, locations = 0, bytes = 0;
        long? total = null;
        var authorization = PullerHandshake.Header(token);
        try
        {
            while (pages < MaxPages)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latency.RecordMicros((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                if (pages == 0 && response.StatusCode == HttpStatusCode.NotFound)
                {
                    return (PullOutcome.Unavailable, $"GET {url.PathAndQuery} answered 404: this server has no OCPI Locations sender yet", 0, 0, null, 0);
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return (PullOutcome.Unauthorized, $"GET {url.PathAndQuery} answered {(int)response.StatusCode}: token not accepted (see --pull-token)", pages, locations, total, bytes);
                }

                if (!response.IsSuccessStatusCode)
                {
                    return (PullOutcome.Failed, $"GET {url.PathAndQuery} answered HTTP {(int)response.StatusCode}", pages, locations, total, bytes);
                }

                var (statusCode, count) = ReadEnvelope(body);
                if (statusCode is not (>= 1000 and < 2000))
                {
                    return (PullOutcome.Failed, $"GET {url.PathAndQuery}: OCPI status_code {statusCode?.ToString() ?? "missing"}", pages, locations, total, bytes);
                }

                pages++;
                locations += count;
                bytes += body.Length;
                if (response.Headers.TryGetValues("X-Total-Count", out var totals) && long.TryParse(totals.FirstOrDefault(), out var t))
                {
                    total = t;
                }

                var next = response.Headers.TryGetValues("Link", out var links) ? LinkHeader.Next(links) : null;
                if (next is null)
                {
                    return total is { } expected && expected != locations
                        ? (PullOutcome.Failed, $"read {locations} locations but X-Total-Count said {expected}", pages, locations, total, bytes)
                        : (PullOutcome.Completed, null, pages, locations, total, bytes);
                }

                url = new Uri(url, next);
            }

            return (PullOutcome.Failed, $"stopped after {MaxPages} pages", pages, locations, total, bytes);
        }
        catch (OperationCanceledException)
        {
            return (PullOutcome.Failed, "time bound reached before the last page", pages, locations, total, bytes);
        }
        catch (HttpRequestException ex)
        {
            return (PullOutcome.Failed, ex.Message, pages, locations, total, bytes);
        }
    }

    /// <summary>OCPI envelope: <c>{"data":[...],"status_code":1000,"timestamp":...}</c>; returns the code and the page size.</summary>
    public static (int? StatusCode, int Count) ReadEnvelope(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            int? code = root.TryGetProperty("status_code", out var c) && c.TryGetInt32(out var v) ? v : null;
            var count = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array ? data.GetArrayLength() : 0;
            return (code, count);
        }
        catch (JsonException)
        {
            return (null, 0);
        }
    }
}

