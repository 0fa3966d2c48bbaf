"""Browser test helpers: a live server over an invented store, and a runner for node scripts.

The scripts drive Debian's chromium through npm's playwright-core; they are skipped, with the
reason, where chromium or the npm package is missing (``bash scripts/browser_setup.sh``).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from actorgraph.extract import Extractor
from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "web"))  # the invented store shared with the API tests
from web_helpers import TOKEN  # noqa: E402

CHROMIUM = os.environ.get("ACTORGRAPH_CHROMIUM", "/usr/bin/chromium")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"no browser at {CHROMIUM}: run bash scripts/browser_setup.sh (apt-get chromium)"
    if shutil.which("node") is None:
        return "no node: install Debian's nodejs to run the browser tests"
    if not (HERE / "node_modules" / "playwright-core").is_dir():
        return "playwright-core not installed: run bash scripts/browser_setup.sh (npm ci)"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serving(store: Store, extractor: Extractor | None = None) -> Iterator[str]:
    """The app over ``store`` on a free loopback port; yields its address."""
    port = _free_port()
    config = WebConfig(token=TOKEN, allowed_hosts=["127.0.0.1"])
    app = create_app(config, store=store, extractor=extractor)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


def run_node(script: str, env: dict[str, str], timeout: int = 240) -> dict[str, list[str]]:
    """Run a node script of this folder; it prints one JSON line {done, problems} last."""
    proc = subprocess.run(
        ["node", str(HERE / script)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=HERE,
    )
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    assert lines, f"no result from {script}: {proc.stdout[-2000:]} {proc.stderr[-2000:]}"
    result: dict[str, list[str]] = json.loads(lines[-1])
    assert proc.returncode == 0, f"{script} failed: {result['problems']}"
    return result
