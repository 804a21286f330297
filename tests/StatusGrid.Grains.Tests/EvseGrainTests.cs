using Microsoft.Extensions.DependencyInjection;
using Orleans.Core.Internal;
using StatusGrid.Contracts.Evses;
using StatusGrid.Contracts.Locations;
using StatusGrid.Grains.Evses;
using StatusGrid.Grains.Tests.Fakes;
using StatusGrid.Ocpi.Locations;

namespace StatusGrid.Grains.Tests;

public sealed class EvseGrainTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private IClusterClient Client => fixture.Cluster.Client;

    private async Task<IEvseGrain> EvseAsync(string locationId)
    {
        await Client.GetGrain<ILocationGrain>(EvseKey.Location(locationId)).Put(SampleLocations.Create(locationId, evses: 1));
        return Client.GetGrain<IEvseGrain>(EvseKey.Evse(locationId, $"{locationId}-E1"));
    }

    [Fact]
    public async Task Repeated_status_is_a_no_op()
    {
        var evse = await EvseAsync("DUP-1");

        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        var writes = fixture.Cluster.Storage.StatusWrites;
        Assert.Equal(StatusReportOutcome.Duplicate, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0.AddSeconds(5))));

        var snapshot = await evse.GetSnapshot();
        Assert.Equal(EvseStatus.Charging, snapshot!.Status);
        Assert.Equal(T0, snapshot.LastUpdated);
        Assert.Equal(2, snapshot.Version); // 1 from the put, 2 from the change
        Assert.Equal(writes, fixture.Cluster.Storage.StatusWrites);
    }

    [Fact]
    public async Task Older_report_is_ignored()
    {
        var evse = await EvseAsync("OOO-1");

        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0.AddMinutes(2))));
        Assert.Equal(StatusReportOutcome.Stale, await evse.ReportStatus(new StatusReport(EvseStatus.OutOfOrder, T0.AddMinutes(1))));

        var snapshot = await evse.GetSnapshot();
        Assert.Equal(EvseStatus.Charging, snapshot!.Status);
        Assert.Equal(T0.AddMinutes(2), snapshot.LastUpdated);
        var stored = await fixture.Cluster.Storage.ReadAsync("OOO-1", "OOO-1-E1");
        Assert.Equal(EvseStatus.Charging, stored!.Status);
    }

    [Fact]
    public async Task A_repeated_status_keeps_a_late_report_out_after_the_grain_is_deactivated()
    {
        var evse = await EvseAsync("HOR-2");
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        Assert.Equal(StatusReportOutcome.Duplicate, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0.AddSeconds(10))));

        // Idle collection, a graceful shutdown or a rebalance: the next report meets a new activation.
        await evse.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(StatusReportOutcome.Stale, await evse.ReportStatus(new StatusReport(EvseStatus.Available, T0.AddSeconds(5))));
        Assert.Equal(EvseStatus.Charging, (await evse.GetSnapshot())!.Status);
    }

    [Fact]
    public async Task A_definition_whose_state_write_failed_is_kept_when_the_location_is_put_again()
    {
        // The document repeats CHARGING at T0+10 s, so partners get that stamp in the Location PUT and a report observed
        // before it is history. The write of that horizon failed, the CPO put the Location again and it succeeded; the
        // activation had kept the horizon in memory only, so after it was collected a report observed at T0+5 s went
        // out as a PATCH older than the PUT partners already held.
        var evse = await EvseAsync("DWF-1");
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        var location = Client.GetGrain<ILocationGrain>(EvseKey.Location("DWF-1"));
        var document = SampleLocations.Create("DWF-1", evses: 1);
        document = document with { Evses = [document.Evses![0] with { Status = EvseStatus.Charging, LastUpdated = T0.AddSeconds(10) }] };
        fixture.Cluster.Storage.FailingEvseWrites[evse.GetPrimaryKeyString()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => location.Put(document));
        await location.Put(document);
        await evse.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(StatusReportOutcome.Stale, await evse.ReportStatus(new StatusReport(EvseStatus.Available, T0.AddSeconds(5))));
        Assert.Equal(EvseStatus.Charging, (await evse.GetSnapshot())!.Status);
    }

    [Fact]
    public async Task A_silo_counts_the_evse_grains_it_holds_in_memory()
    {
        var evse = await EvseAsync("CNT-1");
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        var before = HeldEvses();

        await evse.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(() => HeldEvses() == before - 1, "the deactivated EVSE grain to be counted out");
        Assert.Equal(EvseStatus.Charging, (await evse.GetSnapshot())!.Status);
        Assert.Equal(before, HeldEvses());
    }

    private long HeldEvses() => fixture.Cluster.Cluster.Silos.Sum(s =>
        fixture.Cluster.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<EvseActivations>().Count);

    [Fact]
    public async Task Unknown_evse_is_reported_as_such()
    {
        var evse = Client.GetGrain<IEvseGrain>(EvseKey.Evse("NOPE", "NOPE-E1"));
        Assert.Equal(StatusReportOutcome.UnknownEvse, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
    }

    [Fact]
    public async Task Keys_are_case_insensitive_like_ocpi_cistrings()
    {
        await EvseAsync("Case-1");
        var evse = Client.GetGrain<IEvseGrain>(EvseKey.Evse("CASE-1", "case-1-e1"));
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Blocked, T0)));
        var stored = await fixture.Cluster.Storage.ReadAsync("Case-1", "Case-1-E1");
        Assert.Equal(EvseStatus.Blocked, stored!.Status);
    }

    [Fact]
    public async Task Evse_id_resolves_to_its_evse()
    {
        await EvseAsync("EID-1");
        var address = await Client.GetGrain<IEvseIdGrain>(EvseKey.EvseId("nl*sgr*eEID1E1")).Resolve();
        Assert.Equal(new EvseAddress("EID-1", "EID-1-E1"), address);
    }

    [Fact]
    public async Task An_evse_id_moved_while_its_write_failed_resolves_to_the_new_evse_once_assigned_again()
    {
        // The move was kept in memory only, and the retry found it already there: after the grain was collected the
        // evse_id led reports (OCPP, ingest by evse_id) to the EVSE it had left.
        var evseId = Client.GetGrain<IEvseIdGrain>(EvseKey.EvseId("NL*SGR*EMOVE1"));
        await evseId.Assign(new EvseAddress("MOV-1", "MOV-1-E1"));
        fixture.Cluster.Storage.FailingGrainWrites[evseId.GetGrainId()] = true;

        await Assert.ThrowsAnyAsync<Exception>(() => evseId.Assign(new EvseAddress("MOV-2", "MOV-2-E1")));
        await evseId.Assign(new EvseAddress("MOV-2", "MOV-2-E1"));
        await evseId.Cast<IGrainManagementExtension>().DeactivateOnIdle();

        Assert.Equal(new EvseAddress("MOV-2", "MOV-2-E1"), await evseId.Resolve());
    }

    [Fact]
    public async Task A_repeated_status_advances_the_stale_horizon_so_a_late_report_cannot_undo_it()
    {
        var evse = await EvseAsync("HOR-1");

        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        Assert.Equal(StatusReportOutcome.Duplicate, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0.AddSeconds(10))));

        // Observed before the repeated CHARGING: the charger said CHARGING after it, so AVAILABLE is history.
        Assert.Equal(StatusReportOutcome.Stale, await evse.ReportStatus(new StatusReport(EvseStatus.Available, T0.AddSeconds(5))));
        var snapshot = await evse.GetSnapshot();
        Assert.Equal(EvseStatus.Charging, snapshot!.Status);
        Assert.Equal(T0, snapshot.LastUpdated); // a repeat is not a change: last_updated stays at the change
    }

    [Fact]
    public async Task Changes_observed_at_the_same_time_apply_in_arrival_order_each_published_after_the_last()
    {
        // OCPP 1.6 timestamps often have whole seconds: Preparing then Charging in one second is normal. A partner
        // orders by last_updated, so two states with one stamp would leave it holding whichever arrived first.
        var evse = await EvseAsync("TIE-1");

        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Available, T0)));
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Blocked, T0)));

        var snapshot = await evse.GetSnapshot();
        Assert.Equal(EvseStatus.Blocked, snapshot!.Status);
        Assert.Equal(T0.AddMilliseconds(2), snapshot.LastUpdated);
        Assert.Equal(T0.AddMilliseconds(2), (await fixture.Cluster.Storage.ReadAsync("TIE-1", "TIE-1-E1"))!.LastUpdated);

        // A later observation is published at its own time again.
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0.AddSeconds(1))));
        Assert.Equal(T0.AddSeconds(1), (await evse.GetSnapshot())!.LastUpdated);
    }

    [Fact]
    public async Task A_retried_report_does_not_bring_back_a_status_replaced_at_the_same_observation_time()
    {
        // The sender retries CHARGING (its answer was lost) after AVAILABLE, observed at the same time, was applied.
        var evse = await EvseAsync("TIE-2");
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        Assert.Equal(StatusReportOutcome.Applied, await evse.ReportStatus(new StatusReport(EvseStatus.Available, T0)));

        Assert.Equal(StatusReportOutcome.Stale, await evse.ReportStatus(new StatusReport(EvseStatus.Charging, T0)));
        Assert.Equal(EvseStatus.Available, (await evse.GetSnapshot())!.Status);

        // A new activation knows only the stored stamp (just after T0): everything observed at T0 is history to it.
        await evse.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        Assert.Equal(StatusReportOutcome.Stale, await evse.ReportStatus(new StatusReport(EvseStatus.Blocked, T0)));
        Assert.Equal(EvseStatus.Available, (await evse.GetSnapshot())!.Status);
    }
}
