#!/usr/bin/env bash
# Runs the model-based delivery check (tests/StatusGrid.Grains.Tests/Delivery/ModelBasedTests.cs) at a size of your
# choosing: seeded random ingest, location edits, partner deactivations and a silo kill against a two-silo in-process
# cluster and a misbehaving OCPI partner. Usage: load/model-check.sh [operations] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
export STATUSGRID_MODEL_OPERATIONS="${1:-1000000}"
if [[ $# -ge 2 ]]; then export STATUSGRID_MODEL_SEED="$2"; fi
dotnet test tests/StatusGrid.Grains.Tests --filter "FullyQualifiedName~ModelBasedTests" --logger "console;verbosity=detailed"
