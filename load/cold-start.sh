#!/usr/bin/env bash
# Cold start with a whole estate (issue 16's cold-start row): publishes the server as the Dockerfile does
# (ReadyToRun, framework-dependent), imports the estate once, then starts it again and again on a fresh copy of that
# database and times exec → /healthz/ready and exec → first Location PUT + ingest answered.
#   load/cold-start.sh [STARTS] [LOCATIONS]     (default 6 starts, 10,000 locations × 10 EVSEs)
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-6}
locations=${2:-10000}
app=$(mktemp -d)
trap 'rm -rf "$app"' EXIT
rid="linux-$(uname -m | sed -e 's/x86_64/x64/' -e 's/aarch64/arm64/')"
dotnet publish src/StatusGrid.Server/StatusGrid.Server.csproj -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$app" -v q -nologo >/dev/null
dotnet build -c Release load/StatusGrid.LoadDriver -v q -nologo >/dev/null
dotnet run -c Release --no-build --project load/StatusGrid.LoadDriver -- \
  coldstart --starts "$starts" --locations "$locations" --app "$app/StatusGrid.Server.dll"
