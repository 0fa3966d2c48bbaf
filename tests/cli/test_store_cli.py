"""The store commands as a user runs them: ingest twice, then count and query."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from actorgraph.cli import app

runner = CliRunner()


def test_ingest_is_idempotent_and_queries_answer(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "Norland talks\n\nTomas Varga met Elena Brook in Vessa on Monday.\n", encoding="utf-8"
    )
    (docs / "b.txt").write_text(
        "France and Norland\n\nFrance accused Norland of spying on Tuesday.\n", encoding="utf-8"
    )
    db = f"sqlite:///{tmp_path / 'store.db'}"
    kb = str(Path(__file__).parents[1] / "fixtures" / "test-kb.yaml")
    first = runner.invoke(app, ["ingest", str(docs), "--db", db, "--kb", kb])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout.strip().splitlines()[-1])["added"] == 2
    before = json.loads(runner.invoke(app, ["stats", "--db", db]).stdout)
    again = runner.invoke(app, ["ingest", str(docs), "--db", db, "--kb", kb])
    assert json.loads(again.stdout.strip().splitlines()[-1])["skipped"] == 2
    assert json.loads(runner.invoke(app, ["stats", "--db", db]).stdout) == before
    assert before["documents"] == 2 and before["events"] >= 2
    lines = runner.invoke(app, ["events", "--db", db, "--type", "ACCUSE"]).stdout.splitlines()
    assert [json.loads(x)["type"] for x in lines] == ["ACCUSE"]
    people = runner.invoke(app, ["actors", "--db", db, "--type", "person"]).stdout.splitlines()
    assert {json.loads(x)["name"] for x in people} >= {"Tomas Varga", "Elena Brook"}


def test_unusable_database_is_a_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", "nosuchdialect://x"])
    assert result.exit_code == 4
    assert "Traceback" not in result.output
