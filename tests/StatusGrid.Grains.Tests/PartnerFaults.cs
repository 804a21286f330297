using System.Net;
using StatusGrid.Grains.Tests.Fakes;

namespace StatusGrid.Grains.Tests;

/// <summary>Canned partner misbehaviour for the stub handler.</summary>
public static class PartnerFaults
{
    public static HttpResponseMessage Unavailable() => StubPartnerHandler.Json(HttpStatusCode.ServiceUnavailable, "maintenance");

    public static HttpResponseMessage TooManyRequests(int retryAfterSeconds)
    {
        var response = StubPartnerHandler.Json(HttpStatusCode.TooManyRequests, """{"status_code":2000,"status_message":"slow down"}""");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }

    public static HttpResponseMessage OcpiServerError() =>
        StubPartnerHandler.Json(HttpStatusCode.OK, """{"status_code":3000,"status_message":"backend hiccup","timestamp":"2026-01-01T00:00:00Z"}""");

    public static HttpResponseMessage BadRequest(string message) =>
        StubPartnerHandler.Json(HttpStatusCode.BadRequest, $$"""{"status_code":2001,"status_message":"{{message}}","timestamp":"2026-01-01T00:00:00Z"}""");

    /// <summary>What a dropped connection looks like to HttpClient.</summary>
    public static Task<HttpResponseMessage> DropConnection() =>
        Task.FromException<HttpResponseMessage>(new HttpRequestException("The response ended prematurely.", null, HttpStatusCode.BadGateway));
}
