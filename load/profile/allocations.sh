#!/usr/bin/env bash
# What a status change allocates, by type: a driver scenario against StatusGrid with dotnet-trace attached to the
# server for a window of the measured phase (the runtime's AllocationTick events, one per ~100 KB allocated, and the
# GC's start and pause events), then load/StatusGrid.AllocationReport divides by the changes the window saw.
#   load/profile/allocations.sh [RATE] [SECONDS] [WINDOW_SECONDS]   (default 1000 changes/s for 40 s, traced for
#                                                                    15 s from the phase's 8th second: 10,000 EVSEs,
#                                                                    3 partners, 10 map clients, as `suite`'s steady)
# Installs dotnet-trace into load/.tools when it is not on PATH. Builds in Release.
set -euo pipefail
cd "$(dirname "$0")/../.."
. load/profile/measuring.sh
rate=${1:-1000}; seconds=${2:-40}; window=${3:-15}; skip=8
if ! command -v dotnet-trace >/dev/null; then
  [ -x load/.tools/dotnet-trace ] || dotnet tool install dotnet-trace --tool-path load/.tools >/dev/null
  PATH="$PWD/load/.tools:$PATH"
fi
dotnet build -c Release src/StatusGrid.Server -v q -nologo >/dev/null # the driver launches this build
dotnet build -c Release load/StatusGrid.LoadDriver -v q -nologo >/dev/null
dotnet build -c Release load/StatusGrid.AllocationReport -v q -nologo >/dev/null
work=$(mktemp -d)
dotnet run -c Release --no-build --project load/StatusGrid.LoadDriver -- \
  run --scenario steady --rate "$rate" --seconds "$seconds" > "$work/driver.txt" 2>&1 &
driver=$!
wait_for_measuring $driver "$work/driver.txt"
sleep $skip
pid=$(pgrep -n -f StatusGrid.Server.dll) || { echo "no StatusGrid.Server.dll process" >&2; exit 1; }
# 0x1 = the GC keyword; level 5 (verbose) adds AllocationTick.
dotnet-trace collect -p "$pid" --providers "Microsoft-Windows-DotNETRuntime:0x1:5" \
  --duration "00:00:00:$(printf '%02d' "$window")" -o "$work/server.nettrace" > "$work/trace.txt" 2>&1
wait $driver || true
echo "## StatusGrid (pid $pid): $window s of $rate changes/s, traced from the phase's ${skip}th second"
echo
dotnet load/StatusGrid.AllocationReport/bin/Release/net10.0/StatusGrid.AllocationReport.dll \
  "$work/server.nettrace" $((rate * window)) 25
echo
echo "## The driver's report"
echo
grep -v '^\s*$' "$work/driver.txt" | grep -v '^|' | tail -n 14
echo "(trace and the driver's output kept in $work)"
