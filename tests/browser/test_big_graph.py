"""The network view's level of detail on a big graph, in Debian's chromium (no server needed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
STATIC = HERE.parent.parent / "src/actorgraph/web/static"
CHROMIUM = os.environ.get("ACTORGRAPH_CHROMIUM", "/usr/bin/chromium")
MISSING = (
    "chromium, node or playwright-core missing: run bash scripts/browser_setup.sh"
    if not Path(CHROMIUM).exists()
    or shutil.which("node") is None
    or not (HERE / "node_modules" / "playwright-core").is_dir()
    else None
)


@pytest.mark.skipif(MISSING is not None, reason=MISSING or "")
def test_big_graph_thins_ties_and_shows_them_on_request() -> None:
    proc = subprocess.run(
        ["node", str(HERE / "big_graph.mjs")],
        env={**os.environ, "AG_STATIC": str(STATIC)},
        capture_output=True,
        text=True,
        timeout=240,
        cwd=HERE,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no result: {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
    result = json.loads(lines[-1])
    assert result["problems"] == []
    assert result["done"] == ["thinned", "click", "show all", "zoom", "small", "fold"]
    assert proc.returncode == 0
