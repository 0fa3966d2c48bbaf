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
    """What the app asks for on opening, filtering, searching and reading: (label, path, query).
    The busiest actor, a common event type and a year are taken from the store itself."""
    top = c.get("/api/actors", params={"limit": 1}).json()["items"][0]
    events = c.get("/api/events", params={"actor": top["id"], "limit": 1}).json()["items"]
    kind = events[0]["type"] if events else "STATEMENT"
    docs = c.get("/api/documents", params={"limit": 1}).json()["items"]
    year = (docs[0]["published"] or "2005")[:4] if docs else "2005"
    word = top["name"].split()[0][:4]
    found: list[tuple[str, str, dict[str, Any]]] = [
        ("open: graph, no filter", "/api/graph", {}),
        ("open: stats", "/api/stats", {}),
        (f"filter: type {kind}", "/api/graph", {"type": kind}),
        (f"filter: since {year}", "/api/graph", {"since": year}),
        ("filter: min. 2 sources", "/api/graph", {"min_sources": 2}),
        (f"search '{word}'", "/api/search", {"q": word}),
        ("search 'a'", "/api/search", {"q": "a"}),
        ("profile of the busiest actor", f"/api/actors/{top['id']}/profile", {}),
        ("neighbourhood, 2 hops", f"/api/actors/{top['id']}/neighbourhood", {"hops": 2}),
        ("documents, first page", "/api/documents", {"limit": 200}),
        ("corrections, first page", "/api/corrections", {"limit": 200}),
    ]
    if events:
        found.append(("evidence of an event", f"/api/evidence/event/{events[0]['id']}", {}))
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
