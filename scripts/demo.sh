#!/usr/bin/env bash
# Set up, then build the bundled demo corpus and print/write its timeline.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/dateline demo --out "${1:-dateline-demo}"
