using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace StatusGrid.Server.Tests.Security;

/// <summary>Issue 11 item 7: floods get 429 with Retry-After; strangers never reach grains or storage.</summary>
public sealed class AbuseLimitTests
{
    [Fact]
    public async Task A_flood_from_one_address_without_credentials_gets_429_with_retry_after_while_api_key_holders_go_on()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:RateLimits:PerClientAddressPerSecond"] = "2" });
        using var stranger = host.Client(apiKey: null);
        using var admin = host.Client();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await stranger.GetAsync("/ocpi/versions"));
        }

        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.True(a.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 without Retry-After"));
        for (var i = 0; i < 20; i++)
        {
            using var response = await admin.GetAsync("/api/admin/partners");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Unknown_or_malformed_ocpi_tokens_activate_no_token_grain_after_the_first_lookup()
    {
        await using var host = await StatusGridHost.StartAsync();
        var before = await TokenGrainActivationsAsync(host);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        var wellFormedUnknown = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(new string('k', 43)));

        for (var i = 0; i < 30; i++)
        {
            foreach (var header in new[] { "Token " + Guid.NewGuid().ToString("N"), "Token " + wellFormedUnknown, "Token x" + i })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/ocpi/2.2.1/locations");
                request.Headers.TryAddWithoutValidation("Authorization", header);
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.True(await TokenGrainActivationsAsync(host) - before <= 2, "strangers' tokens activated token grains");
    }

    [Fact]
    public async Task Random_well_formed_ocpi_tokens_leave_no_token_grain_in_memory()
    {
        await using var host = await StatusGridHost.StartAsync();
        var before = await TokenGrainActivationsAsync(host);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/ocpi/2.2.1/locations");
            request.Headers.TryAddWithoutValidation("Authorization", "Token " + System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Each new token is looked up once, which activates its grain; an unknown one must not stay in memory until
        // idle collection (minutes), or a flood of fresh tokens grows the silo.
        Assert.Equal(0, await ActivationsLeftAsync(host, "OcpiTokenGrain", before));
    }

    [Fact]
    public async Task Ocpp_upgrades_with_a_password_for_unknown_identities_leave_no_charge_point_grain_in_memory()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Ocpp:AllowUnencrypted"] = "true" });
        var before = await ActivationsAsync(host, "ChargePointGrain");
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.SendAsync(Ocpp.OcppUpgrade.Request("STRANGER-" + i, "a-guessed-password-01"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // With a password the identity is looked up (an activation and storage reads); an unknown one must not stay.
        Assert.Equal(0, await ActivationsLeftAsync(host, "ChargePointGrain", before));
    }

    [Fact]
    public async Task Ocpp_upgrades_without_a_password_activate_no_charge_point_grain()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Ocpp:AllowUnencrypted"] = "true" });
        var before = await ActivationsAsync(host, "ChargePointGrain");

        for (var i = 0; i < 30; i++)
        {
            using var socket = new System.Net.WebSockets.ClientWebSocket();
            socket.Options.AddSubProtocol("ocpp1.6");
            var url = new Uri(host.BaseAddress, "/ocpp/STRANGER-" + i).ToString().Replace("http://", "ws://", StringComparison.Ordinal);
            var refused = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(new Uri(url), CancellationToken.None));
            Assert.Contains("401", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await ActivationsAsync(host, "ChargePointGrain"));
    }

    /// <summary>How many activations of <paramref name="grainType"/> beyond <paramref name="before"/> are left once
    /// they had time to go (deactivation is asynchronous); 0 as soon as none is.</summary>
    private static async Task<int> ActivationsLeftAsync(StatusGridHost host, string grainType, int before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int left;
        while ((left = await ActivationsAsync(host, grainType) - before) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return left;
    }

    private static Task<int> TokenGrainActivationsAsync(StatusGridHost host) => ActivationsAsync(host, "OcpiTokenGrain");

    private static async Task<int> ActivationsAsync(StatusGridHost host, string grainType)
    {
        var management = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var statistics = await management.GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(grainType, StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}
