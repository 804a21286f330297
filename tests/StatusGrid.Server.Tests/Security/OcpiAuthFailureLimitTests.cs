using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using StatusGrid.Server.Auth;
using StatusGrid.Server.OcpiApi.Auth;

namespace StatusGrid.Server.Tests.Security;

/// <summary>
/// Each fresh random OCPI token costs a token grain activation and a storage read. An address that keeps failing to
/// authenticate is refused with 429 and Retry-After, in the OCPI envelope, before any lookup, for the rest of the
/// minute; the bound comes from configuration.
/// </summary>
public sealed class OcpiAuthFailureLimitTests
{
    [Fact]
    public async Task An_address_past_its_failed_authentications_gets_429_with_retry_after_in_the_ocpi_envelope()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:RateLimits:FailedOcpiAuthPerClientAddressPerMinute"] = "3",
        });
        using var stranger = new HttpClient { BaseAddress = host.BaseAddress };

        var answers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await stranger.SendAsync(RandomToken());
            answers.Add((int)response.StatusCode + (response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 } ? " with Retry-After" : ""));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                using var envelope = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal(3000, envelope.RootElement.GetProperty("status_code").GetInt32());
                Assert.Contains("failed authentications", envelope.RootElement.GetProperty("status_message").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(["401", "401", "401", "429 with Retry-After", "429 with Retry-After"], answers);
    }

    [Fact]
    public void The_refusal_lasts_until_the_minute_of_the_first_failure_is_over_and_other_addresses_are_not_touched()
    {
        var time = new FakeTimeProvider();
        var failures = Failures(time, perMinute: 2);

        failures.Failed("203.0.113.7");
        time.Advance(TimeSpan.FromSeconds(20));
        failures.Failed("203.0.113.7");

        Assert.Equal(TimeSpan.FromSeconds(40), failures.RetryAfter("203.0.113.7"));
        Assert.Null(failures.RetryAfter("203.0.113.8"));
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(failures.RetryAfter("203.0.113.7"));
        // A new window: one failure is not enough again.
        failures.Failed("203.0.113.7");
        Assert.Null(failures.RetryAfter("203.0.113.7"));
    }

    [Fact]
    public void Zero_turns_the_limit_off()
    {
        var failures = Failures(new FakeTimeProvider(), perMinute: 0);

        for (var i = 0; i < 100; i++)
        {
            failures.Failed("203.0.113.7");
        }

        Assert.Null(failures.RetryAfter("203.0.113.7"));
    }

    [Fact]
    public async Task A_negative_bound_is_refused_at_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => StatusGridHost.StartAsync(
            new Dictionary<string, string> { ["StatusGrid:RateLimits:FailedOcpiAuthPerClientAddressPerMinute"] = "-1" }));

        Assert.Contains("StatusGrid:RateLimits:FailedOcpiAuthPerClientAddressPerMinute", error.Message, StringComparison.Ordinal);
    }

    private static OcpiAuthFailures Failures(TimeProvider time, int perMinute) =>
        new(new StaticOptionsMonitor<RateLimitOptions>(new RateLimitOptions { FailedOcpiAuthPerClientAddressPerMinute = perMinute }), time, NullLogger<OcpiAuthFailures>.Instance);

    private static HttpRequestMessage RandomToken()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/ocpi/2.2.1/locations");
        request.Headers.TryAddWithoutValidation("Authorization", "Token " + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)));
        return request;
    }
}
