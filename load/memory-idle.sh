#!/usr/bin/env bash
# Resident memory of a silo with 100k EVSEs: after the import, with every EVSE grain active, and every 30 s while the
# idle grains are collected (IdleTimeout 2 minutes for the run) and the silo gives the memory back
# (StatusGrid:Evses:TrimAfterCollected). Live heap at the end with dotnet-gcdump when it is installed.
#   load/memory-idle.sh [LOCATIONS] [HOLD_SECONDS] [DUMP_AT]   (default 10000 locations × 10 EVSEs, 600 s: the idle
#   grains go after 2-3 minutes and the trim follows; 300 s ended before it)
# DUMP_AT (e.g. 300,1680) also takes the live heap at those seconds, to tell a leak (the live heap grows) from the GC's
# allocation budget filling between collections (RSS rises, the live heap does not). Each dump is a full collection.
set -euo pipefail
cd "$(dirname "$0")/.."
locations=${1:-10000}
hold=${2:-600}
dump_at=",${3:-},"
gcdump=$(command -v dotnet-gcdump || { [ -x ~/.dotnet/tools/dotnet-gcdump ] && echo ~/.dotnet/tools/dotnet-gcdump; } || true)
if [ "$dump_at" != ",," ] && [ -z "$gcdump" ]; then
  echo "DUMP_AT needs dotnet-gcdump: dotnet tool install -g dotnet-gcdump" >&2
  exit 2
fi
dotnet build -c Release src/StatusGrid.Server -v q -nologo >/dev/null
dotnet build -c Release load/StatusGrid.LoadDriver -v q -nologo >/dev/null
out=$(mktemp)
StatusGrid__Evses__IdleTimeout=00:02:00 dotnet run -c Release --no-build --project load/StatusGrid.LoadDriver -- \
  import --locations "$locations" --evses-per-location 10 --partners 0 --activate --hold-seconds "$hold" > "$out" 2>&1 &
driver=$!
until grep -q "holding" "$out" 2>/dev/null; do
  kill -0 $driver 2>/dev/null || { cat "$out"; exit 1; }
  sleep 2
done
grep -v '^|' "$out"
pid=$(grep -o 'server PID [0-9]*' "$out" | awk '{print $3}')
live_heap() {
  "$gcdump" collect -p "$pid" -o "$out.gcdump" >/dev/null 2>&1 || true
  echo "live heap $("$gcdump" report "$out.gcdump" 2>/dev/null | head -1 | awk '{print $1}') bytes (a forced full collection)"
  rm -f "$out.gcdump"
}
for ((s = 0; s + 30 < hold; s += 30)); do
  echo "+${s} s: RSS $(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 )) MB"
  if [[ $dump_at == *",$s,"* ]]; then
    echo "+${s} s: $(live_heap)"
  fi
  sleep 30
done
if [ -n "$gcdump" ]; then
  live_heap
fi
wait $driver || true
rm -f "$out"
