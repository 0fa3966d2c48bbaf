"""Exports of the invented world: golden files, and each format read back by its own reader.

Regenerate the golden files after a deliberate change with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/export`` and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import networkx as nx
import pytest
import stix2
from lxml import etree
from stix2validator import ValidationOptions, validate_string

from actorgraph.errors import ConfigError
from actorgraph.export import FORMATS, SUFFIX, export, render
from actorgraph.graph import FactSet
from actorgraph.graph.build import fact_graph
from actorgraph.store import Store

GOLDEN = Path(__file__).parent / "golden"
GEXF_NS = "{http://www.gexf.net/1.2draft}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(world: Store, fmt: str) -> None:
    got = export(world, fmt)
    path = GOLDEN / f"world-{fmt}{SUFFIX[fmt]}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8"), f"{path.name} differs; see module doc"


def test_same_store_same_bytes(world: Store) -> None:
    assert export(world, "stix") == export(world, "stix")
    assert export(world, "gexf") == export(world, "gexf")


def test_unknown_format(world: Store) -> None:
    with pytest.raises(ConfigError, match="unknown export format"):
        export(world, "xls")


def _keys(g: nx.DiGraph) -> tuple[set[str], set[tuple[str, str, str]]]:
    """Nodes and (source, target, edge id); GEXF gives a simple graph when no pair repeats."""
    if g.is_multigraph():
        return set(g.nodes), {(str(u), str(v), str(k)) for u, v, k in g.edges(keys=True)}
    return set(g.nodes), {(str(u), str(v), str(d["id"])) for u, v, d in g.edges(data=True)}


def test_graphml_reads_back(facts: FactSet) -> None:
    back = nx.read_graphml(io.BytesIO(render(facts, "graphml").encode()), force_multigraph=True)
    assert _keys(back) == _keys(fact_graph(facts))
    assert {d["name"] for _, d in back.nodes(data=True)} >= {"Anna Kell", "Eve Falk"}
    edge = next(d for *_, d in back.edges(data=True) if d["type"] == "CONSULT")
    assert isinstance(edge["weight"], int) and isinstance(edge["modalities"], str)


def test_gexf_reads_back_and_is_dynamic(facts: FactSet) -> None:
    text = render(facts, "gexf")
    back = nx.read_gexf(io.BytesIO(text.encode()))
    assert _keys(back) == _keys(fact_graph(facts))
    # Structure as Gephi expects it (no GEXF schema file is available offline to validate with).
    root = etree.fromstring(text.encode())
    graph = root.find(f"{GEXF_NS}graph")
    assert graph is not None
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    assert [c.tag for c in graph] == [
        f"{GEXF_NS}attributes",
        f"{GEXF_NS}attributes",
        f"{GEXF_NS}nodes",
        f"{GEXF_NS}edges",
    ]
    declared = {a.get("id") for a in graph.iter(f"{GEXF_NS}attribute")}
    for value in graph.iter(f"{GEXF_NS}attvalue"):
        assert value.get("for") in declared
    events = [e for e in graph.iter(f"{GEXF_NS}edge") if e.get("id", "").startswith("e")]
    assert events and all(e.get("start") and e.get("end") for e in events)
    assert all(e.get("start") <= e.get("end") for e in events)
    relation = next(e for e in graph.iter(f"{GEXF_NS}edge") if e.get("id", "").startswith("r"))
    assert relation.get("start") is None  # undated: present all along
    falk = next(n for n in graph.iter(f"{GEXF_NS}node") if n.get("label") == "Eve Falk")
    assert (falk.get("start"), falk.get("end")) == ("2021-01-01", "2021-02-01")


def test_json_reads_back(facts: FactSet) -> None:
    data = json.loads(render(facts, "json"))
    back = nx.node_link_graph(data, edges="edges")
    assert _keys(back) == _keys(fact_graph(facts))
    assert {d["id"] for d in data["documents"]} == set(facts.documents)


def test_stix_parses_and_validates(facts: FactSet) -> None:
    text = render(facts, "stix")
    results = validate_string(text, ValidationOptions())
    assert results.is_valid, [str(e) for r in [results] for e in r.errors]
    bundle = stix2.parse(text, allow_custom=True)
    by_type: dict[str, list[object]] = {}
    for obj in bundle.objects:
        by_type.setdefault(obj["type"], []).append(obj)
    assert len(by_type["report"]) == len(facts.documents)
    assert len(by_type["x-actorgraph-event"]) == len(facts.events)
    assert len(by_type["relationship"]) == len(facts.relations)
    assert len(by_type["extension-definition"]) == 2
    names = {o["name"]: o["type"] for o in bundle.objects if "name" in o}
    assert names["Red Front"] == "threat-actor"  # an armed non-state sector
    assert names["Orvik"] == "location"
    assert names["Anna Kell"] == "identity"
    ids = {o["id"] for o in bundle.objects}
    for report in by_type["report"]:
        assert set(report["object_refs"]) <= ids  # type: ignore[index]
    # Timestamps come from document dates, not from the clock.
    assert min(str(o["created"]) for o in bundle.objects if "created" in o).startswith("2020-03")


def test_plover_lines_parse(facts: FactSet, world: Store) -> None:
    lines = export(world, "plover").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(facts.events)
    for rec in records:
        assert {"id", "date", "actor", "recipient", "event"} <= set(rec)
        assert rec["event"][0] in {e.type for e in facts.events}
    meeting = next(r for r in records if r["event"] == ["CONSULT"] and r["num_sources"] == 2)
    assert meeting["event_loc"]["lat"] == 61.5
    assert len(meeting["event_text"]) == 2
    assert meeting["quad_code"] == 1
    assert meeting["actor"][0]["code"] in {"NOR", "SWE"}
    attack = next(r for r in records if r["event"] == ["ASSAULT"])
    assert (attack["date"], attack["enddate"]) == ("2020-07-01", "2020-07-31")


def test_csv_rows_parse(facts: FactSet) -> None:
    rows = list(csv.DictReader(io.StringIO(render(facts, "csv"))))
    assert len(rows) == len(facts.events)
    meeting = next(r for r in rows if r["NumSources"] == "2")
    assert meeting["EventCode"] == "040" and meeting["QuadClass"] == "1"
    assert meeting["ActionGeo_FullName"] == "Orvik"
    assert meeting["SourceURLs"].split() == [
        "https://news.example/kell-lant",
        "https://wire.example/talks",
    ]
    attack = next(r for r in rows if r["PloverType"] == "ASSAULT")
    assert (attack["Actor1Name"], attack["Actor1Type1Code"]) == ("Red Front", "REB")
    assert attack["QuadClass"] == "4" and attack["GoldsteinScale"] == "-10.0"
