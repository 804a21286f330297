using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StatusGrid.Server.Hosting;
using StatusGrid.Storage;

namespace StatusGrid.Server.Tests.Hosting;

/// <summary>
/// /healthz/ready answers anyone: it names a failing check and a generic reason, and leaves the exception's text
/// (database host, port and user, cluster internals) to the server log.
/// </summary>
public sealed class HealthAnswerTests
{
    private const string Secret = "Host=db-7.internal;Port=6543;Username=sg_owner;Password=SECRET-MARKER-42";

    [Fact]
    public async Task A_check_that_throws_is_named_in_the_answer_and_its_exception_goes_to_the_log_only()
    {
        var logs = new ConcurrentQueue<CapturedLog>();
        await using var host = await StatusGridHost.StartAsync(configure: builder =>
        {
            builder.Logging.AddProvider(new CapturingLoggerProvider(logs));
            builder.Services.AddHealthChecks().AddCheck("probe", (Func<HealthCheckResult>)(() => throw new InvalidOperationException(Secret)), tags: ["ready"]);
        });
        using var client = host.Client(apiKey: null);

        using var ready = await client.GetAsync("/healthz/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync();
        Assert.DoesNotContain("SECRET-MARKER", text, StringComparison.Ordinal);
        Assert.DoesNotContain("db-7.internal", text, StringComparison.Ordinal);
        var body = await ready.JsonAsync();
        var probe = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "probe");
        Assert.Equal("Unhealthy", probe.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(probe.GetProperty("description").GetString()));
        Assert.Contains(logs, l => l.Level >= LogLevel.Warning && l.Exception?.Message == Secret);
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_without_its_host_and_port()
    {
        var storage = new StorageOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=127.0.0.1;Port=1;Username=sg_owner;Timeout=2" };
        var logs = new ConcurrentQueue<CapturedLog>();
        using var loggers = new LoggerFactory([new CapturingLoggerProvider(logs)]);
        var check = new DatabaseHealthCheck(Options.Create(storage), loggers.CreateLogger<DatabaseHealthCheck>());

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("127.0.0.1", result.Description, StringComparison.Ordinal);
        Assert.StartsWith("PostgreSql not reachable", result.Description, StringComparison.Ordinal);
        var logged = Assert.Single(logs);
        Assert.Equal(LogLevel.Warning, logged.Level);
        Assert.Contains("127.0.0.1", logged.Exception!.Message, StringComparison.Ordinal);
    }
}
