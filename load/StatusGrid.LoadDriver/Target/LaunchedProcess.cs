using System.Diagnostics;

namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// A server process this driver started (<c>dotnet X.dll ...</c>), its output in a log file, ready once
/// <c>/healthz</c> answers. Disposing kills exactly this process (by its own handle) and waits for it.
/// </summary>
internal sealed class LaunchedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private LaunchedProcess(Process process, StreamWriter log, Uri baseUrl, string logPath, long startedAt)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        LogPath = logPath;
        StartedAt = startedAt;
    }

    /// <summary>Stopwatch timestamp taken just before the process was started (a cold start's clock).</summary>
    public long StartedAt { get; }

    public Uri BaseUrl { get; }

    public int Pid => _process.Id;

    public string LogPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process vanishes mid-work, as a crashed machine or container does.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// SIGTERM, as <c>docker stop</c> or a rolling restart sends it: the host shuts down gracefully. Falls back to
    /// SIGKILL after <paramref name="grace"/>, as Docker does. Returns how long the process took to exit.
    /// </summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan grace)
    {
        var clock = Stopwatch.StartNew();
        if (!_process.HasExited && Signals.Terminate(_process.Id) != 0)
        {
            throw new InvalidOperationException($"kill(SIGTERM) of {_process.Id} failed.");
        }

        using var wait = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }

        return clock.Elapsed;
    }

    /// <param name="readyPath">What must answer 2xx before the start counts as done (<c>/healthz/ready</c> waits for the estate too).</param>
    /// <param name="poll">How often it is asked.</param>
    public static async Task<LaunchedProcess> StartAsync(string dll, IEnumerable<string> args, Uri baseUrl, string logPath, TimeSpan startTimeout, bool nice = false,
        string readyPath = "/healthz", TimeSpan? poll = null)
    {
        var info = DotnetCommand.StartInfo(nice);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetDirectoryName(logPath)!;
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + dll);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var launched = new LaunchedProcess(process, log, baseUrl, logPath, startedAt);
        try
        {
            await launched.WaitHealthyAsync(startTimeout, readyPath, poll ?? TimeSpan.FromMilliseconds(200));
            return launched;
        }
        catch
        {
            await launched.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, string readyPath, TimeSpan poll)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Path.GetFileName(_process.StartInfo.ArgumentList[0])} exited with {_process.ExitCode} during start; see {LogPath}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(readyPath, UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(poll);
        }

        throw new TimeoutException($"{BaseUrl} did not become healthy within {timeout.TotalSeconds:0} s; see {LogPath}:\n{Tail()}");
    }

    public string Tail(int lines = 30)
    {
        lock (_log)
        {
            _log.Flush();
        }

        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "(log unreadable)";
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        // The console logger writes no time; the chaos report's kill times are UTC, so each line gets the moment the
        // driver read it (within milliseconds of when the server wrote it) to line the two up.
        var stamp = DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        lock (log)
        {
            log.Write(stamp);
            log.Write(' ');
            log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}
