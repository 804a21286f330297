#!/usr/bin/env bash
# Long fuzz run of the real host: the suite's HostFuzzTests with more generated hostile requests.
#   load/fuzz/run.sh [requests]      (default 100000; the test suite runs 3000)
# Prints the count of requests sent and the answers by HTTP status; fails on any 5xx or if the server stops answering.
set -euo pipefail
cd "$(dirname "$0")/../.."
requests="${1:-100000}"
STATUSGRID_FUZZ_REQUESTS="$requests" dotnet test tests/StatusGrid.Server.Tests -c Release \
  --filter "FullyQualifiedName~StatusGrid.Server.Tests.Security.HostFuzzTests" \
  --logger "console;verbosity=detailed" | grep -E "hostile requests|Passed|Failed|answered"
