#!/usr/bin/env bash
# The main job on the bundled example corpus: set up, extract every article, score the gold files.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/actorgraph extract --examples --format table
.venv/bin/actorgraph evaluate --examples --brief
