namespace StatusGrid.Server.Hosting;

/// <summary>
/// Bound from <c>StatusGrid:Limits</c>: the largest request body each kind of route accepts (413 beyond it). Small
/// where the payload is small by nature (OCPI, ingest batches), larger for the admin bulk import. Also how long a
/// request waits for a grain it only reads (<see cref="ClusterReadTimeout"/>).
/// </summary>
public sealed class RequestLimitOptions
{
    public const string SectionName = "StatusGrid:Limits";

    /// <summary>POST /api/status. 10 000 changes (the batch limit) of ~150 bytes fit in 4 MiB.</summary>
    public long IngestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Everything under /ocpi: credentials objects, nothing bigger.</summary>
    public long OcpiBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>POST /api/admin/locations/import: a whole estate in one request.</summary>
    public long ImportBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Every other route (admin edits, dashboard, hub negotiation).</summary>
    public long DefaultBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long an admin or OCPI request waits for a grain it only reads (a location, a partner, a registration, a
    /// token, a charge point) before it is answered 503 with Retry-After. Without it, a grain on a silo that hangs (a
    /// long GC pause, a network partition) or a partner grain busy with long turns held the request for Orleans' 30-s
    /// response timeout. A read changes nothing, so giving up on it is always safe; writes keep Orleans' timeout, so a
    /// slow but healthy write is not reported as failed. Ingest has its own bound (<c>StatusGrid:Ingest:GrainTimeout</c>).
    /// </summary>
    public TimeSpan ClusterReadTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The limit that applies to a request path, and the setting that changes it.</summary>
    public (long Bytes, string Setting) For(PathString path)
    {
        if (path.StartsWithSegments("/api/status"))
        {
            return (IngestBodyBytes, nameof(IngestBodyBytes));
        }

        if (path.StartsWithSegments("/ocpi"))
        {
            return (OcpiBodyBytes, nameof(OcpiBodyBytes));
        }

        return path.StartsWithSegments("/api/admin/locations/import")
            ? (ImportBodyBytes, nameof(ImportBodyBytes))
            : (DefaultBodyBytes, nameof(DefaultBodyBytes));
    }

    public long Largest => Math.Max(Math.Max(IngestBodyBytes, OcpiBodyBytes), Math.Max(ImportBodyBytes, DefaultBodyBytes));

    public static string Describe(long bytes) =>
        bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB" : bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} bytes";
}
