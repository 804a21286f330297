using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Evses;

namespace StatusGrid.Server.Ingest;

/// <summary>
/// Applies a batch: every EVSE's items in order, different EVSEs in parallel (their durable writes share group
/// commits). Answers only when all applied changes are durable.
/// </summary>
public sealed class StatusIngestor(IGrainFactory grains, IOptionsMonitor<IngestOptions> options, TimeProvider time)
{
    public async Task<IResult> IngestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Results.Problem($"The body is not valid JSON: {ex.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid JSON");
        }

        using (document)
        {
            var settings = options.CurrentValue;
            var (items, errors, count, bodyError) = IngestParser.Parse(document, time.GetUtcNow(), settings.MaxClockSkew);
            if (items is null)
            {
                return Results.Problem(bodyError, statusCode: StatusCodes.Status400BadRequest, title: "Invalid status batch");
            }

            if (count > settings.MaxBatchSize)
            {
                return Results.Problem($"A batch holds at most {settings.MaxBatchSize} changes; this one has {count}.",
                    statusCode: StatusCodes.Status413PayloadTooLarge, title: "Batch too large");
            }

            var started = Stopwatch.GetTimestamp();
            var outcomes = await ApplyAsync(items, errors);
            IngestMetrics.Batch(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var applied = outcomes.Count(o => o == StatusReportOutcome.Applied);
            var duplicates = outcomes.Count(o => o == StatusReportOutcome.Duplicate);
            var stale = outcomes.Count(o => o == StatusReportOutcome.Stale);
            IngestMetrics.Count("applied", applied);
            IngestMetrics.Count("duplicate", duplicates);
            IngestMetrics.Count("stale", stale);
            IngestMetrics.Count("rejected", errors.Count);
            errors.Sort((a, b) => a.Index.CompareTo(b.Index));
            return Results.Ok(new IngestResponse(count, applied, duplicates, stale, errors.Count, errors));
        }
    }

    private async Task<List<StatusReportOutcome>> ApplyAsync(List<IngestItem> items, List<IngestItemError> errors)
    {
        var resolved = await Task.WhenAll(items.Select(ResolveAsync));
        var groups = new Dictionary<string, List<IngestItem>>(StringComparer.Ordinal);
        foreach (var (item, key) in resolved)
        {
            if (key is null)
            {
                errors.Add(new IngestItemError(item.Index, $"Unknown EVSE: evse_id '{item.EvseId}' is not on any location."));
                continue;
            }

            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(item);
        }

        var perEvse = await Task.WhenAll(groups.Select(g => ApplyInOrderAsync(g.Key, g.Value)));
        var outcomes = new List<StatusReportOutcome>(items.Count);
        foreach (var results in perEvse)
        {
            foreach (var (item, outcome) in results)
            {
                if (outcome == StatusReportOutcome.UnknownEvse)
                {
                    errors.Add(new IngestItemError(item.Index, $"Unknown EVSE: location '{item.LocationId}' has no EVSE '{item.EvseUid}'."));
                }
                else
                {
                    outcomes.Add(outcome);
                }
            }
        }

        return outcomes;
    }

    private async Task<(IngestItem Item, string? Key)> ResolveAsync(IngestItem item)
    {
        if (item.LocationId is { } locationId && item.EvseUid is { } evseUid)
        {
            return (item, EvseKey.Evse(locationId, evseUid));
        }

        var address = await grains.GetGrain<IEvseIdGrain>(EvseKey.EvseId(item.EvseId!)).Resolve();
        return address is null
            ? (item, null)
            : (item with { LocationId = address.LocationId, EvseUid = address.EvseUid }, EvseKey.Evse(address.LocationId, address.EvseUid));
    }

    private async Task<List<(IngestItem, StatusReportOutcome)>> ApplyInOrderAsync(string key, List<IngestItem> items)
    {
        var grain = grains.GetGrain<IEvseGrain>(key);
        var results = new List<(IngestItem, StatusReportOutcome)>(items.Count);
        foreach (var item in items.OrderBy(i => i.Report.ObservedAt).ThenBy(i => i.Index))
        {
            results.Add((item, await grain.ReportStatus(item.Report)));
        }

        return results;
    }
}
