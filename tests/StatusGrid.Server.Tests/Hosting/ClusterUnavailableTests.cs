using System.Net;
using StatusGrid.Server.Tests.OcpiApi;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>
/// A request that meets a cluster fault (the silo holding its grain died or is stopping, or the call went unanswered)
/// is told to come back: 503 with Retry-After, in the OCPI envelope on OCPI routes. A 500 would tell an operator's
/// script or a partner that StatusGrid is broken when it is moving a grain. A fault of our own code stays a 500.
/// </summary>
public sealed class ClusterUnavailableTests : IAsyncLifetime
{
    private StatusGridHost _host = null!;

    /// <summary>How long these tests wait for an answer: far above the read timeout set here (0.5 s), far below Orleans' 30 s.</summary>
    private static readonly TimeSpan ClientPatience = TimeSpan.FromSeconds(15);

    public async Task InitializeAsync() => _host = await StatusGridHost.StartAsync(
        settings: new Dictionary<string, string> { ["StatusGrid:Limits:ClusterReadTimeout"] = "00:00:00.500" },
        configure: FaultyLocationGrains.Install);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("DOWN-1")]
    [InlineData("LATE-1")]
    public async Task An_admin_request_whose_grain_cannot_be_reached_is_a_503_with_retry_after(string locationId)
    {
        using var admin = _host.Client();
        using var response = await admin.GetAsync("/api/admin/locations/" + locationId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Contains("send it again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ocpi_request_whose_grain_cannot_be_reached_is_a_503_in_the_envelope_with_retry_after()
    {
        await using var emsp = await _host.RegisteredEmspAsync("CU-1");

        using var response = await emsp.SendToCpoAsync(HttpMethod.Get, emsp.CpoLocationsUrl + "/DOWN-2");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        var envelope = await response.OcpiJsonAsync();
        Assert.Equal(3000, envelope.OcpiStatus());
        Assert.Contains("send it again", envelope.GetProperty("status_message").GetString(), StringComparison.Ordinal);
        Assert.Equal("SGR", response.Headers.GetValues("OCPI-from-party-id").Single());
    }

    [Fact]
    public async Task An_admin_read_whose_grain_does_not_answer_is_a_503_once_the_read_timeout_has_passed()
    {
        using var admin = _host.Client();

        using var response = await admin.GetAsync("/api/admin/locations/HANG-1").WaitAsync(ClientPatience);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Contains("send it again", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ocpi_read_whose_grain_does_not_answer_is_a_503_in_the_envelope_once_the_read_timeout_has_passed()
    {
        await using var emsp = await _host.RegisteredEmspAsync("CU-3");

        using var response = await emsp.SendToCpoAsync(HttpMethod.Get, emsp.CpoLocationsUrl + "/HANG-2").WaitAsync(ClientPatience);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal(3000, (await response.OcpiJsonAsync()).OcpiStatus());
    }

    [Fact]
    public async Task A_fault_of_our_own_code_is_still_a_500_on_both_kinds_of_route()
    {
        using var admin = _host.Client();
        using var adminAnswer = await admin.GetAsync("/api/admin/locations/BUG-1");
        await using var emsp = await _host.RegisteredEmspAsync("CU-2");
        using var ocpiAnswer = await emsp.SendToCpoAsync(HttpMethod.Get, emsp.CpoLocationsUrl + "/BUG-2");

        Assert.Equal(HttpStatusCode.InternalServerError, adminAnswer.StatusCode);
        Assert.Null(adminAnswer.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.InternalServerError, ocpiAnswer.StatusCode);
        Assert.Equal(3000, (await ocpiAnswer.OcpiJsonAsync()).OcpiStatus());
    }
}
