using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StatusGrid.Contracts.Partners;

namespace StatusGrid.Server.Tests.Admin.Partners;

/// <summary>
/// A partner grain that does not answer in time (seen as a long reconcile after a 100k-EVSE import on a loaded
/// machine): the admin API still answers, says which partner is busy, and never answers 500.
/// </summary>
public sealed class PartnerBusyTests
{
    private const string Url = "https://emsp.example.com/locations";

    [Fact]
    public async Task A_partner_whose_grain_does_not_answer_is_shown_without_health_or_listed_as_unavailable_never_a_500()
    {
        var stuck = new StuckPartners();
        await using var host = await StatusGridHost.StartAsync(configure: builder => builder.Services.AddSingleton<IIncomingGrainCallFilter>(stuck));
        using var admin = host.Client();
        stuck.Fail("DE*STK", nameof(IPartnerGrain.GetHealth));

        // Created, though its health could not be read: the answer says why it is missing.
        using (var created = await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(Url, id: "DE*STK")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var view = await created.JsonAsync();
            Assert.False(HasHealth(view));
            Assert.Contains("did not answer", view.GetProperty("health_unavailable").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(Url, id: "DE*OK1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendJsonAsync(HttpMethod.Post, "/api/admin/partners", HttpExtensions.PartnerJson(Url, id: "DE*CFG"))).StatusCode);

        // The list shows every partner; only the busy one lacks its health.
        using (var list = await admin.GetAsync("/api/admin/partners"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var views = (await list.JsonAsync()).GetProperty("items").EnumerateArray().ToDictionary(v => v.GetProperty("id").GetString()!);
            Assert.False(HasHealth(views["DE*STK"]));
            Assert.True(HasHealth(views["DE*OK1"]));
        }

        // A grain that cannot even give its configuration does not hide the others (an operator needs the list most
        // when something is stuck): the list names it under "unavailable", with why; reading it alone is a 503.
        stuck.Fail("DE*CFG", nameof(IPartnerGrain.GetConfig));
        using (var list = await admin.GetAsync("/api/admin/partners"))
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var page = await list.JsonAsync();
            Assert.Equal(3, page.GetProperty("total").GetInt32());
            Assert.Equal(["DE*OK1", "DE*STK"], page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()));
            var unavailable = Assert.Single(page.GetProperty("unavailable").EnumerateArray());
            Assert.Equal("DE*CFG", unavailable.GetProperty("id").GetString());
            Assert.Contains("did not answer", unavailable.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        using (var one = await admin.GetAsync("/api/admin/partners/DE*CFG"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, one.StatusCode);
            Assert.NotNull(one.Headers.RetryAfter);
            Assert.Contains("DE*CFG", await one.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/admin/partners/DE*OK1")).StatusCode);
    }

    private static bool HasHealth(JsonElement view) => view.TryGetProperty("health", out var health) && health.ValueKind == JsonValueKind.Object;

    /// <summary>Fails chosen calls of chosen partner grains as Orleans does when a grain misses its response timeout.</summary>
    private sealed class StuckPartners : IIncomingGrainCallFilter
    {
        private readonly ConcurrentDictionary<(string Partner, string Method), bool> _failing = new();

        public void Fail(string partnerId, string method) => _failing[(partnerId, method)] = true;

        public Task Invoke(IIncomingGrainCallContext context) =>
            context.Grain is IPartnerGrain && _failing.ContainsKey((context.TargetId.Key.ToString()!, context.MethodName))
                ? throw new TimeoutException($"Response did not arrive on time for {context.TargetId}")
                : context.Invoke();
    }
}
