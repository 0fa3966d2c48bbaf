"""Commands that never extract must not load spaCy (start-up time; issue 14).

Each check runs in a fresh interpreter, since this test process has spaCy loaded already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from actorgraph.cli import app
try:
    app(sys.argv[1:], prog_name="actorgraph")
except SystemExit as done:
    code = done.code
heavy = sorted(m for m in ("spacy", "thinc", "networkx", "fastapi") if m in sys.modules)
print("HEAVY", ",".join(heavy), "EXIT", code, file=sys.stderr)
"""


def _heavy(*args: str) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120
    )
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("HEAVY"), run.stderr
    _, heavy, _, code = last.split(" ")
    assert code in ("0", "None"), run.stdout + run.stderr
    return [m for m in heavy.split(",") if m]


def test_importing_the_command_line_loads_no_heavy_library() -> None:
    assert _heavy("--help") == []


@pytest.mark.parametrize("command", ["version", "stats --help", "actors --help", "events --help"])
def test_light_commands_do_not_load_spacy(command: str) -> None:
    assert "spacy" not in _heavy(*command.split())


@pytest.mark.parametrize("command", ["stats", "actors", "events"])
def test_store_queries_do_not_load_spacy(command: str, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'empty.db'}"
    assert "spacy" not in _heavy(command, "--db", db)


def test_the_probe_sees_spacy_when_a_command_loads_it(tmp_path: Path) -> None:
    # Guards the probe itself: extraction does load spaCy, and the probe must say so.
    text = tmp_path / "note.txt"
    text.write_text("A short note written for this test.\n", encoding="utf-8")
    assert "spacy" in _heavy("extract", str(text))
