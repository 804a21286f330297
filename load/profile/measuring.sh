# Sourced by profile.sh and allocations.sh. wait_for_measuring DRIVER_PID DRIVER_OUTPUT [N]: returns once the driver
# has printed its Nth "  measuring:" line (default 1; with --baseline, 1 is StatusGrid's phase and 2 the baseline's),
# so a profiler attaches to the measured phase only. If the driver ends first, prints its output and exits 1.
wait_for_measuring() {
  local driver=$1 output=$2 nth=${3:-1}
  until [ "$(grep -c '  measuring:' "$output" 2>/dev/null || true)" -ge "$nth" ] 2>/dev/null; do
    kill -0 "$driver" 2>/dev/null || { cat "$output"; exit 1; }
    sleep 0.2
  done
}
