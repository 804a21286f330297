#!/usr/bin/env bash
# Runs the model-based delivery check (tests/StatusGrid.Grains.Tests/Delivery/ModelBasedTests.cs) at a size of your
# choosing: seeded random ingest, location edits, partner deactivations and a silo kill against a two-silo in-process
# cluster and a misbehaving OCPI partner. Usage: load/model-check.sh [operations] [seed] [latest|ordered|both]
set -euo pipefail
cd "$(dirname "$0")/.."
export STATUSGRID_MODEL_OPERATIONS="${1:-1000000}"
if [[ $# -ge 2 && -n "$2" ]]; then export STATUSGRID_MODEL_SEED="$2"; fi
case "${3:-both}" in
  latest) filter="FullyQualifiedName~Random_operations&DisplayName~Latest" ;;
  ordered) filter="FullyQualifiedName~Random_operations&DisplayName~Ordered" ;;
  both) filter="FullyQualifiedName~ModelBasedTests" ;;
  *) echo "mode must be latest, ordered or both" >&2; exit 2 ;;
esac
dotnet test tests/StatusGrid.Grains.Tests --filter "$filter" --logger "console;verbosity=detailed"
