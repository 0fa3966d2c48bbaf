"""Browser tests: Debian's chromium, driven by npm's playwright-core, against a live server.

Skipped, with the reason, where chromium or the npm package is missing
(``bash scripts/browser_setup.sh`` installs both).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_helpers import missing, run_node
from web_helpers import TOKEN

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")


def test_click_through_the_app(server: str, tmp_path: Path) -> None:
    shots = Path(os.environ.get("ACTORGRAPH_SCREENSHOTS", tmp_path / "shots"))
    result = run_node("app.mjs", {"AG_BASE": server, "AG_TOKEN": TOKEN, "AG_SHOTS": str(shots)})
    assert result["problems"] == []
    assert result["done"] == [
        "network",
        "search+profile",
        "evidence",
        "time filter",
        "map",
        "merge",
        "upload",
        "xss",
    ]
    assert (shots / "evidence.png").stat().st_size > 10_000
