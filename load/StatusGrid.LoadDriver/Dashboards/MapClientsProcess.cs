using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using StatusGrid.LoadDriver.Scenarios;
using StatusGrid.LoadDriver.Target;

namespace StatusGrid.LoadDriver.Dashboards;

/// <summary>The driver's side of <see cref="MapClientsCommand"/>: this same program, started as a child process for one phase.</summary>
internal sealed class MapClientsProcess : IAsyncDisposable
{
    private readonly Process _process;

    private MapClientsProcess(Process process, int city, int zoomedOut, int failed)
    {
        _process = process;
        City = city;
        ZoomedOut = zoomedOut;
        Failed = failed;
    }

    public int City { get; }

    public int ZoomedOut { get; }

    public int Failed { get; }

    public int Pid => _process.Id;

    public static async Task<MapClientsProcess> StartAsync(IReadOnlyList<Uri> urls, ScenarioSettings settings)
    {
        var start = DotnetCommand.StartInfo(settings.ClientsNice);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        foreach (var argument in new[]
        {
            Assembly.GetEntryAssembly()!.Location, "map-clients", "--target", string.Join(',', urls),
            "--locations", Text(settings.Locations), "--evses-per-location", Text(settings.EvsesPerLocation),
            "--clients", Text(settings.HubClients), "--zoomed-out-clients", Text(settings.ZoomedOutClients),
            "--seconds", Text((int)Math.Min(900, (settings.Duration + settings.WarmUp + settings.DrainTimeout + settings.QuietWait).TotalSeconds + 180)),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the map-clients process.");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith(MapClientsCommand.Connected + " ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                return new MapClientsProcess(process, int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture),
                    int.Parse(parts[3], CultureInfo.InvariantCulture));
            }
        }

        throw new InvalidOperationException($"The map-clients process exited ({process.ExitCode}) before connecting.");
    }

    /// <summary>From now on its counts and latencies are the measured ones (once this returns: the child has reset).</summary>
    public async Task ResetAsync()
    {
        await _process.StandardInput.WriteLineAsync("reset");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line == MapClientsCommand.ResetDone)
            {
                return;
            }
        }

        throw new InvalidOperationException("The map-clients process exited before it reset.");
    }

    public async Task<MapClientsSummary> StopAsync()
    {
        await _process.StandardInput.WriteLineAsync("stop");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await _process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith(MapClientsCommand.Summary, StringComparison.Ordinal))
            {
                return JsonSerializer.Deserialize<MapClientsSummary>(line[MapClientsCommand.Summary.Length..])!;
            }
        }

        throw new InvalidOperationException("The map-clients process exited without a summary.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
