using System.Collections.Concurrent;
using System.Diagnostics;
namespace StatusGrid.TestSupport;

/// <summary>
/// A StatusGrid server (host + silo) in a process of its own: <c>dotnet exec StatusGrid.Server.dll</c> from the
/// caller's output directory (a project that references StatusGrid.Server has it there). Tests kill it the way a
/// machine or container dies: SIGKILL, no shutdown code, no goodbye to the membership table (an in-process host
/// cannot die like that: stopping it, even with a cancelled token, still runs shutdown code). Load drivers use it to
/// keep the server's CPU and heap apart from the load generator's.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLines = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the server process has used so far (for load reports).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The process's last lines of output, for failure messages.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <param name="settings">Configuration passed as <c>--key=value</c> arguments (they override appsettings.json).</param>
    /// <param name="port">HTTP port on 127.0.0.1; 0 picks a free one.</param>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string> settings, int port = 0, TimeSpan? timeout = null)
    {
        var directory = AppContext.BaseDirectory;
        port = port == 0 ? FreePort.Next() : port;
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(Path.Combine(directory, "StatusGrid.Server.dll"));
        var arguments = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["StatusGrid:Cluster:SiloPort"] = FreePort.Next().ToString(),
            ["StatusGrid:Cluster:GatewayPort"] = FreePort.Next().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
            // Test partners (mock eMSPs) listen on loopback, which production settings refuse to call.
            ["StatusGrid:Ocpi:AllowPrivateNetworkPartners"] = "true",
        };
        foreach (var (key, value) in settings)
        {
            arguments[key] = value;
        }

        foreach (var (key, value) in arguments)
        {
            startInfo.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the StatusGrid server process.");
        var silo = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await silo.WaitUntilHealthyAsync(timeout ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    /// <summary>SIGKILL: the silo vanishes mid-work; the others must notice through membership probes.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The dotnet executable that runs this test process (for child processes).</summary>
    public static string DotnetHost()
    {
        // The SDK tells child processes which dotnet runs them; testhost itself may run under it.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The StatusGrid process exited with {_process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The StatusGrid process did not become healthy within {timeout}:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(100);
        }
    }
}
