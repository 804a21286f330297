using System.Diagnostics;
using System.Globalization;
using StatusGrid.LoadDriver.Api;
using StatusGrid.LoadDriver.Dashboards;
using StatusGrid.LoadDriver.Measure;
using StatusGrid.LoadDriver.Pull;
using StatusGrid.LoadDriver.Target;
using StatusGrid.LoadDriver.Workload;
using StatusGrid.MockEmsp;

namespace StatusGrid.LoadDriver.Scenarios;

/// <summary>
/// One scenario against one target: set up and warm up (not measured), then send, drain and measure. The fleet and
/// the dashboards run in this process; their CPU is the driver's, reported separately from the target's.
/// </summary>
internal static class LoadRun
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    public static async Task<RunResult> ExecuteAsync(LoadTarget target, ScenarioSettings settings, ApiKeys keys, TextWriter log)
    {
        await using var prepared = await PrepareAsync(target, settings, keys, log);
        return await MeasureAsync(prepared, settings, log);
    }

    /// <summary>Import, fleet, initial PUTs, statuses: once per target, so paired phases share one warm server and estate.</summary>
    public static async Task<PreparedRun> PrepareAsync(LoadTarget target, ScenarioSettings settings, ApiKeys keys, TextWriter log)
    {
        var startedAt = DateTimeOffset.UtcNow;
        log.WriteLine($"== {settings.Name} on {target.Description}");
        var setupClock = Stopwatch.StartNew();
        var catalog = new EvseCatalog(settings.Locations, settings.EvsesPerLocation);
        var client = new StatusGridClient(target.BaseUrls, keys);
        var fleet = await EmspFleet.StartAsync(new FleetOptions { Partners = Math.Max(1, settings.Partners), Faults = settings.Faults });
        var partnerIds = fleet.Partners.Take(settings.Partners).Select(p => p.Id).ToList();
        var registry = new SendRegistry(catalog.Count);
        var table = await SetUpAsync(client, fleet, catalog, partnerIds, settings, log);
        setupClock.Stop();
        var rssAfterSetup = target.RssMb;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  setup {setupClock.Elapsed.TotalSeconds:N1} s: {catalog.Count:N0} EVSEs, {settings.Partners} partners; target RSS {rssAfterSetup:N0} MB{target.RssPerProcess}"));
        return new PreparedRun(target, keys, client, fleet, catalog, partnerIds, registry, table, startedAt, setupClock.Elapsed, rssAfterSetup);
    }

    /// <summary>One measured phase on a prepared target: connect the phase's map clients, warm up, send, drain, disconnect.</summary>
    public static async Task<RunResult> MeasureAsync(PreparedRun run, ScenarioSettings settings, TextWriter log)
    {
        var (target, client, fleet, catalog, partnerIds, registry, table) = (run.Target, run.Client, run.Fleet, run.Catalog, run.PartnerIds, run.Registry, run.Table);
        var tracker = new DeliveryTracker(catalog, registry, Math.Max(1, settings.Partners));
        fleet.Recorder.Listener = tracker.OnArrival;

        // Map clients watch a random city each (as a page does after its first pan); the share of the estate in their
        // tiles says how many items they should get. The baseline ignores Watch and sends every client everything.
        var random = new Random(17);
        var viewports = Enumerable.Range(0, settings.HubClients).Select(_ => ViewportMix.City(catalog, random)).ToList();
        var tileZoom = target.Kind == TargetKind.Baseline || viewports.Count == 0 ? 0 : await client.GetDetailTileZoomAsync(CancellationToken.None);
        var coverage = target.Kind == TargetKind.Baseline ? settings.HubClients : viewports.Sum(v => ViewportMix.Coverage(v, catalog, tileZoom));
        var watchers = target.Kind == TargetKind.Baseline || viewports.Count == 0 ? null : ViewportMix.WatchersPerLocation(viewports, catalog, tileZoom);
        var rssBeforeClients = target.RssMb;
        await using var external = settings.ClientsProcess && settings.HubClients + settings.ZoomedOutClients > 0
            ? await MapClientsProcess.StartAsync(target.MapUrls, settings)
            : null;
        await using var hubs = settings.HubClients > 0 && external is null
            ? await HubClientPool.ConnectAsync(target.MapUrls, settings.HubClients, (item, at) => tracker.OnHubItem(item.EvseUid, item.LastUpdated, at), TimeSpan.FromMinutes(1), i => viewports[i])
            : null;
        await using var zoomedOut = settings.ZoomedOutClients > 0 && external is null
            ? await HubClientPool.ConnectAsync(target.MapUrls, settings.ZoomedOutClients, (_, _) => { }, TimeSpan.FromMinutes(1), _ => ViewportMix.ZoomedOut)
            : null;
        var clients = new ClientCost(settings.HubClients + settings.ZoomedOutClients, rssBeforeClients, target.RssMb);
        if (hubs is not null)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  map clients: {hubs.Connected} connected on city viewports (together {coverage / Math.Max(1, settings.HubClients):P1} of the estate each on average), {hubs.Failed} failed"));
        }

        if (zoomedOut is not null)
        {
            log.WriteLine($"  zoomed-out map clients: {zoomedOut.Connected} connected, {zoomedOut.Failed} failed");
        }

        if (external is not null)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  map clients in process {external.Pid}: {external.City} on city viewports ({coverage / Math.Max(1, settings.HubClients):P1} of the estate each on average), {external.ZoomedOut} zoomed out, {external.Failed} failed"));
        }

        if (clients.Count > 0)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  target RSS {clients.RssBeforeMb:N0} MB before connecting, {clients.RssConnectedMb:N0} MB with {clients.Count:N0} clients ({clients.KbPerClient:N0} KB per client)"));
        }

        var othersBefore = await MachineQuiet.WaitAsync(target.Pids, settings.QuietWait, log);
        await WarmUpAsync(client, catalog, table, registry, tracker, partnerIds, settings, log);

        var before = await PartnerHealthAsync(client, partnerIds);
        fleet.Recorder.Reset();
        var stats = new IngestStats();
        var sender = new IngestSender(client, stats);
        var sampler = new ProcessSampler(target.Pids, settings.Duration + settings.DrainTimeout + TimeSpan.FromMinutes(5));
        await using (sampler.ConfigureAwait(false))
        {
            using var runDeadline = new CancellationTokenSource(settings.Duration + TimeSpan.FromMinutes(5));
            if (external is not null)
            {
                await external.ResetAsync();
            }

            var measuredFrom = Stopwatch.GetTimestamp();
            tracker.PartnerTimeline.Start(measuredFrom);
            tracker.HubTimeline.Start(measuredFrom);
            switch (settings.Mode)
            {
                case SendMode.Rate:
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  measuring: {settings.Rate:N0} changes/s for {settings.Duration.TotalSeconds:N0} s in batches of {settings.BatchSize}"));
                    await RateSender.RunAsync(settings, settings.Rate, settings.Duration, measured: true, catalog, table, registry, sender, runDeadline.Token);
                    break;
                case SendMode.Burst:
                    log.WriteLine($"  measuring: burst of {catalog.Count:N0} changes in batches of {settings.BatchSize}, {settings.MaxInFlight} requests at a time");
                    await BurstSender.RunAsync(settings, catalog, table, registry, sender, runDeadline.Token);
                    break;
            }

            var (drained, drain) = await DrainAsync(client, partnerIds, stats, tracker, settings);
            // The pull runs once the changes have drained, inside the sampled window (its CPU and memory count).
            var pull = settings.Pull ? await PullAsync(client, target, fleet, settings, run.Keys) : null;
            var usage = await sampler.StopAsync();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  target RSS at the end: {target.RssMb:N0} MB{target.RssPerProcess}"));
            var after = await PartnerHealthAsync(client, partnerIds);
            var ingest = stats.Summarize();
            var report = fleet.Report();
            var partners = partnerIds.Select((id, i) => new PartnerDelivery(
                id,
                tracker.UniqueFor(i),
                tracker.RepeatsFor(i),
                after.GetValueOrDefault(id)?.Coalesced - before.GetValueOrDefault(id)?.Coalesced ?? 0,
                after.GetValueOrDefault(id)?.Failures - before.GetValueOrDefault(id)?.Failures ?? 0,
                report.Partners[i].InjectedErrors,
                tracker.PerPartner[i].Summarize())).ToList();
            var (touched, everywhere, lastInFailed) = registry.LatestStateCoverage((1 << settings.Partners) - 1);
            var outside = external is null ? null : await external.StopAsync();
            // What the clients are owed: each measured change the server accepted, once per client whose detail tiles
            // hold its location (exact when every client connected; scaled when some did not).
            long Owed(int connected) => watchers is null
                ? ingest.Applied * connected
                : (long)Math.Round(registry.SumSentSince(measuredFrom, evse => watchers[evse / catalog.EvsesPerLocation])
                    * (double)connected / Math.Max(1, settings.HubClients));
            var hub = outside is not null
                ? new HubSummary(settings.HubClients, outside.City, outside.Failed, outside.Items, Owed(outside.City), 0, outside.LatencyMs)
                : hubs is null
                ? null
                : new HubSummary(settings.HubClients, hubs.Connected, hubs.Failed, tracker.HubItems, Owed(hubs.Connected), tracker.HubUncorrelated, tracker.HubLatency.Summarize());
            if (outside is { ZoomedOut: > 0 })
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  zoomed-out map clients (own process) received {outside.ZoomedOutMessages:N0} messages while measured ({outside.ZoomedOutMessages / (double)outside.ZoomedOut:N1} each)"));
            }

            if (zoomedOut is not null)
            {
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  zoomed-out map clients received {zoomedOut.Messages:N0} messages (aggregates, summaries; {zoomedOut.Messages / Math.Max(1.0, zoomedOut.Connected):N1} each)"));
            }

            return new RunResult(settings, target.Kind, target.Description, run.StartedAt, run.Setup, othersBefore, ingest, tracker.PartnerLatency.Summarize(), partners,
                touched, everywhere, tracker.Uncorrelated, hub, drain, drained, usage, run.RssAfterSetupMb, tracker.PartnerTimeline.P99(5), tracker.HubTimeline.P99(5), pull)
            {
                ClientCost = clients.Count > 0 ? clients : null,
                LastStateInFailedRequest = lastInFailed,
            };
        }
    }


    /// <summary>
    /// Scenario (d): each puller gets its own token through the credentials handshake (unless --pull-token gives one),
    /// then all pull every page at once.
    /// </summary>
    private static async Task<PullResult> PullAsync(StatusGridClient client, LoadTarget target, EmspFleet fleet, ScenarioSettings settings, ApiKeys keys)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var tokens = new List<string>();
        for (var i = 0; i < settings.PullPullers; i++)
        {
            if (settings.PullToken is { } given)
            {
                tokens.Add(given);
                continue;
            }

            var (token, problem) = await PullerHandshake.RegisterAsync(client.Http, target.BaseUrls[0], keys.Admin, fleet.Partners[0].Port, $"LOAD-PULL-{i + 1}", deadline.Token);
            if (token is null)
            {
                return new PullResult(PullOutcome.Unavailable, problem!, settings.PullPullers, 0, 0, null, 0, TimeSpan.Zero, new LatencyHistogram().Summarize());
            }

            tokens.Add(token);
        }

        return await LocationPull.RunAsync(client.Http, target.BaseUrls[0], tokens, settings.PullLimit, TimeSpan.FromMinutes(5));
    }

    /// <summary>Import, register the fleet, wait out the initial Location PUTs, read statuses. Bounded by SetupTimeout.</summary>
    private static async Task<StatusTable> SetUpAsync(StatusGridClient client, EmspFleet fleet, EvseCatalog catalog, List<string> partnerIds, ScenarioSettings settings, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(settings.SetupTimeout);
        await Setup.ImportAsync(client, catalog, settings, log, deadline.Token);
        if (partnerIds.Count > 0)
        {
            await Setup.RegisterPartnersAsync(client, fleet, settings, deadline.Token);
            if (!await Setup.WaitForIdleAsync(client, partnerIds, settings.SetupTimeout - clock.Elapsed))
            {
                throw new TimeoutException($"Partners still busy with the initial Location PUTs after {settings.SetupTimeout.TotalMinutes:0} min.");
            }
        }

        return await Setup.ReadStatusesAsync(client, catalog, deadline.Token);
    }

    private static async Task WarmUpAsync(StatusGridClient client, EvseCatalog catalog, StatusTable table, SendRegistry registry, DeliveryTracker tracker,
        List<string> partnerIds, ScenarioSettings settings, TextWriter log)
    {
        if (settings.WarmUp <= TimeSpan.Zero || settings.Mode == SendMode.None)
        {
            return;
        }

        var rate = settings.Mode == SendMode.Rate ? settings.Rate : Math.Min(1_000, catalog.Count);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  warm-up: {rate:N0} changes/s for {settings.WarmUp.TotalSeconds:N0} s (not measured)"));
        using var deadline = new CancellationTokenSource(settings.WarmUp + TimeSpan.FromMinutes(2));
        var stats = new IngestStats();
        await RateSender.RunAsync(settings with { BatchSize = Math.Min(settings.BatchSize, 100) }, rate, settings.WarmUp, measured: false,
            catalog, table, registry, new IngestSender(client, stats), deadline.Token);
        if (stats.Summarize() is { Errors: > 0 } failed)
        {
            log.WriteLine($"  warm-up: {failed.Errors} failed requests: {failed.FirstError}");
        }

        // Measuring starts from a drained system: a burst from idle, as a reconnect storm would; a steady rate without
        // the backlog of the warm-up's cold start (JIT, pools, caches), which would otherwise be billed to its first
        // seconds. A target that cannot keep the rate still shows it: its backlog grows while measured.
        await Setup.WaitForIdleAsync(client, partnerIds, settings.DrainTimeout, () => Stopwatch.GetElapsedTime(tracker.LastActivity) > Quiet);
    }

    /// <summary>
    /// After the last ingest answer: wait until every partner is idle and nothing has arrived for a second. The drain
    /// time is last arrival − last ingest answer: how far delivery lagged behind ingest at the end.
    /// </summary>
    private static async Task<(bool Drained, TimeSpan Drain)> DrainAsync(StatusGridClient client, List<string> partnerIds, IngestStats stats, DeliveryTracker tracker, ScenarioSettings settings)
    {
        var drained = (partnerIds.Count == 0 && settings.HubClients == 0)
            || await Setup.WaitForIdleAsync(client, partnerIds, settings.DrainTimeout, () => Stopwatch.GetElapsedTime(tracker.LastActivity) > Quiet);
        var lastAnswer = stats.LastAnswerTimestamp;
        var lastArrival = tracker.LastActivity;
        var drain = lastAnswer == 0 || lastArrival <= lastAnswer ? TimeSpan.Zero : Stopwatch.GetElapsedTime(lastAnswer, lastArrival);
        return (drained, drain);
    }

    private static async Task<Dictionary<string, PartnerHealthView>> PartnerHealthAsync(StatusGridClient client, List<string> partnerIds) =>
        partnerIds.Count == 0
            ? []
            : (await client.GetPartnersAsync(CancellationToken.None)).Where(p => partnerIds.Contains(p.Id)).ToDictionary(p => p.Id);
}
