using StatusGrid.LoadDriver.Chaos;

namespace StatusGrid.Load.Tests;

public sealed class ChaosReportTests
{
    private static RequestRecord Ok(double start, double end) => new(start, end, RequestOutcome.Ok, 0);

    [Fact]
    public void The_unavailability_window_runs_from_the_first_failure_to_the_first_success_sent_after_it()
    {
        RequestRecord[] requests =
        [
            Ok(9.0, 9.1),                                          // before the kill: not counted
            new(10.2, 13.2, RequestOutcome.RetryLater, 0),         // first failure after the kill at 10.0
            Ok(10.1, 10.3),                                        // sent before that failure: does not end the window
            new(11.0, 11.0, RequestOutcome.Failed, 2),
            Ok(11.5, 11.9),                                        // first success sent after the first failure
            new(16.0, 16.5, RequestOutcome.RetryLater, 0),         // after the restart at 15.0
        ];

        var report = KillReport.FromRequests(new KillReport(1, "SIGKILL", "silo1"), requests, killedAtS: 10.0, restartedAtS: 15.0);

        Assert.Equal(11.9 - 10.2, report.UnavailableS, 6);
        Assert.Equal(3, report.Failed);
        Assert.Equal(2, report.RetryLater);
        Assert.Equal(1, report.FailedAfterRestart);
        Assert.Equal(2, report.Rerouted);
        Assert.Equal(3.0, report.LongestRequestS, 6);
    }

    [Fact]
    public void A_cycle_without_a_success_after_the_first_failure_reports_a_lower_bound_not_nan()
    {
        RequestRecord[] requests = [Ok(9.0, 9.1), new(10.5, 11.0, RequestOutcome.RetryLater, 0), new(12.0, 14.0, RequestOutcome.Failed, 0)];

        var report = KillReport.FromRequests(new KillReport(7, "SIGKILL", "silo1"), requests, killedAtS: 10.0, restartedAtS: 15.0);

        Assert.Equal(14.0 - 10.5, report.UnavailableS, 6);
        Assert.False(report.Recovered);
        Assert.Contains("≥ 3.50 (no success)", report.Row(), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", report.Row(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_kill_without_failures_has_no_window()
    {
        var report = KillReport.FromRequests(new KillReport(1, "SIGTERM", "silo2"), [Ok(1, 2), Ok(3, 3.5)], 1.5, 2.5);

        Assert.Equal(0, report.UnavailableS);
        Assert.Equal(0, report.Failed);
    }

    [Fact]
    public void The_ledger_resends_an_unconfirmed_change_unchanged_and_moves_on_only_after_confirmation()
    {
        var ledger = new EvseLedger(1);
        ledger.Initial(0, EvseLedger.Available, 1_000);

        var first = ledger.Next(0, nowMs: 5_000);
        Assert.Equal((EvseLedger.Charging, 5_000L), first);
        Assert.Equal(first, ledger.Next(0, nowMs: 9_000));   // a retry: same status, same observed_at
        Assert.Equal((EvseLedger.Available, 1_000L), ledger.Acked(0));

        ledger.Confirm(0);
        Assert.Equal(first, ledger.Acked(0));
        Assert.False(ledger.HasPending(0));
        Assert.Equal((EvseLedger.Available, 5_001L), ledger.Next(0, nowMs: 4_000));   // never older than the last one
    }
}
