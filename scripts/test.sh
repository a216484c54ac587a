#!/usr/bin/env bash
# Set up, then run the whole test suite (lint included). PostgreSQL and browser tests run
# when Debian's postgresql and chromium are installed (.ci/run installs them) and skip otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DATELINE_TEST_POSTGRES:-}" ]; then
  eval "$(bash scripts/pg-server.sh)"
fi
.venv/bin/ruff check src tests benchmarks scripts
.venv/bin/python -m pytest -q "$@"
