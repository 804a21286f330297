using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.GrainReferences;
using StatusGrid.Contracts.Evses;
using StatusGrid.Grains.Hosting;
using StatusGrid.Server.Http;

namespace StatusGrid.Server.Ingest;

/// <summary>
/// Applies a batch: every EVSE's items in order, different EVSEs in parallel (their durable writes share group
/// commits). Answers when all applied changes are durable, or when <see cref="IngestOptions.GrainTimeout"/> has
/// passed. A grain call that fails because its silo is stopping, or died and is not yet voted out, is tried again
/// within that bound (the grain re-activates on another silo once membership knows); an item still without an answer
/// at the bound is reported not applied, and the answer is 503 with Retry-After. Retrying is safe at both levels:
/// a report the grain already holds is a duplicate, an older one is stale.
/// </summary>
public sealed class StatusIngestor(
    IGrainFactory grains,
    GrainReferenceActivator references,
    IOptionsMonitor<IngestOptions> options,
    TimeProvider time,
    ILogger<StatusIngestor> logger)
{
    private readonly KeyedGrains<IEvseGrain> _evses = new(grains, references);
    private readonly KeyedGrains<IEvseIdGrain> _evseIds = new(grains, references);

    /// <summary>
    /// 200 when every item took effect (or was a duplicate, stale or rejected: the body says which); 503 with
    /// Retry-After when some could not be applied (a silo unavailable), 500 for a fault of ours; the body always
    /// lists every item. 400/413 problems for a body that is not a batch.
    /// </summary>
    public async Task<Results<Ok<IngestResponse>, JsonHttpResult<IngestResponse>, ProblemHttpResult>> IngestAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            // A body sent as form data or text is refused, not guessed at: the sender learns it before it relies on it.
            return TypedResults.Problem("Send the batch as JSON, with the header Content-Type: application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not JSON");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return TypedResults.Problem($"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON");
        }

        using (document)
        {
            var settings = options.CurrentValue;
            var (items, errors, count, bodyError) = IngestParser.Parse(document, time.GetUtcNow(), settings.MaxClockSkew);
            if (items is null)
            {
                return TypedResults.Problem(bodyError, statusCode: StatusCodes.Status400BadRequest, title: "Invalid status batch");
            }

            if (count > settings.MaxBatchSize)
            {
                return TypedResults.Problem($"A batch holds at most {settings.MaxBatchSize} changes; this one has {count}.",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
            }

            var progress = new BatchProgress(count);
            foreach (var error in errors)
            {
                progress.Reject(error.Index, error.Error);
            }

            var started = Stopwatch.GetTimestamp();
            // Not cancelled with the request: a change already handed to its grain completes either way, and the
            // bound below is what keeps the client from waiting on a grain that cannot answer.
            var work = ApplyAsync(items, progress, time.GetUtcNow() + settings.GrainTimeout);
            try
            {
                await work.WaitAsync(settings.GrainTimeout, time, CancellationToken.None);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("Ingest batch of {Received} items: grains did not answer within {GrainTimeout}; open items are reported not applied", count, settings.GrainTimeout);
            }

            progress.Close($"No answer from the EVSE within {settings.GrainTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (a silo may be unavailable); not applied, send it again.");
            IngestMetrics.Batch(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var response = progress.ToResponse();
            IngestMetrics.Count("applied", response.Applied);
            IngestMetrics.Count("duplicate", response.Duplicates);
            IngestMetrics.Count("stale", response.Stale);
            IngestMetrics.Count("rejected", response.Rejected);
            IngestMetrics.Count("not_applied", response.NotApplied);
            if (response.NotApplied == 0)
            {
                return TypedResults.Ok(response);
            }

            if (progress.HasUnexpectedFailure)
            {
                // Not a silo being unreachable: a fault of ours, logged with its exception. The body still says exactly
                // which items took effect, so the client loses nothing by resending.
                return TypedResults.Json(response, statusCode: StatusCodes.Status500InternalServerError);
            }

            request.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(settings.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private async Task ApplyAsync(List<IngestItem> items, BatchProgress progress, DateTimeOffset deadline)
    {
        var resolved = await Task.WhenAll(items.Select(item => ResolveAsync(item, progress, deadline)));
        var groups = new Dictionary<string, List<IngestItem>>(StringComparer.Ordinal);
        foreach (var (item, key) in resolved)
        {
            if (key is null)
            {
                continue;
            }

            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(item);
        }

        await Task.WhenAll(groups.Select(g => ApplyInOrderAsync(g.Key, g.Value, progress, deadline)));
    }

    /// <summary>The EVSE's grain key, or null when the item is settled already (unknown evse_id, or unreachable).</summary>
    private async Task<(IngestItem Item, string? Key)> ResolveAsync(IngestItem item, BatchProgress progress, DateTimeOffset deadline)
    {
        if (item.LocationId is { } locationId && item.EvseUid is { } evseUid)
        {
            return (item, EvseKey.Evse(locationId, evseUid));
        }

        try
        {
            var grain = _evseIds.Get(EvseKey.EvseId(item.EvseId!));
            var address = await RetryingAsync(grain.Resolve, deadline);
            if (address is null)
            {
                progress.Reject(item.Index, $"Unknown EVSE: evse_id '{item.EvseId}' is not on any location.");
                return (item, null);
            }

            return (item with { LocationId = address.LocationId, EvseUid = address.EvseUid }, EvseKey.Evse(address.LocationId, address.EvseUid));
        }
        catch (Exception ex)
        {
            Failed(ex, [item], progress);
            return (item, null);
        }
    }

    private async Task ApplyInOrderAsync(string key, List<IngestItem> items, BatchProgress progress, DateTimeOffset deadline)
    {
        var grain = _evses.Get(key);
        var ordered = items.OrderBy(i => i.Report.ObservedAt).ThenBy(i => i.Index).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var item = ordered[i];
            StatusReportOutcome outcome;
            try
            {
                outcome = await RetryingAsync(() => grain.ReportStatus(item.Report), deadline);
            }
            catch (Exception ex)
            {
                // The grain is unreachable: its later reports in this batch are not tried either (they would wait for
                // the same dead silo), and all are reported not applied.
                Failed(ex, ordered.Skip(i), progress);
                return;
            }

            if (outcome == StatusReportOutcome.UnknownEvse)
            {
                progress.Reject(item.Index, $"Unknown EVSE: location '{item.LocationId}' has no EVSE '{item.EvseUid}'.");
            }
            else if (outcome == StatusReportOutcome.RemovedEvse)
            {
                progress.Reject(item.Index, $"Removed EVSE: EVSE '{item.EvseUid}' of location '{item.LocationId}' is REMOVED and takes no status reports; put the location with this EVSE again to bring it back.");
            }
            else
            {
                progress.Done(item.Index, outcome);
            }
        }
    }

    /// <summary>
    /// Calls again while the cluster reports the grain's silo unavailable (stopping, or dead but not yet voted out) and
    /// the deadline allows another try. Short, growing pauses: a stopping silo's grains are elsewhere within
    /// milliseconds, a dead one's once membership declares it dead.
    /// </summary>
    private async Task<T> RetryingAsync<T>(Func<Task<T>> call, DateTimeOffset deadline)
    {
        var pause = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ClusterUnavailable.Is(ex) && time.GetUtcNow() + pause < deadline)
            {
                logger.LogDebug("Ingest: grain unavailable ({ExceptionType}: {Message}); trying again in {Pause}", ex.GetType().Name, ex.Message, pause);
                await Task.Delay(pause, time);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 400));
            }
        }
    }

    private void Failed(Exception ex, IEnumerable<IngestItem> items, BatchProgress progress)
    {
        var unavailable = ClusterUnavailable.Is(ex);
        if (unavailable)
        {
            logger.LogWarning("Ingest: EVSE unreachable ({ExceptionType}: {Message}); its items are reported not applied", ex.GetType().Name, ex.Message);
        }
        else
        {
            logger.LogError(ex, "Ingest: applying a status change failed; its items are reported not applied");
        }

        var reason = unavailable
            ? $"EVSE unavailable ({ex.GetType().Name}: {ex.Message}); not applied, send it again."
            : $"Not applied: {ex.GetType().Name}. Sending it again is safe.";
        foreach (var item in items)
        {
            progress.NotApplied(item.Index, reason, unexpected: !unavailable);
        }
    }
}
