using System.Globalization;

namespace StatusGrid.LoadDriver.Chaos;

/// <summary>What one kill (or graceful stop) did to ingest, and what the checks after it found.</summary>
internal sealed record KillReport(int Number, string Kind, string Silo)
{
    /// <summary>
    /// Between the kill and the restart: first failed request (not 200) → first 200 answer to a request sent after
    /// that failure; 0 when none failed.
    /// </summary>
    public double UnavailableS { get; init; }

    /// <summary>False when no request sent after the first failure succeeded within the cycle: <see cref="UnavailableS"/> is then a lower bound.</summary>
    public bool Recovered { get; init; } = true;

    /// <summary>Requests not answered 200 after the restart began (the silo rejoining, or starting again on its own).</summary>
    public int FailedAfterRestart { get; init; }

    /// <summary>Requests not answered 200: 503 with per-item answer, other statuses, timeouts, no silo accepting.</summary>
    public int Failed { get; init; }

    public int RetryLater { get; init; }

    /// <summary>Connections refused by a down silo and sent to the next one (not failures: nothing was sent).</summary>
    public int Rerouted { get; init; }

    public int Requests { get; init; }

    public double LongestRequestS { get; init; }

    /// <summary>SIGTERM → process exit (graceful stop only).</summary>
    public double? StopS { get; init; }

    /// <summary>EVSEs whose stored state differs from the last confirmed change after the settle (must be 0).</summary>
    public int Lost { get; init; }

    public bool Settled { get; init; }

    /// <summary>Settle done → every partner holds every EVSE's latest state; null when not within the bound.</summary>
    public double? ConvergedS { get; init; }

    public long Regressions { get; init; }

    /// <summary>Ordered partners: acknowledged states not accepted in order (must be 0); null without ordered partners.</summary>
    public int? OrderedMissed { get; init; }

    /// <summary>Ordered partners: states accepted twice in a row (must be 0: the partners answer GETs, see <see cref="OrderedHistory"/>).</summary>
    public int? OrderedRepeated { get; init; }

    public bool Passed => Settled && Lost == 0 && ConvergedS is not null && Regressions == 0 && OrderedMissed is null or 0 && OrderedRepeated is null or 0;

    /// <summary>Unavailability window and counts from the requests of one cycle (times relative to the run).</summary>
    public static KillReport FromRequests(KillReport report, IReadOnlyList<RequestRecord> requests, double killedAtS, double restartedAtS)
    {
        var after = requests.Where(r => r.EndS >= killedAtS).ToList();
        var failures = after.Where(r => r.Outcome != RequestOutcome.Ok).ToList();
        var beforeRestart = failures.Where(r => r.StartS < restartedAtS).ToList();
        var window = 0.0;
        var recovered = true;
        if (beforeRestart.Count > 0)
        {
            var firstFailure = beforeRestart.Min(r => r.StartS);
            var successes = after.Where(r => r.Outcome == RequestOutcome.Ok && r.StartS > firstFailure).ToList();
            recovered = successes.Count > 0;
            window = (recovered ? successes.Min(r => r.EndS) : after.Max(r => r.EndS)) - firstFailure;
        }

        return report with
        {
            UnavailableS = window,
            Recovered = recovered,
            Failed = failures.Count,
            RetryLater = failures.Count(r => r.Outcome == RequestOutcome.RetryLater),
            FailedAfterRestart = failures.Count(r => r.StartS >= restartedAtS),
            Rerouted = after.Sum(r => r.Rerouted),
            Requests = after.Count,
            LongestRequestS = requests.Count == 0 ? 0 : requests.Max(r => r.DurationS),
        };
    }

    public const string Header = "| # | kind | silo | requests | failed (503) | of which after restart | rerouted | unavailable s | longest request s | stop s | lost | converged s | regressions | ordered: missed / repeated |\n| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Number} | {Kind} | {Silo} | {Requests} | {Failed} ({RetryLater}) | {FailedAfterRestart} | {Rerouted} | {(Recovered ? "" : "≥ ")}{UnavailableS:0.00}{(Recovered ? "" : " (no success)")} | {LongestRequestS:0.00} | {(StopS is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "–")} | {Lost}{(Settled ? "" : " (not settled)")} | {(ConvergedS is { } c ? c.ToString("0.0", CultureInfo.InvariantCulture) : "NOT within bound")} | {Regressions} | {(OrderedMissed is { } missed ? $"{missed} / {OrderedRepeated}" : "–")} |");
}
