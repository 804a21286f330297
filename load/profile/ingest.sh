# Sourced by profile.sh for `ingest`: durable ingest alone (load/StatusGrid.IngestBench, no partners, no map clients)
# against one embedded-default silo (SQLite, synchronous=FULL) started here with the profiling settings. perf records
# the server for the measured seconds but the first and the last; buckets.py divides by the changes the bench counted
# in that time (its rate times the window). There is no baseline: the forwarder stores nothing.
port=5191
admin=profile-admin-key-0123456789abcdefghij
ingest=profile-ingest-key-0123456789abcdefghi
bin="$PWD/src/StatusGrid.Server/bin/Release/net10.0"
mkdir -p "$work/data"
"${perfenv[@]}" dotnet "$bin/StatusGrid.Server.dll" --contentRoot "$bin" --urls="http://127.0.0.1:$port" \
  "--StatusGrid:Storage:ConnectionString=Data Source=$work/data/statusgrid.db" \
  "--StatusGrid:Auth:AdminApiKey=$admin" "--StatusGrid:Auth:IngestApiKey=$ingest" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 $server 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.5
done
echo "$server" > "$work/statusgrid.pid"
dotnet run -c Release --no-build --project load/StatusGrid.IngestBench -- --url "http://127.0.0.1:$port/" \
  --ingest-key "$ingest" --admin-key "$admin" --seconds "$seconds" --warmup 10 --connections "$connections" --batch "$batch" \
  > "$work/bench.txt" 2>&1 &
bench=$!
until grep -q -e '^Seeded' -e '^Locations already present' "$work/bench.txt" 2>/dev/null; do
  kill -0 $bench 2>/dev/null || { cat "$work/bench.txt"; exit 1; }
  sleep 0.2
done
# The bench's warm-up is 10 s here, not 3: without ReadyToRun (see perfenv) the JIT compiles for the first seconds,
# 12 % of a 4-s-old server's samples.
sleep 11
perf record -F $frequency -a -g -o "$work/statusgrid.data" -- sleep "$window" 2>/dev/null >/dev/null
wait $bench || true
rate=$(grep -oP '^\d+ connections x \d+: \K[\d,]+(?= changes/s)' "$work/bench.txt" | tr -d ,)
[ -n "$rate" ] || { cat "$work/bench.txt"; exit 1; }
changes=$((rate * window))
what="$what, $rate changes/s"
report statusgrid
echo "## The bench's report"
echo
grep -v '^\s*$' "$work/bench.txt" | tail -n 8
echo "(perf data and the bench's output kept in $work)"
