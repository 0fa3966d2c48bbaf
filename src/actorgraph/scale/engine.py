"""Batch ingest on a Dask distributed cluster.

The client reads the inputs, drops documents already stored and sends the rest in shards.
Each worker loads the pipeline once (``ExtractorPlugin``). On PostgreSQL the workers write
their shards straight to the store; on SQLite, which takes no concurrent remote writers, they
return records and the client writes them in input order, so the store ends up as a local
ingest leaves it. A shard whose worker dies is run again by Dask elsewhere and skips what its
first run stored, so nothing is lost or doubled; a rerun of the whole ingest resumes too.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from actorgraph.errors import ActorgraphError, ConfigError
from actorgraph.ingest import ReadProblem, iter_documents
from actorgraph.records import Document
from actorgraph.store.errors import StoreError
from actorgraph.store.ingest import IngestReport, Progress, available_cores, note_added
from actorgraph.store.schema import DocumentRow
from actorgraph.store.store import DEFAULT_URL, Store

if TYPE_CHECKING:
    from distributed import Client, Future

    from actorgraph.nlp import PipelineConfig

WriteMode = Literal["auto", "client", "workers"]
SHARD_SIZE = 16


class ClusterError(ConfigError):
    """Dask is missing, the scheduler cannot be reached, or the cluster gave up on a shard."""


def write_mode(url: str, write: WriteMode = "auto") -> Literal["client", "workers"]:
    """Who writes to the store: the workers on PostgreSQL, the client on SQLite."""
    if write != "auto":
        return write
    return "client" if make_url(url).get_backend_name() == "sqlite" else "workers"


@contextmanager
def dask_client(
    scheduler: str | None = None, workers: int | None = None, *, timeout: str | None = None
) -> Iterator[Client]:
    """A client of the scheduler at ``scheduler``, or of a new LocalCluster of ``workers``
    single-threaded processes (default: the available cores).

    ``timeout`` bounds the connection; by default Dask's ``distributed.comm.timeouts.connect``.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ClusterError(
            "the dask engine needs Dask distributed: pip install 'actorgraph[cluster]'"
        ) from exc
    if scheduler:
        try:
            client = Client(scheduler, **({"timeout": timeout} if timeout else {}))
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterError(
                f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(exc).split())}"
            ) from exc
        with client:
            yield client
        return
    # One thread per worker: spaCy holds the GIL, so threads would only queue.
    with (
        LocalCluster(
            n_workers=workers or available_cores(),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: clusters on one host must not collide
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def dask_ingest(
    paths: Sequence[str | Path],
    url: str | None,
    config: PipelineConfig,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Client | None = None,
    shard_size: int = SHARD_SIZE,
    published: str | None = None,
    progress: Progress | None = None,
    write: WriteMode = "auto",
) -> IngestReport:
    """Ingest ``paths`` into the store at ``url`` on a Dask cluster; the report of ``ingest``.

    ``client`` is an open Dask client to use; otherwise one is made from ``scheduler`` or a
    LocalCluster of ``workers`` processes.
    """
    if shard_size < 1:
        raise ConfigError(f"shard size must be at least 1, not {shard_size}")
    url = url or DEFAULT_URL
    items = iter_documents(paths, published=published)  # a bad --published fails before Dask
    with Store.open(url) as store:
        if client is not None:
            return _run(client, store, items, config, shard_size, progress, write_mode(url, write))
        with dask_client(scheduler, workers) as made:
            return _run(made, store, items, config, shard_size, progress, write_mode(url, write))


def _stored(store: Store, ids: list[str]) -> set[str]:
    try:
        with store._read() as s:
            return set(s.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids))))
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read store: {' '.join(str(exc).split())}") from exc


