"""An ingest killed with SIGKILL half-way loses nothing and doubles nothing on the next run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = str(Path(sys.executable).parent / "actorgraph")
TOWNS = ["Vessa", "Orlo", "Brann", "Tilde", "Marro", "Quen", "Sallow", "Peyr"]


SHARED = Path(os.environ.get("ACTORGRAPH_SHARED", Path(__file__).resolve().parents[3] / "shared"))
BBC = SHARED / "corpus" / "bbc"


def _corpus(folder: Path, n: int) -> None:
    """n real BBC articles spread over the corpus, or our own short reports without it."""
    folder.mkdir()
    files = sorted(BBC.rglob("*.txt"))
    if len(files) >= n:
        for f in files[:: len(files) // n][:n]:
            (folder / f"{f.parent.name}-{f.name}").write_bytes(f.read_bytes())
        return
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        text = (
            f"Report {i}\n\nOn day {i} of the dispute, Norland accused France of spying near "
            f"{town}. France rejected the claim, and the talks in {town} were postponed. "
            f"Officials said a further {i + 2} meetings were planned.\n"
        )
        (folder / f"doc{i:03d}.txt").write_text(text, encoding="utf-8")


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return int(conn.execute("select count(*) from documents").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not Path(CLI).exists(), reason="console script not installed")
def test_kill_mid_ingest_then_resume(tmp_path: Path) -> None:
    n = 40
    docs = tmp_path / "docs"
    _corpus(docs, n)
    db = tmp_path / "store.db"
    cmd = [CLI, "ingest", str(docs), "--db", f"sqlite:///{db}"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = _count(db)
    assert 0 < stored < n
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        ids = [row[0] for row in conn.execute("select id from documents")]
    assert len(ids) == n and len(set(ids)) == n
