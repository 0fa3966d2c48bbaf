#!/usr/bin/env bash
# The main job on the bundled example corpus: set up, extract every article, score the gold
# files, then store the articles and open the analyst's web app on them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/actorgraph extract --examples --format table
.venv/bin/actorgraph evaluate --examples --brief

# The knowledge store of the examples (rerun-safe: stored articles are skipped).
mkdir -p out
DB="sqlite:///out/examples.db"
.venv/bin/actorgraph ingest "src/actorgraph/data/examples/*.txt" \
  "src/actorgraph/data/examples/*.html" --db "$DB"
.venv/bin/actorgraph report --db "$DB" --title "Example corpus" -o out/examples-brief.html
if [ "${DEMO_NO_SERVE:-}" = "1" ]; then
  exit 0
fi
# Corrections and uploads need a token: one is made up for this session unless you set one.
export ACTORGRAPH_TOKEN="${ACTORGRAPH_TOKEN:-$(.venv/bin/python -c 'import secrets; print(secrets.token_hex(8))')}"
PORT="${PORT:-8000}"
echo
echo "Web app:   http://127.0.0.1:${PORT}/   (API docs at /docs)"
echo "Token for corrections and uploads: ${ACTORGRAPH_TOKEN}"
echo "Offline brief: out/examples-brief.html"
exec .venv/bin/actorgraph serve --db "$DB" --port "$PORT"
