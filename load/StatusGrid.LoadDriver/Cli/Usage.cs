namespace StatusGrid.LoadDriver.Cli;

internal static class Usage
{
    public const string Text = """
        StatusGrid load driver (loopback only; every run bounded in time and requests)

          dotnet run -c Release --project load/StatusGrid.LoadDriver -- <command> [options]

        Commands
          run     one scenario against StatusGrid (launched from its Release build unless --target), optionally
                  also against the baseline forwarder, with ratios
          suite   the load/RESULTS.md runs: every scenario on StatusGrid and on the baseline, Markdown table
          fleet   only the mock eMSP fleet, for k6 runs (see load/k6/README.md)
          chaos   SIGKILL or SIGTERM a silo again and again during steady ingest; per kill: unavailability, failed
                  requests, longest request, and the checks (confirmed changes stored, partners converged, no regression)
          import  the admin import of a whole estate: EVSEs/s, when partners have every new Location, RSS
          soak    steady ingest with partners and dashboards for a long time; RSS, partner p99, queue depth per interval
          coldstart  a silo holding a whole estate, started again and again: exec → /healthz/ready, → first answers

        run
          --scenario steady|storm|dashboards|viewports|pull|memory   preset (default steady), then any option below overrides
          --launch statusgrid|baseline|none    what to start (default statusgrid); none needs --target
          --target http://127.0.0.1:5080[,url2]  attach to running server(s); CPU/memory via /proc if local
          --baseline                           also run the same scenario on the baseline and print ratios
          --storage sqlite|postgres  --silos N  --pg "Host=..."   StatusGrid storage (postgres: throwaway local server)
          --front-ends N                       also start N front-ends (StatusGrid:Role=FrontEnd; postgres) and send all load through them
          --map-front-ends N                   also start N front-ends that serve only the map clients (postgres)
          --nice-map-front-ends                run those at nice 19: on one machine the silos' partner pushes go first
          --server-settings "StatusGrid:Push:MaxConcurrency=32;..."  extra server configuration
          --locations N --evses-per-location N   estate (default 1000 × 10 = 10k EVSEs)
          --partners N --partner-concurrency N   mock eMSPs (default 3, max_concurrency 8)
          --delivery-mode latest|ordered[,..]  each partner's delivery_mode (ordered: store and forward, every state)
          --latency-ms a[,b,..] --jitter-ms a[,..] --error-rate f[,..]   fault injection per partner
          --rate N --seconds S --batch N --in-flight N   steady sending (changes/s, duration, changes per request)
          --clients N                          map clients on random city viewports (raw WebSocket, JSON protocol, Watch)
          --zoomed-out-clients N               map clients over the whole estate (aggregates only)
          --clients-process                    run the map clients in a child process (map-clients), not beside
                                               the sender and the mock partners; client latency is then wall clock (ms)
          --clients-nice                       the same, the child at the lowest CPU priority (nice 19): browsers are
                                               elsewhere, so the pair measures the server's map work, not the clients'
          --pairs N                            one setup, then N pairs of phases with and without the map clients
                                               (alternated order) on the same server: partner p99 ratio, CPU and memory per client
          --warmup-seconds S                   unmeasured sending first (default 10)
          --quiet-wait-seconds S               wait for other processes to go quiet first (default 120)
          --drain-seconds S                    wait for deliveries after the last ingest answer (default 60)
          --pull --pull-limit N --pullers N [--pull-token T]   partners register (credentials handshake) and GET /ocpi/2.2.1/locations page by page
          --admin-key K --ingest-key K         API keys of an attached server

        suite
          --only name1,name2   run a subset (steady-1k, steady-5k, steady-10k, storm-10k, dashboards-1000, burst-100k)
          --quick              a few seconds per scenario (smoke test of the suite itself)
          --attempts N         repeat a run disturbed by other processes (>25% of a core) up to N times (default 2)
          --storage/--silos/--pg/--server-settings   as for run

        chaos
          --kind kill|term      SIGKILL (crash) or SIGTERM (graceful, rolling: silo 1, 2, 3, ...) (default kill)
          --silos N             1 = embedded default (SQLite); more = PostgreSQL cluster (default 1)
          --kills N             kills, each followed by a restart of that silo and the checks (default 3)
          --rate N --batch N --senders N   steady ingest (default 500/s, 20 per request, 8 senders)
          --before-seconds S --down-seconds S --after-seconds S   ingest before the kill, until the restart, after it
          --converge-seconds S  bound for every partner to hold every EVSE's latest state (default 30)
          --locations N --evses-per-location N --partners N --error-rate a,b,c   (default 100 × 10, 3, 0,0,0.2)
          --delivery-mode latest|ordered[,..]   each partner's delivery_mode (default latest)
          --server-settings "k=v;..."  --orleans-defaults   (clusters get README's recommended membership and directory timing
                                unless --orleans-defaults or the keys are given)

        soak
          --seconds S --report-seconds S --rate N --clients N --silos N  (default 120 s, every 60 s, 2,000/s, 100,
                                1 silo), plus the chaos options for the estate, partners and settings

        import
          --locations N --evses-per-location N   estate (default 10,000 × 10 = 100k EVSEs)
          --files N             split into N import requests (each all or nothing; default 1)
          --activate            then one change per EVSE, so every EVSE grain is resident; RSS again
          --partners N          mock eMSPs registered before the import (default 3); --drain-seconds S bounds
                                the wait for their Location PUTs (default 90)
          --activation-drain-seconds S   bounds the wait for the PATCHes after --activate (default: --drain-seconds;
                                0: no wait)
          --storage/--silos/--pg/--server-settings   as for run

        coldstart  (load/cold-start.sh publishes ReadyToRun as the Dockerfile does, then runs this)
          --locations N --evses-per-location N   estate imported once (default 10,000 × 10 = 100k EVSEs, SQLite)
          --starts N            starts, each on a fresh copy of that database (default 6)
          --app PATH            the server dll to start (default: the Release build)

        fleet
          --partners N --base-port P --latency-ms .. --jitter-ms .. --error-rate .. --seconds S (default 3600)
        """;
}
