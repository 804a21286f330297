using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatusGrid.Server.Tests.Ocpp;

/// <summary>
/// A charge point played by the third-party npm client ocpp-rpc (client/driver.mjs in a node process): one JSON
/// command per line in, one JSON answer per line out.
/// </summary>
public sealed class OcppNodeClient : IAsyncDisposable
{
    public static string ClientDirectory => RepoFiles.PathOf("tests/StatusGrid.Server.Tests/Ocpp/client");

    private static readonly Lazy<Task> Installed = new(NpmCiAsync);

    private readonly Process _process;

    private OcppNodeClient(Process process) => _process = process;

    /// <summary>Installs the pinned ocpp-rpc (npm ci from the lockfile) once per test run.</summary>
    public static Task EnsureInstalledAsync() => Installed.Value;

    public static OcppNodeClient Start()
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = ClientDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("driver.mjs");
        return new OcppNodeClient(Process.Start(info) ?? throw new InvalidOperationException("Could not start node."));
    }

    public async Task<JsonElement> SendAsync(JsonObject command, TimeSpan? timeout = null)
    {
        await _process.StandardInput.WriteLineAsync(command.ToJsonString());
        await _process.StandardInput.FlushAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var line = await _process.StandardOutput.ReadLineAsync(cts.Token)
            ?? throw new InvalidOperationException("The OCPP client exited: " + await _process.StandardError.ReadToEndAsync(cts.Token));
        return JsonDocument.Parse(line).RootElement.Clone();
    }

    public Task<JsonElement> ConnectAsync(Uri server, string identity, string password, string protocol, bool strict = true) =>
        ConnectAsync(server, identity, password, [protocol], strict);

    /// <summary>Offers <paramref name="protocols"/> in that order (none: no Sec-WebSocket-Protocol header).</summary>
    public Task<JsonElement> ConnectAsync(Uri server, string identity, string password, string[] protocols, bool strict = true) =>
        SendAsync(new JsonObject
        {
            ["op"] = "connect",
            ["endpoint"] = new Uri(server, "/ocpp").ToString().Replace("http://", "ws://", StringComparison.Ordinal),
            ["identity"] = identity,
            ["password"] = password,
            ["protocols"] = new JsonArray([.. protocols.Select(p => JsonValue.Create(p))]),
            ["strict"] = strict,
        });

    public Task<JsonElement> CallAsync(string action, string payload) =>
        SendAsync(new JsonObject { ["op"] = "call", ["action"] = action, ["payload"] = JsonNode.Parse(payload) });

    public Task<JsonElement> RawAsync(string frame) => SendAsync(new JsonObject { ["op"] = "raw", ["frame"] = frame });

    /// <summary>The server's CALLs of <paramref name="action"/> are recorded and answered with <paramref name="result"/> (null: NotImplemented).</summary>
    public Task<JsonElement> AnswerAsync(string action, string? result) =>
        SendAsync(new JsonObject { ["op"] = "answer", ["action"] = action, ["result"] = result is null ? null : JsonNode.Parse(result) });

    /// <summary>The payloads of the server's CALLs of <paramref name="action"/> once <paramref name="count"/> came ("ok": false if not in time).</summary>
    public Task<JsonElement> CallsAsync(string action, int count, int timeoutMs = 10000) =>
        SendAsync(new JsonObject { ["op"] = "calls", ["action"] = action, ["count"] = count, ["timeoutMs"] = timeoutMs });

    public Task<JsonElement> WaitCloseAsync() => SendAsync(new JsonObject { ["op"] = "waitClose", ["timeoutMs"] = 10000 });

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task NpmCiAsync()
    {
        var info = new ProcessStartInfo("npm") { WorkingDirectory = ClientDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--prefer-offline" })
        {
            info.ArgumentList.Add(arg);
        }

        using var npm = Process.Start(info) ?? throw new InvalidOperationException("npm not found: install Node.js 20+ with npm.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await npm.WaitForExitAsync(timeout.Token);
        Assert.True(npm.ExitCode == 0, $"npm ci in {ClientDirectory} failed:\n{await output}\n{await errors}");
    }
}
