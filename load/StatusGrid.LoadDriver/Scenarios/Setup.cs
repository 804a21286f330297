using System.Diagnostics;
using System.Globalization;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>Before measuring: import the estate, register the fleet, let the initial Location PUTs finish, read statuses.</summary>
internal static class Setup
{
    public static async Task ImportAsync(StatusGridClient client, EvseCatalog catalog, ScenarioSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var chunks = (catalog.Locations + settings.ImportChunk - 1) / settings.ImportChunk;
        var done = 0;
        var clock = Stopwatch.StartNew();
        // One request at a time: the server already puts 32 locations of a request in parallel, and more concurrent
        // EVSE definitions only contend for SQLite's single writer (measured: 2 requests at once took 2.7× longer).
        await Parallel.ForEachAsync(Enumerable.Range(0, chunks), new ParallelOptions { MaxDegreeOfParallelism = 1, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var first = chunk * settings.ImportChunk;
            await client.ImportAsync(LocationJson.ImportBody(catalog, first, Math.Min(settings.ImportChunk, catalog.Locations - first)), ct);
            var finished = Interlocked.Increment(ref done);
            if (finished % Math.Max(1, chunks / 10) == 0 || finished == chunks)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  import {finished * 100 / chunks,3}%: {Math.Min(finished * settings.ImportChunk, catalog.Locations):N0} locations in {clock.Elapsed.TotalSeconds:N1} s"));
            }
        });
    }

    /// <summary>The token StatusGrid sends to the fleet partners (the fleet accepts any).</summary>
    public const string FleetToken = "load-token";

    public static async Task RegisterPartnersAsync(StatusGridClient client, EmspFleet fleet, ScenarioSettings settings, CancellationToken cancellationToken)
    {
        foreach (var (partner, i) in fleet.Partners.Select((p, i) => (p, i)))
        {
            var mode = settings.DeliveryModes[Math.Min(i, settings.DeliveryModes.Count - 1)];
            await client.RegisterPartnerAsync(new PartnerRegistration(partner.Id, "2.2.1", partner.LocationsUrl, FleetToken, "DE", "EMS", settings.PartnerConcurrency, mode), cancellationToken);
        }
    }

    /// <summary>
    /// Waits until every fleet partner has no pending, in-flight or PUT work, polling the admin API. A 503 (a partner
    /// grain too busy to answer within the API's bound, on a saturated machine) is asked again, not the end of the run.
    /// </summary>
    public static async Task<bool> WaitForIdleAsync(StatusGridClient client, IReadOnlyCollection<string> partnerIds, TimeSpan timeout, Func<bool>? alsoQuiet = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            IReadOnlyList<PartnerHealthView> all;
            try
            {
                all = await client.GetPartnersAsync(CancellationToken.None);
            }
            catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(200);
                continue;
            }

            var partners = all.Where(p => partnerIds.Contains(p.Id)).ToList();
            if (partners.Count == partnerIds.Count && partners.All(p => p.IsIdle) && (alsoQuiet?.Invoke() ?? true))
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Current status of every EVSE from the dashboard snapshot, so the run sends only real changes.</summary>
    public static async Task<StatusTable> ReadStatusesAsync(StatusGridClient client, EvseCatalog catalog, CancellationToken cancellationToken)
    {
        const int Page = 1000;
        var table = new StatusTable(catalog.Count);
        for (var offset = 0; offset < catalog.Locations + Page; offset += Page)
        {
            using var page = await client.GetSnapshotPageAsync(offset, Page, cancellationToken);
            if (page is null)
            {
                // The baseline keeps no state: everything is as imported (AVAILABLE).
                return table;
            }

            var items = page.RootElement.GetProperty("items");
            foreach (var location in items.EnumerateArray())
            {
                foreach (var evse in location.GetProperty("evses").EnumerateArray())
                {
                    if (catalog.TryIndexOf(evse.GetProperty("evse_uid").GetString(), out var index))
                    {
                        table.Set(index, evse.GetProperty("status").GetString() ?? "", PatchBody.ParseUnixMs(evse.GetProperty("last_updated").GetString()) ?? 0);
                    }
                }
            }

            if (items.GetArrayLength() < Page)
            {
                break;
            }
        }

        return table;
    }
}