class _Run:
    """One ingest: shards in flight, written or counted in submission order."""

    def __init__(
        self,
        client: Client,
        store: Store,
        config: PipelineConfig,
        shard_size: int,
        progress: Progress | None,
        mode: Literal["client", "workers"],
    ) -> None:
        from actorgraph.scale.worker import PLUGIN, ExtractorPlugin

        self.client = client
        self.store = store
        self.config = config
        self.shard_size = shard_size
        self.progress = progress
        self.mode = mode
        self.report = IngestReport()
        self.window: deque[tuple[list[Document], Future]] = deque()
        self.pending: set[str] = set()
        self.tag = uuid.uuid4().hex[:8]
        self.shards = 0
        try:
            client.register_plugin(ExtractorPlugin(config), name=PLUGIN)
        except ActorgraphError:
            raise  # the model or a data file is unusable: the user's error, said as such
        except Exception as exc:  # whatever a remote worker raised while importing or loading
            raise ClusterError(
                "the Dask workers cannot load actorgraph's extractor "
                f"({type(exc).__name__}: {' '.join(str(exc).split())}); install actorgraph "
                "and the spaCy model in the same environment on every worker"
            ) from exc
        workers = len(client.scheduler_info().get("workers", {})) or 1
        # Two shards per worker: one running, one queued behind it.
        self.depth = 2 * workers

    def tell(self, source: str, status: Any) -> None:
        if self.progress is not None:
            self.progress(source, status)

    def submit(self, candidates: list[Document]) -> None:
        stored = _stored(self.store, [d.id for d in candidates])
        shard = []
        for document in candidates:
            if document.id in stored or document.id in self.pending:
                self.report.skipped += 1
                self.tell(document.source, "skipped")
            else:
                self.pending.add(document.id)
                shard.append(document)
        if not shard:
            return
        from actorgraph.scale.worker import extract_shard, store_shard

        self.shards += 1
        key = f"actorgraph-shard-{self.tag}-{self.shards}"
        future: Any
        if self.mode == "client":
            future = self.client.submit(extract_shard, self.config, shard, key=key)
        else:
            future = self.client.submit(store_shard, self.config, self.store.url, shard, key=key)
        self.window.append((shard, future))
        while self.window and (len(self.window) >= self.depth or self.window[0][1].done()):
            self.collect()

    def collect(self) -> None:
        from distributed.scheduler import KilledWorker

        shard, future = self.window.popleft()
        try:
            result = future.result()
        except KilledWorker as exc:
            raise ClusterError(
                f"Dask gave up on a shard of {len(shard)} documents (from "
                f"{shard[0].source}) after it killed several workers; rerun to resume"
            ) from exc
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"lost the Dask cluster: {' '.join(str(exc).split())}") from exc
        if self.mode == "client":
            for document, (record, error) in zip(shard, result, strict=True):
                if record is None:
                    self.report.failed.append(f"{document.source}: {error}")
                    self.tell(document.source, "failed")
                else:
                    added = self.store.add_record(record, document.text)
                    self.tell(document.source, note_added(self.report, added))
        else:
            for source, status, error in result:
                if status == "failed":
                    self.report.failed.append(f"{source}: {error}")
                elif status == "skipped":
                    self.report.skipped += 1
                else:
                    self.report.added += 1
                    if status == "near-duplicate":
                        self.report.near_duplicates += 1
                self.tell(source, status)
        self.pending.difference_update(d.id for d in shard)

    def cancel(self) -> None:
        self.client.cancel([future for _, future in self.window])
        self.window.clear()


def _run(
    client: Client,
    store: Store,
    items: Iterator[Document | ReadProblem],
    config: PipelineConfig,
    shard_size: int,
    progress: Progress | None,
    mode: Literal["client", "workers"],
) -> IngestReport:
    run = _Run(client, store, config, shard_size, progress, mode)
    candidates: list[Document] = []
    try:
        for item in items:
            if isinstance(item, ReadProblem):
                run.report.problems.append(str(item))
                run.tell(item.source, "unreadable")
                continue
            run.report.read += 1
            candidates.append(item)
            if len(candidates) >= shard_size:
                run.submit(candidates)
                candidates = []
        if candidates:
            run.submit(candidates)
        while run.window:
            run.collect()
    except BaseException:
        run.cancel()
        raise
    return run.report
