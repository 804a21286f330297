using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace StatusGrid.Grains.Tests.Fakes;

/// <summary>
/// Plays every partner's HTTP endpoint inside the test process: records each push and answers with whatever
/// <see cref="Respond"/> says (OCPI 1000 by default).
/// </summary>
public sealed class StubPartnerHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public Func<RecordedRequest, Task<HttpResponseMessage>> Respond { get; set; } = _ => Task.FromResult(Ok());

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static HttpResponseMessage Ok() => Json(HttpStatusCode.OK, """{"status_code":1000,"timestamp":"2026-01-01T00:00:00Z"}""");

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, headers, body, DateTimeOffset.UtcNow);
        _requests.Enqueue(recorded);
        return await Respond(recorded);
    }
}
