#!/usr/bin/env bash
# Where each change's CPU goes: a driver scenario against StatusGrid and then the baseline forwarder, with
# `perf record` on each target's process for a window of its measured phase; load/profile/buckets.py charges each
# sample to a component and divides by the changes the window saw.
#   load/profile/profile.sh steady [RATE] [SECONDS] [WINDOW_SECONDS]   (default 5000 changes/s for 30 s, perf 15 s
#                                                                       from the phase's 5th second)
#   load/profile/profile.sh burst [WINDOW_SECONDS]                     (100,000 EVSEs, one change each at once; perf
#                                                                       from the burst's start, default 30 s: ingest
#                                                                       and delivery to the 3 partners)
#   load/profile/profile.sh ingest [CONNECTIONS] [BATCH] [SECONDS]      (durable ingest alone: load/StatusGrid.IngestBench,
#                                                                       default 4 connections x 100 changes, 15 s,
#                                                                       against one embedded-default silo started here;
#                                                                       no partners, no baseline: perf for the measured
#                                                                       seconds but the first and last)
# Needs perf (Debian: linux-perf) and kernel.perf_event_paranoid <= 2 for your own processes. Builds in Release.
set -euo pipefail
cd "$(dirname "$0")/../.."
. load/profile/measuring.sh
scenario=${1:-steady}
case "$scenario" in
  steady)
    rate=${2:-5000}; seconds=${3:-30}; window=${4:-15}; skip=5
    args=(run --scenario steady --rate "$rate" --seconds "$seconds" --baseline)
    changes=$((rate * window)); what="$window s of $rate changes/s" ;;
  burst)
    window=${2:-30}; skip=0
    args=(run --scenario memory --baseline)
    changes=100000; what="the first $window s of a burst of 100,000 changes (ingest and delivery)" ;;
  ingest)
    connections=${2:-4}; batch=${3:-100}; seconds=${4:-15}; window=$((seconds - 2)); skip=0
    what="$window s of durable ingest ($connections connections x $batch changes)" ;;
  *) echo "usage: $0 steady [RATE] [SECONDS] [WINDOW] | burst [WINDOW] | ingest [CONNECTIONS] [BATCH] [SECONDS]" >&2; exit 2 ;;
esac
frequency=499
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 2; }
dotnet build -c Release src/StatusGrid.Server -v q -nologo >/dev/null
work=$(mktemp -d)
# The runtime writes /tmp/perf-<pid>.map for its JIT-compiled code, which perf uses to name managed frames; perf
# cannot follow code through the runtime's W^X double mapping, and precompiled (ReadyToRun) framework code is not in
# the map, so both are off for the profiled processes: hot methods are re-compiled at tier 1 either way.
perfenv=(env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0)

report() { # after the measured run is done, so decoding the samples takes no CPU from a measured phase
  perf script -F comm,tid,ip,sym,dso --pid "$(cat "$work/$1.pid")" -i "$work/$1.data" 2>/dev/null > "$work/$1.txt"
  echo "## $1 (pid $(cat "$work/$1.pid")): $what"
  echo
  python3 load/profile/buckets.py --frequency $frequency --changes $changes < "$work/$1.txt"
  echo
}

if [ "$scenario" = ingest ]; then
  dotnet build -c Release load/StatusGrid.IngestBench -v q -nologo >/dev/null
  . load/profile/ingest.sh
  exit
fi
dotnet build -c Release load/StatusGrid.Baseline -v q -nologo >/dev/null
dotnet build -c Release load/StatusGrid.LoadDriver -v q -nologo >/dev/null
"${perfenv[@]}" dotnet run -c Release --no-build \
  --project load/StatusGrid.LoadDriver -- "${args[@]}" > "$work/driver.txt" 2>&1 &
driver=$!

profile() { # $1: which "measuring" line (1 StatusGrid, 2 baseline), $2: the target's dll, $3: its name
  wait_for_measuring $driver "$work/driver.txt" "$1"
  sleep $skip
  local pid
  pid=$(pgrep -n -f "$2") || { echo "no $2 process" >&2; exit 1; }
  echo "$pid" > "$work/$3.pid"
  # System-wide (-a) and filtered by pid afterwards: following one process (-p) opens an event per thread, and with
  # the silo's hundred-odd threads perf took half a core and pushed the server's partner p99 from 22 ms to 1.8 s.
  perf record -F $frequency -a -g -o "$work/$3.data" -- sleep "$window" 2>/dev/null >/dev/null
}

profile 1 StatusGrid.Server.dll statusgrid
profile 2 StatusGrid.Baseline.dll baseline
wait $driver || true
report statusgrid
report baseline
echo "## The driver's report"
echo
grep -v '^\s*$' "$work/driver.txt" | tail -n 40
echo "(perf data and the driver's output kept in $work)"
