"""Store writer benchmark: time ``Store.add_record`` per document on SQLite and PostgreSQL.

    python bench/store_write.py [--label after] [--corpus ../shared/corpus/bbc] [--docs 100]
                                [--cache /tmp/actorgraph-store-write.json] [--pg URL] [--repeat 3]

The 8 bundled examples and ``--docs`` BBC articles are extracted once and cached as JSON, so
every run (before and after a store change) files the very same records. Each repeat files
them in order into a fresh store; the table keeps the best repeat's mean, so other work on the
shared cores weighs less. SQL statements per document are counted with an engine listener.

Results go to docs/performance.md between the store-write markers; rows of other labels
already there are kept, so a "before" and an "after" run end up in one table. To measure older
code, put a copy of its ``src`` first on the path:
``PYTHONPATH=/tmp/old/src python bench/store_write.py --label before``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).parent))
from scale import pg_database

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- store-write:begin -->", "<!-- store-write:end -->"
DATA = "<!-- store-write-data "


def pick_files(corpus: Path, n: int) -> list[Path]:
    """``n`` files spread evenly over the sorted corpus (the rule of bench/scale.py)."""
    files = sorted(corpus.rglob("*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


def build_cache(cache: Path, corpus: Path, n: int) -> None:
    from actorgraph.extract import Extractor
    from actorgraph.ingest import read_file

    root = ROOT / "src" / "actorgraph" / "data" / "examples"
    paths = sorted(p for p in root.iterdir() if p.suffix in (".txt", ".html"))
    if corpus.is_dir():
        paths += pick_files(corpus, n)
    extractor = Extractor()
    items = []
    for path in paths:
        for document in read_file(path, published="2020-01-01"):
            record = extractor.extract(document)
            items.append({"text": document.text, "record": record.model_dump(mode="json")})
    cache.write_text(json.dumps(items))


@contextmanager
def store_url(backend: str, server: str | None) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
    else:
        assert server
        with pg_database(server) as url:
            yield url


def run_once(url: str, items: list[tuple[Any, str]]) -> tuple[list[float], float, int]:
    """Seconds per ``add_record``, this process's CPU seconds and the SQL statements of them
    all, into a fresh store."""
    from actorgraph.store import Store

    statements = [0]

    def count(*_args: Any) -> None:
        statements[0] += 1

    times: list[float] = []
    cpu = 0.0
    with Store.open(url) as store:
        sa.event.listen(sa.engine.Engine, "before_cursor_execute", count)
        try:
            for record, text in items:
                t0, c0 = time.perf_counter(), time.process_time()
                store.add_record(record, text)
                times.append(time.perf_counter() - t0)
                cpu += time.process_time() - c0
        finally:
            sa.event.remove(sa.engine.Engine, "before_cursor_execute", count)
    return times, cpu, statements[0]


def measure(backend: str, server: str | None, items: list[tuple[Any, str]], repeat: int) -> dict:
    best: tuple[list[float], float, int] | None = None
    for _ in range(repeat):
        with store_url(backend, server) as url:
            run = run_once(url, items)
        if best is None or statistics.fmean(run[0]) < statistics.fmean(best[0]):
            best = run
    assert best is not None
    times, cpu, statements = best
    ordered = sorted(times)
    return {
        "backend": backend,
        "docs": len(times),
        "mean_ms": statistics.fmean(times) * 1000,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
        "total_s": sum(times),
        "cpu_ms": cpu / len(times) * 1000,
        "statements_per_doc": statements / len(times),
    }


def write_doc(label: str, rows: list[dict], meta: str) -> None:
    text = DOC.read_text()
    data: dict[str, Any] = {}
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        section, tail = rest.split(END, 1)
        for line in section.splitlines():
            if line.startswith(DATA):
                data = json.loads(line[len(DATA) : -len(" -->")])
    else:
        head, tail = text.rstrip("\n") + "\n\n", "\n"
    data[label] = {"rows": rows, "meta": meta}
    lines = [
        BEGIN,
        "## Store writes (`bench/store_write.py`)",
        "",
        "`Store.add_record` per document, filing the same cached records (the 8 bundled",
        "examples and 100 BBC articles, extracted once) in order into a fresh store; best mean",
        "of the repeats. *CPU ms* is the CPU time of the writing process per document (without",
        "the database server's); *statements* counts every SQL statement sent per document.",
        "The machine is shared, so absolute times move with the load; compare rows measured",
        "back to back (the notes give the load of each).",
        "",
        "| code | store | docs | mean ms | median ms | p95 ms | CPU ms | total s | statements |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, entry in data.items():
        for r in entry["rows"]:
            lines.append(
                f"| {name} | {r['backend']} | {r['docs']} | {r['mean_ms']:.1f} | "
                f"{r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['cpu_ms']:.1f} | "
                f"{r['total_s']:.2f} | {r['statements_per_doc']:.1f} |"
            )
    lines.append("")
    lines.extend(f"- *{name}*: {entry['meta']}" for name, entry in data.items())
    lines.append("")
    lines.append(DATA + json.dumps(data) + " -->")
    lines.append(END)
    DOC.write_text(head + "\n".join(lines) + tail)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--label", default="current")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    ap.add_argument("--docs", type=int, default=100)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/actorgraph-store-write.json"))
    ap.add_argument("--pg", default=os.environ.get("ACTORGRAPH_TEST_PG"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-doc", action="store_true", help="print only, leave docs/ alone")
    args = ap.parse_args()

    from actorgraph.records import ExtractionRecord

    if not args.cache.exists():
        print(f"extracting into {args.cache} ...", file=sys.stderr)
        build_cache(args.cache, args.corpus, args.docs)
    items = [
        (ExtractionRecord.model_validate(i["record"]), i["text"])
        for i in json.loads(args.cache.read_text())
    ]
    backends = ["sqlite"] + (["postgresql"] if args.pg else [])
    rows = [measure(b, args.pg, items, args.repeat) for b in backends]
    for r in rows:
        print(json.dumps(r))
    load = os.getloadavg()[0]
    meta = (
        f"{datetime.now(UTC):%Y-%m-%d}, {os.cpu_count()} cores, CPython "
        f"{platform.python_version()}, SQLAlchemy {sa.__version__}, "
        f"1-minute load average {load:.1f} at the end"
    )
    if not args.no_doc:
        write_doc(args.label, rows, meta)


if __name__ == "__main__":
    main()
