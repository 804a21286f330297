#!/usr/bin/env bash
# Type-checks the k6 scripts against the pinned @types/k6 (k6 itself is not installed here).
# Used by tests/StatusGrid.Load.Tests; runnable by hand from anywhere.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install tsc --noEmit -p .
echo "k6 scripts type-check OK"
