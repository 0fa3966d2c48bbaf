"""The analyze, path and export commands on the invented world (thin shells over the library)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from actorgraph.cli import app

runner = CliRunner()


def test_analyze_brokers_json(world_url: str) -> None:
    got = runner.invoke(app, ["analyze", "brokers", "--db", world_url, "-f", "json"])
    assert got.exit_code == 0, got.output
    rows = json.loads(got.stdout)
    assert rows[0]["score"] >= rows[-1]["score"]
    assert {"actor", "score", "constraint", "betweenness"} <= set(rows[0])


def test_analyze_tables_and_csv(world_url: str) -> None:
    for command in ("centrality", "communities", "snapshots"):
        got = runner.invoke(app, ["analyze", command, "--db", world_url])
        assert got.exit_code == 0, (command, got.output)
    got = runner.invoke(app, ["analyze", "centrality", "--db", world_url, "-f", "csv"])
    header = got.stdout.splitlines()[0].split(",")
    assert header[:2] == ["actor.id", "actor.name"]
    got = runner.invoke(app, ["analyze", "ego", "Carl Dorn", "--db", world_url, "-f", "json"])
    assert json.loads(got.stdout)["center"]["name"] == "Carl Dorn"


def test_path_shows_evidence(world_url: str) -> None:
    got = runner.invoke(app, ["path", "Boris Lant", "Red Front", "--db", world_url])
    assert got.exit_code == 0, got.output
    assert "2 ties" in got.stdout
    assert "Anna Kell leads the Red Front" in got.stdout
    assert "https://wire.example/talks" in got.stdout


def test_errors_are_one_line_with_exit_codes(world_url: str, tmp_path: Path) -> None:
    got = runner.invoke(app, ["path", "Boris Lant", "Nobody Known", "--db", world_url])
    assert got.exit_code == 4 and "no actor" in got.output
    got = runner.invoke(app, ["export", "-f", "xls", "--db", world_url])
    assert got.exit_code == 3 and "unknown export format" in got.output
    got = runner.invoke(
        app, ["analyze", "centrality", "--since", "2022", "--until", "2021", "--db", world_url]
    )
    assert got.exit_code == 4


def test_export_to_file_and_stdout(world_url: str, tmp_path: Path) -> None:
    out = tmp_path / "world.graphml"
    got = runner.invoke(
        app, ["export", "-f", "graphml", "-o", str(out), "--db", world_url, "--no-relations"]
    )
    assert got.exit_code == 0, got.output
    g = nx.read_graphml(out, force_multigraph=True)
    assert not any(k.startswith("r") for *_, k in g.edges(keys=True))
    got = runner.invoke(app, ["export", "-f", "csv", "--db", world_url, "--type", "assault"])
    assert got.stdout.count("\n") == 2  # header and the one attack
