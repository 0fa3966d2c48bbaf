"""The API calls the web app makes while an analyst works, timed on a real store: the first
(cold) answer and the median and slowest of the repeats (warm), in process (no network).

    .venv/bin/python bench/web_api.py --db sqlite:///bbc.db [--repeats 20] [--write]

``--write`` puts the table in docs/web.md between its ``web-api`` markers. Run it alone on
the machine: the figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from actorgraph.store import Store
from actorgraph.web.app import WebConfig, create_app

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs/web.md"
BEGIN, END = "<!-- web-api:begin -->", "<!-- web-api:end -->"


def calls(c: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    """Every read the app makes on opening, filtering, brushing, searching, reading and
    analysing: (label, path, query). The busiest actors, a common event type, a year and a
    document are taken from the store itself."""
    top, second = c.get("/api/actors", params={"limit": 2}).json()["items"][:2]
    events = c.get("/api/events", params={"actor": top["id"], "limit": 1}).json()["items"]
    kind = events[0]["type"] if events else "STATEMENT"
    dated = [e for e in c.get("/api/events", params={"limit": 5000}).json()["items"] if e["date"]]
    year = dated[len(dated) // 2]["date"][:4] if dated else "2005"
    docs = c.get("/api/documents", params={"limit": 1}).json()["items"]
    word = top["name"].split()[0][:4]
    kb = (top.get("kb_id") or "").split("-")[0]
    found: list[tuple[str, str, dict[str, Any]]] = [
        ("open: graph, no filter", "/api/graph", {}),
        ("open: stats", "/api/stats", {}),
        ("open: saved views", "/api/views", {}),
        (f"filter: type {kind}", "/api/graph", {"type": kind}),
        (f"filter: since {year}", "/api/graph", {"since": year}),
        (
            f"filter: since {year}, keep undated",
            "/api/graph",
            {"since": year, "include_undated": 1},
        ),
        ("filter: min. 2 sources", "/api/graph", {"min_sources": 2}),
        ("filter: min. confidence 0.5", "/api/graph", {"min_confidence": 0.5}),
        (
            f"brush: {year}-01 to {year}-06",
            "/api/graph",
            {"since": f"{year}-01", "until": f"{year}-06"},
        ),
        (f"search '{word}'", "/api/search", {"q": word}),
        ("search 'a'", "/api/search", {"q": "a"}),
        (f"search KB id '{kb}'", "/api/search", {"q": kb or word}),
        ("actor by name (merge box)", f"/api/actors/{second['name']}", {}),
        ("profile of the busiest actor", f"/api/actors/{top['id']}/profile", {}),
        ("neighbourhood, 2 hops", "/api/graph", {"focus": top["id"], "hops": 2}),
        ("expand: two actors, 1 hop", "/api/graph", {"focus": f"{top['id']},{second['id']}"}),
        ("documents, first page", "/api/documents", {"limit": 200}),
        ("audit trail, first page", "/api/audit", {"limit": 200}),
        (
            "path between the two busiest",
            "/api/paths",
            {"source": top["id"], "target": second["id"]},
        ),
        ("analysis: brokers", "/api/analytics/brokers", {"limit": 15}),
        ("analysis: most central", "/api/analytics/centrality", {"limit": 15}),
        ("analysis: communities", "/api/analytics/communities", {"limit": 12}),
        ("analysis: possible duplicates", "/api/duplicates", {"limit": 100}),
        ("export: GEXF of the view", "/api/export/gexf", {}),
    ]
    if events:
        found.append(("evidence of an event", f"/api/evidence/event/{events[0]['id']}", {}))
        found.append(("one event (a rejected one's panel)", f"/api/events/{events[0]['id']}", {}))
    if docs:
        found.append(("read a document", f"/api/documents/{docs[0]['id']}/read", {}))
    return found


def measure(db: str, repeats: int) -> list[tuple[str, float, float, float]]:
    with Store.open(db) as store, TestClient(create_app(WebConfig(), store=store)) as c:
        rows = []
        for label, path, params in calls(c):
            t0 = time.perf_counter()
            r = c.get(path, params=params)
            cold = time.perf_counter() - t0
            if r.status_code == 404:
                continue  # a route this version lacks (the baseline)
            assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:200]}"
            warm = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                c.get(path, params=params)
                warm.append(time.perf_counter() - t0)
            rows.append((label, cold * 1000, statistics.median(warm) * 1000, max(warm) * 1000))
        return rows


def table(db: str, rows: list[tuple[str, float, float, float]], repeats: int) -> str:
    with Store.open(db) as store:
        s = store.stats()
    lines = [
        f"Store: {s.documents:,} documents, {s.actors:,} actors, {s.events:,} events, "
        f"{s.relations:,} relations. {repeats} warm repeats per call, in process "
        f"({platform.python_implementation()} {platform.python_version()}, shared machine).",
        "",
        "| call | first (ms) | warm median (ms) | warm slowest (ms) |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {label} | {c:,.0f} | {m:,.1f} | {w:,.1f} |" for label, c, m, w in rows]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--repeats", type=int, default=20)
    ap.add_argument("--write", action="store_true", help="update docs/web.md")
    args = ap.parse_args()
    text = table(args.db, measure(args.db, args.repeats), args.repeats)
    print(text)
    if args.write:
        doc = DOC.read_text(encoding="utf-8")
        block = f"{BEGIN}\n{text}\n{END}"
        pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
        doc = pattern.sub(lambda _m: block, doc) if BEGIN in doc else f"{doc}\n{block}\n"
        DOC.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()
