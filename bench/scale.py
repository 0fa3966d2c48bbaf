"""Scale benchmark: extraction, ingest engines, store size and query latency, in one run.

    python bench/scale.py [--corpus ../shared/corpus/bbc] [--docs 300]
                          [--events 10000,100000,1000000] [--queries 40] [--pg URL]

1. Extraction words/s against the bare spaCy parse of the same texts (one pass each).
2. Ingest documents/s and words/s of the same slice into fresh stores: local with 1 and 2
   processes, Dask LocalCluster with 1 and 2 workers (SQLite: the client writes), and Dask with
   2 workers writing to PostgreSQL. Each run is a fresh subprocess, so peak memory is its own.
3. Query latency (p50/p95) of ``Store.actor_profile``, ``Store.actors(search=...)`` and
   ``Store.events(actor=..., since=..., until=...)`` on synthetic stores of 10k, 100k and 1M
   events, on SQLite and PostgreSQL. The synthetic rows are bulk-inserted straight into the
   tables of ``actorgraph.store.schema`` through the driver (executemany on SQLite, COPY on
   PostgreSQL), not through ``add_record``.

PostgreSQL runs when ``--pg`` or ACTORGRAPH_TEST_PG names a server (scripts/pg_test_server.sh).
Results go to docs/performance.md between the scale markers.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- scale:begin -->", "<!-- scale:end -->"
sys.path.insert(0, str(Path(__file__).parent))


# -- helpers ------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident set. Not ``ru_maxrss``: Linux carries that across exec,
    so a child would report its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def child_peak() -> Iterator[list[float]]:
    """The largest resident set seen among this process's children, polled every 0.2 s."""
    import threading

    import psutil

    peak = [0.0]
    done = threading.Event()

    def poll() -> None:
        me = psutil.Process()
        while not done.wait(0.2):
            for child in me.children(recursive=True):
                with suppress(psutil.Error):
                    peak[0] = max(peak[0], child.memory_info().rss / 2**20)

    thread = threading.Thread(target=poll, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()


def pick_files(corpus: Path, n: int) -> list[Path]:
    """``n`` files spread evenly over the sorted corpus (the same rule as bench/throughput.py)."""
    files = sorted(corpus.rglob("*.txt"))
    step = max(1, len(files) // n)
    return files[::step][:n]


@contextmanager
def pg_database(server: str) -> Iterator[str]:
    """A throw-away database on the server at ``server``."""
    name = f"ag_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def store_bytes(url: str) -> int:
    """On-disk size of the store: the SQLite file after a WAL checkpoint, or the database."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                path = Path(sa.engine.make_url(url).database or "")
                return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
            return int(
                conn.execute(sa.text("select pg_database_size(current_database())")).scalar_one()
            )
    finally:
        engine.dispose()


# -- 1. extraction against the parse --------------------------------------------------------------


def timed_pipe(nlp: Any, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t0


def extraction_vs_parse(texts: list[str]) -> dict[str, float]:
    import spacy

    from actorgraph.nlp import PipelineConfig, load_pipeline

    words = sum(len(t.split()) for t in texts)
    base = spacy.load(PipelineConfig().model)
    full = load_pipeline(PipelineConfig())
    timed_pipe(base, texts[:10])  # warm-up
    timed_pipe(full, texts[:10])
    b = timed_pipe(base, texts)
    f = timed_pipe(full, texts)
    return {"words": words, "parse_s": b, "extract_s": f, "ratio": f / b}


# -- 2. one ingest run (in its own process) -------------------------------------------------------


def one_ingest(engine: str, workers: int, folder: Path, url: str) -> dict[str, Any]:
    """Ingest ``folder`` into ``url``; timings, memory and store size as a dict."""
    from actorgraph.nlp import PipelineConfig
    from actorgraph.store import Store, ingest

    config = PipelineConfig()
    Store.open(url).close()
    writes: list[float] = []
    add_record = Store.add_record

    def timed_add(self: Store, *a: Any, **kw: Any) -> Any:
        w0 = time.perf_counter()
        try:
            return add_record(self, *a, **kw)
        finally:
            writes.append(time.perf_counter() - w0)

    # Only this process's writes are timed: Dask workers writing to PostgreSQL are not.
    Store.add_record = timed_add  # type: ignore[method-assign]
    empty = store_bytes(url)
    stamps: list[float] = []
    t0 = time.perf_counter()
    worker_peaks: list[float] = []
    worker_cpu = 0.0
    if engine == "local":
        with Store.open(url) as store, child_peak() as children:
            if workers == 1:
                from actorgraph.extract import Extractor

                extractor: Any = Extractor(config)
            else:
                extractor = config
            report = ingest(
                [folder],
                store,
                extractor,
                workers=workers,
                progress=lambda *_: stamps.append(time.perf_counter()),
            )
        worker_peaks = [peak_rss_mb()] if workers == 1 else [children[0]]
    else:
        from actorgraph.scale import dask_client, dask_ingest

        with dask_client(workers=workers) as client:
            report = dask_ingest(
                [folder],
                url,
                config,
                client=client,
                progress=lambda *_: stamps.append(time.perf_counter()),
            )
            peaks = client.run(peak_rss_mb)
            worker_peaks = sorted(peaks.values())
            worker_cpu = sum(client.run(time.process_time).values())
    wall = time.perf_counter() - t0
    n = report.added
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + worker_cpu
    # Steady state: from the first stored document (or shard) to the last, so starting the
    # workers and loading the model are left out; a shard reports its documents at once.
    first = sum(1 for t in stamps if t <= stamps[0] + 0.005) if stamps else 0
    span = stamps[-1] - stamps[0] if stamps else 0.0
    steady = (n - first) / span if n > first and span > 0 else 0.0
    return {
        "engine": engine,
        "workers": workers,
        "backend": sa.engine.make_url(url).get_backend_name(),
        "documents": n,
        "failed": len(report.failed),
        "wall_s": wall,
        "startup_s": stamps[0] - t0 if stamps else wall,
        "steady_docs_s": steady,
        "parent_peak_mb": peak_rss_mb(),
        "worker_peak_mb": max(worker_peaks) if worker_peaks else 0.0,
        "store_bytes": store_bytes(url) - empty,
        "cpu_s": cpu,
        "write_ms": 1000 * statistics.mean(writes) if writes else None,
    }


def run_ingests(files: list[Path], pg: str | None, work: Path) -> list[dict[str, Any]]:
    folder = work / "slice"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f"{f.parent.name}-{f.name}")
    plans: list[tuple[str, int, str]] = [
        ("local", 1, "sqlite"),
        ("local", 2, "sqlite"),
        ("dask", 1, "sqlite"),
        ("dask", 2, "sqlite"),
    ]
    if pg:
        plans.append(("dask", 2, "postgresql"))
    out = []
    for engine, workers, backend in plans:
        with _url(backend, pg, work) as url:
            cmd = [sys.executable, __file__, "--one", f"{engine}:{workers}", str(folder), url]
            print(f"ingest {engine} x{workers} -> {backend}", file=sys.stderr, flush=True)
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"{' '.join(cmd[:4])} failed:\n{done.stderr[-3000:]}")
            out.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


@contextmanager
def _url(backend: str, pg: str | None, work: Path) -> Iterator[str]:
    if backend == "postgresql":
        assert pg is not None
        with pg_database(pg) as url:
            yield url
    else:
        yield f"sqlite:///{work / f'ingest-{uuid.uuid4().hex[:6]}.db'}"


# -- 3. synthetic stores and query latency --------------------------------------------------------

EVENT_TYPES = ["CONSULT", "ACCUSE", "ASSAULT", "COERCE", "COOPERATE", "SUPPORT", "PROTEST"]
ACTOR_TYPES = ["person", "organization", "state", "group", "place"]
START = date(2015, 1, 1)
DAYS = 3652


def _batches(rows: list[dict[str, Any]], size: int = 20000) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def fill_synthetic(url: str, n_events: int, seed: int = 7) -> dict[str, int]:
    """Bulk-insert a store of ``n_events`` events: one document per 5 events, one actor per 20,
    actors drawn with a Zipf-like skew (a few actors are in many events), 1.2 mentions per
    event, 2 actor mentions per event mention, one relation per 2 actors."""
    from actorgraph.kb import normalize_name
    from actorgraph.store import Store
    from actorgraph.store import schema as t

    rng = random.Random(seed)
    n_docs = max(1, n_events // 5)
    n_actors = max(50, n_events // 20)
    Store.open(url).close()  # the schema
    weights = [1 / (k + 1) ** 0.7 for k in range(n_actors)]
    now = datetime.now(UTC)
    engine = sa.create_engine(url)
    counts = {"documents": n_docs, "actors": n_actors, "events": n_events}

    raw = engine.raw_connection()
    sqlite = engine.dialect.name == "sqlite"

    def insert(table: Any, rows: list[dict[str, Any]]) -> None:
        # Straight through the driver (executemany on SQLite, COPY on PostgreSQL): SQLAlchemy's
        # per-row parameter handling would take most of the time at a million events.
        tbl = table.__table__
        cols = list(rows[0])
        conv = [_converter(tbl.c[c].type, sqlite) for c in cols]
        names = ", ".join(f'"{c}"' for c in cols)
        tuples = [tuple(f(r[c]) for f, c in zip(conv, cols, strict=True)) for r in rows]
        cur = raw.cursor()
        if sqlite:
            marks = ", ".join("?" * len(cols))
            cur.executemany(f"INSERT INTO {tbl.name} ({names}) VALUES ({marks})", tuples)
        else:
            with cur.copy(f"COPY {tbl.name} ({names}) FROM STDIN") as copy:
                for row in tuples:
                    copy.write_row(row)
        raw.commit()

    doc_ids = [f"{i:016x}" for i in range(n_docs)]
    doc_day = [rng.randrange(DAYS) for _ in range(n_docs)]
    insert(
        t.DocumentRow,
        [
            {
                "id": d,
                "source": f"synthetic/{i}.txt",
                "url": None,
                "title": f"Synthetic report {i}",
                "publisher": f"Outlet {i % 40}",
                "published": (START + timedelta(days=doc_day[i])).isoformat(),
                "published_source": "option",
                "format": "text",
                "chars": 2400,
                "schema_version": "1.0",
                "text_hash": f"{i:064x}",
                "minhash": [],
                "dup_group": d,
                "ingested_at": now,
            }
            for i, d in enumerate(doc_ids)
        ],
    )
    names = [f"Synthetic actor {k:07d}" for k in range(n_actors)]
    insert(
        t.ActorRow,
        [
            {
                "id": k + 1,
                "name": names[k],
                "norm_name": normalize_name(names[k]),
                "type": ACTOR_TYPES[k % len(ACTOR_TYPES)],
                "kb_id": None,
                "aliases": [],
            }
            for k in range(n_actors)
        ],
    )
    insert(
        t.ActorNameRow,
        [
            {"norm": normalize_name(names[k]), "type": ACTOR_TYPES[k % 5], "actor_id": k + 1}
            for k in range(n_actors)
        ],
    )
    cum = list(itertools.accumulate(weights))
    mention_id = 0
    n_emen = n_amen = 0
    # In chunks: a million events as Python dicts at once would take gigabytes.
    for lo in range(0, n_events, 50000):
        events, parts, emen, amen = [], [], [], []
        hi = min(n_events, lo + 50000)
        sources = rng.choices(range(1, n_actors + 1), cum_weights=cum, k=hi - lo)
        targets = rng.choices(range(1, n_actors + 1), cum_weights=cum, k=hi - lo)
        for e in range(lo, hi):
            doc = rng.randrange(n_docs)
            day = START + timedelta(days=max(0, doc_day[doc] - rng.randrange(4)))
            src, tgt = sources[e - lo], targets[e - lo]
            if tgt == src:
                tgt = src % n_actors + 1
            events.append(
                {
                    "id": e + 1,
                    "type": EVENT_TYPES[e % len(EVENT_TYPES)],
                    "date_value": day.isoformat(),
                    "date_precision": "day",
                    "date_lo": day,
                    "date_hi": day,
                    "status": None,
                }
            )
            parts += [
                {"event_id": e + 1, "actor_id": src, "role": "source"},
                {"event_id": e + 1, "actor_id": tgt, "role": "target"},
            ]
            docs = [doc] + ([rng.randrange(n_docs)] if rng.random() < 0.2 else [])
            for d in docs:
                mention_id += 1
                emen.append(
                    {
                        "id": mention_id,
                        "event_id": e + 1,
                        "document_id": doc_ids[d],
                        "record_id": f"e{e}",
                        "start": 0,
                        "end": 60,
                        "text": f"Synthetic sentence reporting event {e}.",
                        "sentence": 0,
                        "passages": [],
                        "modality": "asserted",
                        "date_value": day.isoformat(),
                        "date_precision": "day",
                        "date_basis": "text",
                        "confidence": 0.8,
                    }
                )
                amen += [
                    {
                        "actor_id": a,
                        "document_id": doc_ids[d],
                        "start": 0,
                        "end": 24,
                        "text": names[a - 1],
                    }
                    for a in (src, tgt)
                ]
        insert(t.EventRow, events)
        insert(t.EventActor, parts)
        insert(t.EventMentionRow, emen)
        insert(t.ActorMentionRow, amen)
        n_emen += len(emen)
        n_amen += len(amen)
    rels, rmen = [], []
    for r in range(n_actors // 2):
        head, tail = rng.randrange(1, n_actors + 1), rng.randrange(1, n_actors + 1)
        rels.append(
            {
                "id": r + 1,
                "type": "member_of" if r % 2 else "leader_of",
                "head_id": head,
                "tail_id": tail if tail != head else head % n_actors + 1,
                "status": None,
            }
        )
        rmen.append(
            {
                "relation_id": r + 1,
                "document_id": doc_ids[rng.randrange(n_docs)],
                "record_id": f"r{r}",
                "start": 0,
                "end": 40,
                "text": f"Synthetic sentence reporting relation {r}.",
                "sentence": 0,
                "modality": "asserted",
                "confidence": 0.8,
            }
        )
    insert(t.RelationRow, rels)
    insert(t.RelationMentionRow, rmen)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in ("actors", "events", "event_mentions", "relations"):
                # Explicit ids were inserted: move the sequences past them.
                conn.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM {table}))"
                )
            # VACUUM too: rows just copied in are not yet marked all-visible, so until
            # autovacuum passes, the index-only scans behind an actor's counts read the table
            # as well; a store in use has long been vacuumed.
            conn.exec_driver_sql("VACUUM (ANALYZE)")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    raw.close()
    engine.dispose()
    counts["event_mentions"] = n_emen
    counts["actor_mentions"] = n_amen
    return counts


def _converter(kind: Any, sqlite: bool) -> Callable[[Any], Any]:
    """Python value -> what the driver takes for a column of SQLAlchemy type ``kind``."""
    if isinstance(kind, sa.JSON):
        return lambda v: None if v is None else json.dumps(v)
    if isinstance(kind, sa.DateTime):
        # SQLAlchemy's own SQLite storage format, so the store reads these rows back.
        fmt = "%Y-%m-%d %H:%M:%S.%f" if sqlite else None
        return lambda v: None if v is None else (v.strftime(fmt) if fmt else v.isoformat())
    if isinstance(kind, sa.Date):
        return lambda v: None if v is None else v.isoformat()
    return lambda v: v


def latency(fn: Callable[[], object], n: int, budget_s: float) -> dict[str, float]:
    for _ in range(2):
        fn()  # warm the caches
    times: list[float] = []
    cpu: list[float] = []
    stop = time.perf_counter() + budget_s
    while len(times) < n and (len(times) < 3 or time.perf_counter() < stop):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    times.sort()
    cpu.sort()

    def p95(xs: list[float]) -> float:
        return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]

    # CPU time of this process: on SQLite all the work of a query (the database runs
    # in-process), so it shows what a query costs on a quiet machine; on PostgreSQL only the
    # client's share.
    return {
        "n": len(times),
        "p50_ms": statistics.median(times),
        "p95_ms": p95(times),
        "cpu_p50_ms": statistics.median(cpu),
        "cpu_p95_ms": p95(cpu),
    }


def query_bench(url: str, n_events: int, queries: int, budget_s: float) -> dict[str, Any]:
    from actorgraph.store import Store

    rng = random.Random(11)
    n_actors = max(50, n_events // 20)
    out: dict[str, Any] = {}
    with Store.open(url) as store:

        def profile() -> object:
            return store.actor_profile(rng.randrange(1, n_actors + 1))

        def search() -> object:
            # Seven digits of ten: matches up to ten actors, like a typed prefix of a name.
            return store.actors(search=f"synthetic actor {rng.randrange(n_actors) // 10:06d}")

        def events() -> object:
            since = START + timedelta(days=rng.randrange(DAYS - 90))
            return store.events(
                actor=rng.randrange(1, n_actors + 1), since=since, until=since + timedelta(90)
            )

        out["actor_profile"] = latency(profile, queries, budget_s)
        out["actors_search"] = latency(search, queries, budget_s)
        out["events_actor_since"] = latency(events, queries, budget_s)
        # The busiest actor (id 1, the head of the skew): what analysts open first.
        top = store.actor_profile(1)
        out["top_actor_events"] = top.event_count
        out["top_profile"] = latency(lambda: store.actor_profile(1), queries, budget_s)
        out["top_events_page"] = latency(
            lambda: store.events(actor=1, limit=PAGE), queries, budget_s
        )
        out["plans"] = explain_pages(store)
    return out


PAGE = 100  # the page the CLI and the web app ask for


def explain_pages(store: Any) -> list[str]:
    """The plans of the busiest actor's page queries, as the database reports them: each
    should read an index on (actor, event) or (actor, document), or walk the date index."""
    engine = store._reader
    pg = engine.dialect.name == "postgresql"
    statements: list[tuple[str, Any]] = []

    def after(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, params))

    sa.event.listen(engine, "after_cursor_execute", after)
    try:
        store.actor_profile(1)
        store.events(actor=1, limit=PAGE)
    finally:
        sa.event.remove(engine, "after_cursor_execute", after)
    out = []
    with engine.connect() as conn:
        for statement, params in statements:
            prefix = "EXPLAIN " if pg else "EXPLAIN QUERY PLAN "
            rows = conn.exec_driver_sql(prefix + statement, params).fetchall()
            # Costs and id lists say nothing about which index is read: left out.
            plan = [
                re.sub(r"\{[^}]*\}", "{...}", re.sub(r"  \(cost=[^)]*\)", "", str(r[0]).strip()))
                if pg
                else str(r[-1]).strip()
                for r in rows
            ]
            head = " ".join(statement.split())[:90]
            out.append(f"`{head}...`: " + "; ".join(plan))
    return out


def run_queries(
    scales: list[int],
    pg: str | None,
    work: Path,
    queries: int,
    budget_s: float,
    existing: Sequence[str] = (),
) -> list[dict[str, Any]]:
    out = []
    for spec in existing:
        # A store filled earlier by fill_synthetic: URL=EVENTS (filling 1M events takes
        # minutes; the queries are what is measured).
        url, _, n_text = spec.rpartition("=")
        n = int(n_text)
        backend = sa.engine.make_url(url).get_backend_name()
        print(f"existing synthetic store, {n:,} events -> {backend}", file=sys.stderr, flush=True)
        from actorgraph.store import Store

        Store.open(url).close()  # brings its schema up to date before the timing
        counts = {"actors": max(50, n // 20)}
        out.append(
            {"backend": backend, "events": n, "fill_s": float("nan"), "bytes": store_bytes(url)}
            | counts
            | query_bench(url, n, queries, budget_s)
        )
    for backend in ["sqlite", *(["postgresql"] if pg else [])]:
        for n in scales:
            with _url(backend, pg, work) as url:
                print(f"synthetic {n:,} events -> {backend}", file=sys.stderr, flush=True)
                t0 = time.perf_counter()
                counts = fill_synthetic(url, n)
                fill_s = time.perf_counter() - t0
                size = store_bytes(url)
                result = query_bench(url, n, queries, budget_s)
                out.append(
                    {"backend": backend, "events": n, "fill_s": fill_s, "bytes": size}
                    | counts
                    | result
                )
                if backend == "sqlite":
                    db = Path(sa.engine.make_url(url).database or "")
                    for p in db.parent.glob(db.name + "*"):
                        p.unlink()
    return out


# -- report ---------------------------------------------------------------------------------------


def machine() -> str:
    import spacy

    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        cpu = platform.processor() or platform.machine()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} "
        f"{platform.machine()}, CPython {platform.python_version()}, spaCy {spacy.__version__}, "
        f"SQLAlchemy {sa.__version__}"
    )


def render(
    args: argparse.Namespace,
    extraction: dict[str, float] | None,
    ingests: list[dict[str, Any]],
    queries: list[dict[str, Any]],
    words: int,
    pg_version: str | None,
) -> str:
    lines = [
        BEGIN,
        "## Scale: ingest engines, store size, query latency (`bench/scale.py`)",
        "",
        f"Machine: {machine()}; PostgreSQL {pg_version or 'not run'}. Run on "
        f"{datetime.now(UTC).date().isoformat()}; 1-minute load average {args.load[0]:.1f} at "
        f"the start and {os.getloadavg()[0]:.1f} at the end (other work shared the cores, so "
        "wall-clock figures are pessimistic; CPU seconds per document are not affected).",
        "",
    ]
    if extraction:
        lines += [
            f"**Extraction against the bare parse** ({args.docs} BBC articles, "
            f"{extraction['words']:,.0f} words, one pass each, batch 32): parse "
            f"{extraction['words'] / extraction['parse_s']:,.0f} words/s, extraction "
            f"{extraction['words'] / extraction['extract_s']:,.0f} words/s, ratio "
            f"{extraction['ratio']:.2f} (extraction takes {extraction['ratio'] - 1:+.0%} "
            "over the parse).",
            "",
        ]
    if ingests:
        lines += [
            f"**Ingest** of the same {args.docs} BBC articles ({words:,} words; one file in "
            f"{max(1, 2225 // args.docs)} of `{args.corpus.name}`, sorted by path) into a fresh "
            "store per run, each run a fresh process. *Steady* counts from the first stored "
            "document to the last (model loading left out); *wall* includes starting the "
            "processes or cluster and loading the model in each.",
            "",
            "| engine | workers | store | wall s | startup s | steady docs/s | words/s (wall) "
            "| CPU s per doc | write ms per doc | peak MB per worker | client MB "
            "| store MB per 1,000 docs |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in ingests:
            writer = (
                "client writes"
                if r["engine"] == "dask" and r["backend"] == "sqlite"
                else ("workers write" if r["engine"] == "dask" else "parent writes")
            )
            lines.append(
                f"| {r['engine']} | {r['workers']} | {r['backend']} ({writer}) | "
                f"{r['wall_s']:.1f} | {r['startup_s']:.1f} | {r['steady_docs_s']:.1f} | "
                f"{words / r['wall_s']:,.0f} | {r['cpu_s'] / max(1, r['documents']):.2f} | "
                f"{'-' if r['write_ms'] is None else format(r['write_ms'], '.0f')} | "
                f"{r['worker_peak_mb']:,.0f} | "
                f"{r['parent_peak_mb']:,.0f} | "
                f"{r['store_bytes'] / 2**20 / max(1, r['documents']) * 1000:,.1f} |"
            )
        lines += [
            "",
            "Peak memory is the peak resident set (VmHWM; for a local pool, polled every 0.2 s) "
            "of the largest worker process (for one local process, the process itself, which "
            "also writes), and of the process that drives the ingest. *Write ms per doc* is "
            "the mean time of `Store.add_record` "
            "in the process that writes (not measured where Dask workers write). "
            "*CPU s per doc* is all CPU time of the run (driver, "
            "scheduler, workers, model loading included) over the documents stored. Store size "
            "is the database on disk less an empty store (SQLite after a WAL checkpoint; "
            "PostgreSQL `pg_database_size`).",
            "",
        ]
    if queries:
        lines += [
            "**Query latency** on synthetic stores (bulk-inserted straight into the tables of "
            "`actorgraph.store.schema` through the driver, executemany on SQLite and COPY on "
            "PostgreSQL, not through `add_record`): one document per 5 events, one actor per "
            "20 events with a "
            "Zipf-like skew (exponent 0.7), 1.2 mentions per event, two actor mentions per event "
            "mention, one relation per two actors; events spread over 10 years. Each query is "
            f"timed {args.queries} times (fewer where a budget of {args.budget:.0f} s ran out) "
            "on actors drawn at random; `events` asks for one actor over a 90-day window.",
            "",
            "| store | events | actors | fill s | size MB | actor_profile p50/p95 ms "
            "| actors(search) p50/p95 ms | events(actor, since, until) p50/p95 ms "
            "| busiest actor: events | its profile p50/p95 ms | its events, first page of "
            f"{PAGE}, p50/p95 ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for q in queries:

            def pp(k: str, q: dict[str, Any] = q, cpu: bool = False) -> str:
                got = f"{q[k]['p50_ms']:,.1f} / {q[k]['p95_ms']:,.1f} (n={q[k]['n']})"
                if cpu and q["backend"] == "sqlite":
                    got += f"; CPU {q[k]['cpu_p50_ms']:,.1f} / {q[k]['cpu_p95_ms']:,.1f}"
                return got

            lines.append(
                f"| {q['backend']} | {q['events']:,} | {q['actors']:,} | {q['fill_s']:.0f} | "
                f"{q['bytes'] / 2**20:,.0f} | {pp('actor_profile')} | {pp('actors_search')} | "
                f"{pp('events_actor_since')} | {q['top_actor_events']:,} | "
                f"{pp('top_profile', cpu=True)} | {pp('top_events_page', cpu=True)} |"
            )
        lines += [
            "",
            "Wall-clock times move with the load on the machine; for SQLite, whose work runs "
            "in the calling process, the CPU time per query (p50 / p95) is given too: it is "
            "what the query costs when it has a core to itself. "
            f"The busiest actor's profile holds its latest {PAGE} events and documents and its "
            "counts; `events(actor=..., limit=100)` is the page `actorgraph events --actor` "
            "and the web app ask for. The plans of their queries on the largest store "
            "(`EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL):",
            "",
        ]
        for q in queries:
            if q is max(
                (x for x in queries if x["backend"] == q["backend"]), key=lambda x: x["events"]
            ):
                lines.append(f"- {q['backend']}, {q['events']:,} events:")
                lines += [f"  - {p}" for p in q["plans"]]
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_doc(block: str) -> None:
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
    if BEGIN in old:
        new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, old, flags=re.S)
    else:
        new = old.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    ap.add_argument("--docs", type=int, default=300, help="BBC articles for the ingest runs")
    ap.add_argument("--events", default="10000,100000,1000000", help="synthetic store sizes")
    ap.add_argument("--queries", type=int, default=40, help="timed queries per kind")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per query kind at most")
    ap.add_argument("--pg", default=os.environ.get("ACTORGRAPH_TEST_PG"), help="PostgreSQL URL")
    ap.add_argument("--skip", default="", help="comma list of: extraction,ingest,queries")
    ap.add_argument(
        "--existing",
        action="append",
        default=[],
        metavar="URL=EVENTS",
        help="also time the queries on a store filled before by this script (repeatable)",
    )
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--one", nargs=3, metavar=("ENGINE:N", "FOLDER", "URL"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        engine, workers = args.one[0].split(":")
        print(json.dumps(one_ingest(engine, int(workers), Path(args.one[1]), args.one[2])))
        return
    skip = set(filter(None, args.skip.split(",")))
    args.load = os.getloadavg()
    pg_version = None
    if args.pg:
        try:
            with sa.create_engine(args.pg).connect() as conn:
                pg_version = str(conn.execute(sa.text("show server_version")).scalar_one())
        except sa.exc.SQLAlchemyError as exc:
            print(f"PostgreSQL not reachable, SQLite only: {exc}", file=sys.stderr)
            args.pg = None
    files = pick_files(args.corpus, args.docs)
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory(prefix="ag-scale-") as tmp:
        work = Path(tmp)
        extraction = None if "extraction" in skip else extraction_vs_parse(texts)
        ingests = [] if "ingest" in skip else run_ingests(files, args.pg, work)
        scales = [int(x) for x in args.events.split(",") if x]
        queries = (
            []
            if "queries" in skip
            else run_queries(scales, args.pg, work, args.queries, args.budget, args.existing)
        )
    block = render(args, extraction, ingests, queries, words, pg_version)
    print(block)
    if not args.no_write:
        write_doc(block)


if __name__ == "__main__":
    main()
