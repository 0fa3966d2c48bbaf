#!/usr/bin/env bash
# The test suite: lint, format check, type check, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check src tests bench scripts
.venv/bin/ruff format --check src tests bench scripts
.venv/bin/mypy
# A throw-away PostgreSQL server so the store tests run on both backends (skipped if it cannot
# be installed, e.g. without root on a developer machine).
eval "$(bash scripts/pg_test_server.sh)"
# Debian's chromium and npm's playwright-core for the browser tests (skipped, saying why, if
# they cannot be installed).
bash scripts/browser_setup.sh
.venv/bin/pytest "$@"
