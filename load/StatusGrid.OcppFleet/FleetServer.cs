using System.Diagnostics;

namespace StatusGrid.OcppFleet;

/// <summary>
/// The StatusGrid server as its own process (the Release build), on a fresh SQLite file, with OCPP open on loopback.
/// Kill and restart it on the same database for the reconnect storm.
/// </summary>
public sealed class FleetServer(string dll, string dataDirectory, int port, string adminKey) : IDisposable
{
    private Process? _process;

    public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}/");

    public int? ProcessId => _process?.Id;

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var arg in new[]
        {
            "--contentRoot", Path.GetDirectoryName(dll)!,
            $"--urls={BaseAddress.ToString().TrimEnd('/')}",
            "--StatusGrid:Storage:Provider=Sqlite",
            $"--StatusGrid:Storage:ConnectionString=Data Source={Path.Combine(dataDirectory, "statusgrid.db")}",
            $"--StatusGrid:Auth:AdminApiKey={adminKey}",
            "--StatusGrid:Auth:IngestApiKey=" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(33)),
            "--StatusGrid:Ocpp:AllowUnencrypted=true",
            // The receiver is on loopback, which production mode refuses as a partner address.
            "--StatusGrid:Ocpi:AllowPrivateNetworkPartners=true",
            "--StatusGrid:Cluster:SiloPort=" + (port + 1),
            "--StatusGrid:Cluster:GatewayPort=" + (port + 2),
            "--Logging:LogLevel:Default=Warning",
        })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && !string.IsNullOrWhiteSpace(line))
            {
                Console.Error.WriteLine("server: " + line);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine("server: " + line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy (its output is above).");
            }

            try
            {
                if ((await http.GetAsync("healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The server did not become healthy within 60 s.");
    }

    /// <summary>SIGKILL: no graceful close of any WebSocket.</summary>
    public void Kill()
    {
        _process?.Kill(entireProcessTree: true);
        _process?.WaitForExit();
    }

    /// <summary>Resident memory of the server process, from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process!.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            Kill();
        }

        _process?.Dispose();
    }
}
