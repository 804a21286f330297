using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace StatusGrid.Server.Tests.Security;

/// <summary>Issue 11 item 2: a client mistake is answered 4xx with a short message, never 500, never an echo of the input.</summary>
public sealed class ClientMistakeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private StatusGridHost Host => fixture.Host;

    [Fact]
    public async Task Invalid_utf8_in_an_ingest_item_is_that_items_error_not_a_500()
    {
        using var client = Host.Client(StatusGridHost.IngestKey);
        byte[] body =
        [
            .. "[{\"location_id\":\"X"u8.ToArray(), 0xC3, 0x28, 0xFF,
            .. "\",\"evse_uid\":\"E\",\"status\":\"AVAILABLE\",\"observed_at\":\"2026-01-01T00:00:00Z\"}]"u8.ToArray(),
        ];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/api/status", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal(1, answer.GetProperty("rejected").GetInt32());
        Assert.Contains("not valid UTF-8", answer.GetProperty("errors")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?offset=&limit=")]
    [InlineData("?offset=abc")]
    [InlineData("?limit=99999999999999999999")]
    public async Task Bad_paging_parameters_are_a_400_not_a_500(string query)
    {
        using var client = Host.Client();

        using var response = await client.GetAsync("/api/dashboard/locations" + query);

        Assert.True((int)response.StatusCode < 500, $"{query} answered {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Bad_paging_parameters_are_a_400_in_development_too()
    {
        // Development makes minimal APIs throw on binding failures (ThrowOnBadRequest) instead of answering 400.
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["environment"] = "Development" });
        using var client = host.Client();

        using var empty = await client.GetAsync("/api/dashboard/locations?offset=&limit=");
        using var text = await client.GetAsync("/api/dashboard/locations?offset=abc");

        Assert.True((int)empty.StatusCode < 500, $"?offset=&limit= answered {(int)empty.StatusCode}");
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        Assert.DoesNotContain("abc", await text.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ingest_body_over_its_limit_is_a_413_naming_the_limit()
    {
        using var client = Host.Client(StatusGridHost.IngestKey);
        var body = "[" + string.Join(',', Enumerable.Repeat("""{"evse_id":"NL*SGR*E1","status":"AVAILABLE","observed_at":"2026-01-01T00:00:00Z"}""", 80_000)) + "]";

        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Contains("4 MiB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ocpi_body_over_its_limit_is_a_413()
    {
        using var client = new HttpClient { BaseAddress = Host.BaseAddress };
        using var content = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync("/ocpi/2.2.1/credentials", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_huge_location_id_is_not_echoed_back()
    {
        using var client = Host.Client(StatusGridHost.IngestKey);
        var id = new string('Z', 1024 * 1024);
        var body = $$"""[{"location_id":"{{id}}","evse_uid":"E1","status":"AVAILABLE","observed_at":"2026-01-01T00:00:00Z"}]""";

        using var response = await client.SendJsonAsync(HttpMethod.Post, "/api/status", body);

        Assert.True((int)response.StatusCode < 500);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length < 4096, $"the answer is {text.Length} characters long");
    }

    [Fact]
    public async Task Deeply_nested_json_is_a_400()
    {
        using var client = Host.Client();
        var body = new string('[', 100_000) + new string(']', 100_000);

        using var ingest = await client.SendJsonAsync(HttpMethod.Post, "/api/status", body);
        using var import = await client.SendJsonAsync(HttpMethod.Post, "/api/admin/locations/import", body);

        Assert.Equal(HttpStatusCode.BadRequest, ingest.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
    }
}
