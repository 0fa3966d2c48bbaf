"""The store commands as a user runs them: ingest twice, then count and query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


def _ingest_corpus(tmp_path: Path) -> str:
    corpus = Path(__file__).parents[1] / "store" / "corpus"
    db = f"sqlite:///{tmp_path / 'store.db'}"
    kb = str(Path(__file__).parents[1] / "fixtures" / "test-kb.yaml")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--kb", kb])
    assert result.exit_code == 0, result.output
    return db


def test_profile_evidence_corrections_and_formats(tmp_path: Path) -> None:
    db = _ingest_corpus(tmp_path)
    profile = json.loads(
        runner.invoke(app, ["actor", "Tomas Varga", "--db", db, "-f", "json"]).stdout
    )
    assert profile["actor"]["name"] == "Tomas Varga"
    assert profile["events"], "the meeting is in his profile"
    meeting = profile["events"][0]
    assert meeting["sources"] == 2
    table = runner.invoke(app, ["actor", "Tomas Varga", "--db", db])
    assert table.exit_code == 0 and "Elena Brook" in table.stdout
    ev = runner.invoke(app, ["evidence", "event", str(meeting["id"]), "--db", db, "-f", "json"])
    passages = json.loads(ev.stdout)
    assert len(passages) == 2 and all("Vessa" in p["text"] for p in passages)
    rows = runner.invoke(app, ["events", "--db", db, "-f", "csv"]).stdout.splitlines()
    assert rows[0].startswith("id,date,type") and len(rows) >= 2
    # a correction, logged, and the rejected event leaves the default listing
    reject = runner.invoke(
        app,
        ["correct", "reject", "event", str(meeting["id"]), "--db", db, "--author", "ana"],
    )
    assert reject.exit_code == 0, reject.output
    ids = {
        json.loads(x)["id"] for x in runner.invoke(app, ["events", "--db", db]).stdout.splitlines()
    }
    assert meeting["id"] not in ids
    log = json.loads(runner.invoke(app, ["corrections", "--db", db, "-f", "json"]).stdout)
    assert [(c["kind"], c["author"]) for c in log] == [("set_status", "ana")]


def test_merge_from_the_command_line(tmp_path: Path) -> None:
    db = _ingest_corpus(tmp_path)
    people = [
        json.loads(x)
        for x in runner.invoke(app, ["actors", "--db", db, "--type", "person"]).stdout.splitlines()
    ]
    assert len(people) >= 2
    keep, other = people[0], people[1]
    done = runner.invoke(
        app, ["correct", "merge", str(keep["id"]), str(other["id"]), "--db", db, "--author", "t"]
    )
    assert done.exit_code == 0, done.output
    left = {
        json.loads(x)["id"] for x in runner.invoke(app, ["actors", "--db", db]).stdout.splitlines()
    }
    assert other["id"] not in left and keep["id"] in left


def test_unknown_actor_is_a_one_line_error(tmp_path: Path) -> None:
    db = _ingest_corpus(tmp_path)
    result = runner.invoke(app, ["actor", "Nobody At All", "--db", db])
    assert result.exit_code == 4
    assert "no actor" in result.output and "Traceback" not in result.output
    bad = runner.invoke(app, ["correct", "type", "Tomas Varga", "planet", "--db", db])
    assert bad.exit_code == 4 and "unknown actor type" in bad.output


def test_reextract_replaces_records_and_keeps_corrections(tmp_path: Path) -> None:
    db = _ingest_corpus(tmp_path)
    corpus = Path(__file__).parents[1] / "store" / "corpus"
    kb = str(Path(__file__).parents[1] / "fixtures" / "test-kb.yaml")
    (meeting,) = [
        json.loads(x)
        for x in runner.invoke(app, ["events", "--db", db, "--type", "CONSULT"]).stdout.splitlines()
    ]
    runner.invoke(app, ["correct", "reject", "event", str(meeting["id"]), "--db", db])
    before = json.loads(runner.invoke(app, ["stats", "--db", db]).stdout)
    again = runner.invoke(
        app, ["ingest", str(corpus), "--db", db, "--kb", kb, "--reextract", "--workers", "1"]
    )
    assert again.exit_code == 0, again.output
    report = json.loads(again.stdout.strip().splitlines()[-1])
    assert (report["reextracted"], report["skipped"], report["added"]) == (2, 0, 0)
    assert json.loads(runner.invoke(app, ["stats", "--db", db]).stdout) == before
    shown = runner.invoke(app, ["events", "--db", db, "--type", "CONSULT", "--include-rejected"])
    (still,) = [json.loads(x) for x in shown.stdout.splitlines()]
    assert still["id"] == meeting["id"] and still["status"] == "rejected"
    dask = runner.invoke(
        app, ["ingest", str(corpus), "--db", db, "--reextract", "--engine", "dask"]
    )
    assert dask.exit_code == 3 and "local engine" in dask.output


def test_events_of_one_actor_come_a_page_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.cli import store as store_cli

    docs = tmp_path / "docs"
    docs.mkdir()
    for n, verb in enumerate(
        ["accused Norland of spying", "condemned Norland", "threatened Norland"]
    ):
        (docs / f"{n}.txt").write_text(f"France {verb} on Tuesday.\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    kb = str(Path(__file__).parents[1] / "fixtures" / "test-kb.yaml")
    assert runner.invoke(app, ["ingest", str(docs), "--db", db, "--kb", kb]).exit_code == 0
    every = [json.loads(x) for x in runner.invoke(app, ["events", "--db", db]).stdout.splitlines()]
    counts: dict[int, int] = {}
    for e in every:
        for a in {*e["source"], *e["target"]}:
            counts[a] = counts.get(a, 0) + 1
    busiest, n = max(counts.items(), key=lambda kv: kv[1])
    assert n >= 2, "the corpus has an actor in two events or more"
    # No --limit: one page (here of one event), and a note says how to go on.
    monkeypatch.setattr(store_cli, "ACTOR_PAGE", 1)
    pages = []
    for offset in range(n):
        got = runner.invoke(
            app, ["events", "--db", db, "--actor", str(busiest), "--offset", str(offset)]
        )
        assert got.exit_code == 0, got.output
        assert len(got.stdout.splitlines()) == 1
        assert f"--offset {offset + 1}" in got.stderr
        pages.append(json.loads(got.stdout)["id"])
    assert pages == [e["id"] for e in every if busiest in {*e["source"], *e["target"]}]
    # An explicit --limit is obeyed, without the note; without --actor nothing is cut.
    full = runner.invoke(app, ["events", "--db", db, "--actor", str(busiest), "--limit", str(n)])
    assert len(full.stdout.splitlines()) == n and not full.stderr
    assert len(runner.invoke(app, ["events", "--db", db]).stdout.splitlines()) == len(every)
