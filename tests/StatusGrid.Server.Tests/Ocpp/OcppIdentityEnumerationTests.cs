using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Server.Ocpp;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A wrong password must cost the same whether the identity exists or not, or the time of a 401 tells an attacker
/// which identities are registered. The observable side of "the same work": every refused identity takes a PBKDF2
/// slot, so with the slots taken and no queue, all of them get the limiter's 503, and once a slot is free, all get 401.
/// </summary>
[Collection(OcppPasswordFloodTests.RefusalMetric)]
public sealed class OcppIdentityEnumerationTests
{
    private const string WrongPassword = "wrong-password-000001";

    [Fact]
    public async Task With_every_pbkdf2_slot_taken_an_unknown_identity_is_refused_like_a_known_one_with_a_wrong_password()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Ocpp:AllowUnencrypted"] = "true",
            ["StatusGrid:Ocpp:PasswordCheckQueueLimit"] = "0",
        });
        using var admin = host.Client();
        using var supplied = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP-SUPPLIED",
            """{"password":"supplied-password-0001","connectors":[],"evses":[]}""");
        using var generated = await admin.SendJsonAsync(HttpMethod.Put, "/api/admin/charge-points/CP-GENERATED",
            """{"generate_password":true,"connectors":[],"evses":[]}""");
        Assert.Equal(HttpStatusCode.Created, supplied.StatusCode);
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        string[] identities = ["CP-SUPPLIED", "CP-GENERATED", "CP-NOBODY"];

        var limiter = host.Services.GetRequiredService<PasswordHashingLimiter>();
        var slots = await limiter.TakeEverySlotAsync();

        // All three waited for a slot that was not there: none was answered from a cheaper path.
        Assert.Equal(identities.ToDictionary(i => i, _ => "503 with Retry-After"), await AnswersAsync(host, identities));

        slots.ForEach(s => s.Dispose());
        Assert.Equal(identities.ToDictionary(i => i, _ => "401"), await AnswersAsync(host, identities));
    }

    /// <summary>Each identity's answer to a wrong password, e.g. "401" or "503 with Retry-After".</summary>
    private static async Task<Dictionary<string, string>> AnswersAsync(StatusGridHost host, string[] identities)
    {
        using var stranger = new HttpClient { BaseAddress = host.BaseAddress };
        var answers = new Dictionary<string, string>();
        foreach (var identity in identities)
        {
            using var response = await stranger.SendAsync(OcppUpgrade.Request(identity, WrongPassword));
            answers[identity] = (int)response.StatusCode + (response.Headers.RetryAfter is null ? "" : " with Retry-After");
        }

        return answers;
    }
}
