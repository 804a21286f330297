namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// What a scenario runs against: one or more HTTP front doors (one per silo) and the processes to sample. Owns what
/// it launched (server processes, a throwaway PostgreSQL) and stops it on dispose.
/// </summary>
internal sealed class LoadTarget : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned;
    private readonly string? _dataDirectory;

    public LoadTarget(TargetKind kind, string description, IReadOnlyList<Uri> baseUrls, IReadOnlyList<int> pids, List<IAsyncDisposable> owned, string? dataDirectory,
        IReadOnlyList<Uri>? mapUrls = null)
    {
        Kind = kind;
        Description = description;
        BaseUrls = baseUrls;
        MapUrls = mapUrls is { Count: > 0 } ? mapUrls : baseUrls;
        Pids = pids;
        _owned = owned;
        _dataDirectory = dataDirectory;
    }

    public TargetKind Kind { get; }

    public string Description { get; }

    public IReadOnlyList<Uri> BaseUrls { get; }

    /// <summary>Where the map clients connect: <see cref="BaseUrls"/> unless map front-ends were started.</summary>
    public IReadOnlyList<Uri> MapUrls { get; }

    /// <summary>Empty when the processes are unknown (attached to a server on another machine): no CPU/memory figures then.</summary>
    public IReadOnlyList<int> Pids { get; }

    /// <summary>Resident memory of all the target's processes together, MB.</summary>
    public double RssMb => Pids.Sum(pid => ProcStat.ReadRssBytes(pid) ?? 0) / (1024.0 * 1024.0);

    /// <summary>Resident memory per process in MB ("212 + 198 + 205 MB"), for clusters: what each silo needs.</summary>
    public string RssPerProcess => Pids.Count < 2
        ? ""
        : " (" + string.Join(" + ", Pids.Select(pid => ((ProcStat.ReadRssBytes(pid) ?? 0) / (1024.0 * 1024.0)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))) + " MB)";

    /// <summary>The last lines of each launched server's log (for a failed run: the files go with the target).</summary>
    public string LogTail(int lines = 40)
    {
        var tails = _owned.OfType<LaunchedProcess>().Select(p => $"--- {p.LogPath} (last {lines} lines)\n{p.Tail(lines)}");
        return string.Join('\n', tails);
    }

    /// <summary>Runs <paramref name="run"/>; if it fails, prints the servers' log tails before the target is disposed.</summary>
    public async Task<T> RunAsync<T>(Func<LoadTarget, Task<T>> run, TextWriter log)
    {
        try
        {
            return await run(this);
        }
        catch (Exception)
        {
            log.WriteLine(LogTail());
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Servers first (they hold database connections), then the database, in reverse order of start.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
