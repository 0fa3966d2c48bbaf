#!/usr/bin/env bash
# Create ./.venv and install actorgraph with its dev tools. Safe to run again: it only installs
# what is missing. Everything comes from PyPI; nothing is downloaded at run time afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip setuptools wheel
fi
stamp=.venv/.actorgraph-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
# An editable install leaves the package's own modules without bytecode, and where
# PYTHONDONTWRITEBYTECODE is set (CI images, containers) every run would compile them again:
# about 0.2 s of each start. Compile them once here (only what changed since the last time).
.venv/bin/python -m compileall -q src/actorgraph >/dev/null
