using System.Net;
using StatusGrid.Server.Hosting;

namespace StatusGrid.Server.Tests.Security;

/// <summary>Issue 11 item 5: weak keys stop the start outside Development; several keys per role allow rotation.</summary>
public sealed class StartupKeyTests
{
    [Theory]
    [InlineData("change-me-admin", "StatusGrid:Auth:AdminApiKey")]
    [InlineData("short-admin-key", "StatusGrid:Auth:AdminApiKey")]
    [InlineData("", "StatusGrid:Auth:AdminApiKey is not set")]
    [InlineData("                                        ", "StatusGrid:Auth:AdminApiKey")] // 40 spaces: long, but no header can carry it
    [InlineData(" padded-admin-key-0123456789abcdefghijklmnop ", "StatusGrid:Auth:AdminApiKey")] // header values lose the spaces
    public async Task Outside_development_a_weak_admin_key_stops_the_start_and_names_the_key(string adminKey, string named)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Auth:AdminApiKey"] = adminKey,
        }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.Contains("StatusGrid__Auth__AdminApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_the_shipped_ingest_key_stops_the_start()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Auth:IngestApiKey"] = "change-me-ingest",
        }));

        Assert.Contains("StatusGrid:Auth:IngestApiKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", "change-me-viewer")]
    [InlineData("true", "viewer-key-for-tests")]
    [InlineData("true", " padded-viewer-key-0123456789abcdefghijklm ")]
    [InlineData("false", "viewer-key-for-tests")] // RequireCredential is read per request: a configuration reload turns it on
    public async Task Outside_development_a_weak_viewer_key_stops_the_start_and_names_the_key(string requireCredential, string viewerKey)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["StatusGrid:Dashboard:RequireCredential"] = requireCredential,
            ["StatusGrid:Dashboard:ViewerApiKey"] = viewerKey,
        }));

        Assert.Contains("StatusGrid:Dashboard:ViewerApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("StatusGrid__Dashboard__ViewerApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_map_without_a_viewer_key_starts_since_the_admin_key_opens_it()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Dashboard:RequireCredential"] = "true" });
        using var admin = host.Client();

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/dashboard/summary")).StatusCode);
    }

    [Fact]
    public async Task In_development_the_shipped_keys_start_with_a_warning()
    {
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string>
        {
            ["environment"] = "Development",
            ["StatusGrid:Auth:AdminApiKey"] = "change-me-admin",
            ["StatusGrid:Auth:IngestApiKey"] = "change-me-ingest",
        });
        using var client = host.Client("change-me-admin");

        using var response = await client.GetAsync("/api/admin/partners");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_key_in_a_role_list_is_accepted_so_keys_rotate_without_downtime()
    {
        const string next = "next-admin-key-0123456789abcdefghijklmnop";
        await using var host = await StatusGridHost.StartAsync(new Dictionary<string, string> { ["StatusGrid:Auth:AdminApiKeys:0"] = next });

        using var old = host.Client();
        using var rotated = host.Client(next);
        using var wrong = host.Client("not-a-key-0123456789abcdefghijklmnopq");

        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync("/api/admin/partners")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rotated.GetAsync("/api/admin/partners")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/api/admin/partners")).StatusCode);
    }

    [Theory]
    [InlineData("Host=db;Username=sg;Password=hunter2;Database=sg")]
    [InlineData("Host=db;Username=sg;Pwd=hunter2;Database=sg")]
    [InlineData("Server=db;User Id=sg;PWD=hunter2")]
    [InlineData("Data Source=x.db;Password='hunter2;x'")]
    public void Connection_strings_are_redacted_for_every_password_key(string connectionString)
    {
        var shown = ConnectionStringRedaction.Redact(connectionString);

        Assert.DoesNotContain("hunter2", shown, StringComparison.Ordinal);
    }
}
