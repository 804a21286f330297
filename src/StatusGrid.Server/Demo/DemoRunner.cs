using Microsoft.Extensions.Options;
using StatusGrid.Contracts.Evses;
using StatusGrid.Ocpi;
using StatusGrid.Ocpi.Locations;
using StatusGrid.Server.Admin.Locations;
using StatusGrid.Server.OcpiApi;

namespace StatusGrid.Server.Demo;

/// <summary>
/// With the demo on: imports the shipped locations once the silo runs, then moves random EVSEs' statuses along
/// <see cref="DemoStatusModel"/>. It keeps each EVSE's simulated status itself, starting from the document's.
/// </summary>
internal sealed class DemoRunner(
    IOptions<DemoOptions> options,
    IOptions<OcpiOptions> ocpi,
    IHostApplicationLifetime lifetime,
    LocationImporter importer,
    IGrainFactory grains,
    TimeProvider time,
    ILogger<DemoRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var parsed = OcpiParser.ParseLocations(await File.ReadAllBytesAsync(settings.LocationsFile, stoppingToken), OcpiVersion.V221);
        if (!parsed.IsValid || parsed.Value is not { } locations)
        {
            logger.LogError("Demo locations in {File} are invalid: {Errors}", settings.LocationsFile, string.Join("; ", parsed.Errors.Take(5)));
            return;
        }

        // The shipped file is NL/SGR's; published under whatever party this instance is (see OwnParty).
        locations = [.. locations.Select(l => l with { CountryCode = ocpi.Value.CountryCode, PartyId = ocpi.Value.PartyId })];
        var result = await importer.ImportAsync(locations, stoppingToken);
        logger.LogInformation("Demo: imported {Count} locations ({Created} new)", result.Received, result.Created);
        if (settings.ChangesPerSecond <= 0)
        {
            return;
        }

        var evses = locations.SelectMany(l => (l.Evses ?? []).Select(e => (l.Id, e.Uid))).ToArray();
        var statuses = locations.SelectMany(l => l.Evses ?? []).Select(e => e.Status).ToArray();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var perTick = Math.Max(1, settings.ChangesPerSecond / 10);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                for (var i = 0; i < perTick; i++)
                {
                    var pick = Random.Shared.Next(evses.Length);
                    var (locationId, uid) = evses[pick];
                    var status = DemoStatusModel.Next(statuses[pick], Random.Shared);
                    if (status == statuses[pick])
                    {
                        continue;
                    }

                    statuses[pick] = status;
                    await grains.GetGrain<IEvseGrain>(EvseKey.Evse(locationId, uid)).ReportStatus(new StatusReport(status, time.GetUtcNow()));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
