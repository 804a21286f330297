namespace StatusGrid.LoadDriver.Target;

/// <summary>
/// What a scenario runs against: one or more HTTP front doors (one per silo) and the processes to sample. Owns what
/// it launched (server processes, a throwaway PostgreSQL) and stops it on dispose.
/// </summary>
internal sealed class LoadTarget : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned;
    private readonly string? _dataDirectory;

    public LoadTarget(TargetKind kind, string description, IReadOnlyList<Uri> baseUrls, IReadOnlyList<int> pids, List<IAsyncDisposable> owned, string? dataDirectory)
    {
        Kind = kind;
        Description = description;
        BaseUrls = baseUrls;
        Pids = pids;
        _owned = owned;
        _dataDirectory = dataDirectory;
    }

    public TargetKind Kind { get; }

    public string Description { get; }

    public IReadOnlyList<Uri> BaseUrls { get; }

    /// <summary>Empty when the processes are unknown (attached to a server on another machine): no CPU/memory figures then.</summary>
    public IReadOnlyList<int> Pids { get; }

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
