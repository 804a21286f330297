using System.Collections.Immutable;
using System.Diagnostics;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Locations;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Storage.Estate;

namespace StatusGrid.Server.Admin.Locations;

/// <summary>
/// Puts already-validated Locations in place. New ones are written in one transaction (<see cref="IEstateStore"/>)
/// and their grains start from those rows when first used; Locations stored before go through their grain, which
/// weighs the edit against the previous document.
/// </summary>
public sealed partial class LocationImporter(IGrainFactory grains, IEstateStore estate, TimeProvider time, ILogger<LocationImporter> logger)
{
    private const int Parallelism = 32;

    /// <summary>Locations per announcement call: bounded messages, and the fan-out starts on the first ones early.</summary>
    private const int AnnounceChunk = 1000;

    public async Task<LocationImportResult> ImportAsync(IReadOnlyList<Location> locations, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var existing = await estate.ExistingAsync([.. locations.Select(l => l.Id)], cancellationToken);
        var now = time.GetUtcNow();
        var rows = locations.Where(l => !existing.Contains(l.Id.ToUpperInvariant())).Select(l => LocationImportPlan.For(l, now)).ToList();
        IReadOnlyList<string> skipped = [];
        if (rows.Count > 0)
        {
            LogImportStarted(logger, rows.Count, rows.Sum(r => r.Evses.Count), locations.Count - rows.Count);
            skipped = await estate.ImportAsync(rows, new ProgressLog(logger, rows.Count, clock), cancellationToken);
            var skippedIds = skipped.ToHashSet(StringComparer.Ordinal);
            var stored = rows.Where(r => !skippedIds.Contains(r.Location.Id)).Select(r => new ImportedLocationRef(r.Location.Id, r.Location.Country, r.Location.Publish)).ToList();
            // Stored and committed: from here on nothing may stop the announcements (the request's token is not used).
            await AnnounceAsync(stored);
            LogImportStored(logger, stored.Count, stored.Count == 0 ? 0 : rows.Where(r => !skippedIds.Contains(r.Location.Id)).Sum(r => r.Evses.Count), clock.ElapsedMilliseconds);
        }

        int created = rows.Count - skipped.Count, updated = 0, unchanged = 0;
        var throughGrains = locations.Where(l => existing.Contains(l.Id.ToUpperInvariant()) || skipped.Contains(l.Id)).ToList();
        await Parallel.ForEachAsync(throughGrains, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (location, _) =>
        {
            var outcome = await PutAsync(location);
            var counted = outcome switch
            {
                LocationPutOutcome.Created => Interlocked.Increment(ref created),
                LocationPutOutcome.Updated => Interlocked.Increment(ref updated),
                _ => Interlocked.Increment(ref unchanged),
            };
        });
        return new LocationImportResult(locations.Count, created, updated, unchanged);
    }

    public Task<LocationPutOutcome> PutAsync(Location location) =>
        grains.GetGrain<ILocationGrain>(EvseKey.Location(location.Id)).Put(location);

    private async Task AnnounceAsync(List<ImportedLocationRef> stored)
    {
        for (var first = 0; first < stored.Count; first += AnnounceChunk)
        {
            var chunk = stored.GetRange(first, Math.Min(AnnounceChunk, stored.Count - first)).ToImmutableArray();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await grains.GetGrain<IEstateImportGrain>(0).Announce(chunk);
                    break;
                }
                catch (Exception ex) when (attempt < 3)
                {
                    LogAnnounceRetry(logger, ex, chunk.Length, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), time);
                }
                catch (Exception ex)
                {
                    // Stored but not announced: a later PUT of these Locations (or partner re-registration) sends them.
                    LogAnnounceFailed(logger, ex, chunk.Length, string.Join(", ", chunk.Take(5).Select(c => c.Id)));
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import: storing {Locations} new locations ({Evses} EVSEs) in one transaction; {Existing} known locations go through their grains")]
    private static partial void LogImportStarted(ILogger logger, int locations, int evses, int existing);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import: {Locations} new locations ({Evses} EVSEs) stored and announced to partners after {ElapsedMs} ms")]
    private static partial void LogImportStored(ILogger logger, int locations, int evses, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import: {Written}/{Total} new locations written after {ElapsedMs} ms")]
    private static partial void LogImportProgress(ILogger logger, int written, int total, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import: announcing {Count} locations failed (attempt {Attempt}); retrying")]
    private static partial void LogAnnounceRetry(ILogger logger, Exception exception, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import: {Count} stored locations (first: {First}) could not be announced: partners get them by a pull or with their next edit")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, int count, string first);

    /// <summary>Synchronous (unlike <see cref="Progress{T}"/>): lines appear while the transaction runs, in order.</summary>
    private sealed class ProgressLog(ILogger logger, int total, Stopwatch clock) : IProgress<int>
    {
        public void Report(int value) => LogImportProgress(logger, value, total, clock.ElapsedMilliseconds);
    }
}
