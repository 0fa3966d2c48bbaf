"""Dask ingest: the same graph as a local ingest; a killed worker loses and doubles nothing."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import dask
import pytest
import sqlalchemy as sa
from scale_helpers import SLICE, snapshot, stored_ids
from typer.testing import CliRunner

from actorgraph.errors import ConfigError
from actorgraph.extract import Extractor
from actorgraph.nlp import PipelineConfig
from actorgraph.scale import ClusterError, dask_client, dask_ingest, write_mode
from actorgraph.store import IngestReport


def test_a_dask_ingest_stores_what_a_local_ingest_stores(
    bbc_slice: Path,
    extractor: Extractor,
    reference: dict[str, Any],
    cluster_client: Any,
    db_url: str,
) -> None:
    statuses: list[str] = []
    report = dask_ingest(
        [bbc_slice],
        db_url,
        extractor.config,
        client=cluster_client,
        shard_size=3,
        progress=lambda source, status: statuses.append(status),
    )
    assert (report.read, report.added, report.skipped, report.failed) == (SLICE, SLICE, 0, [])
    assert sorted(statuses) == ["added"] * SLICE
    assert snapshot(db_url) == reference
    rerun = dask_ingest([bbc_slice], db_url, extractor.config, client=cluster_client)
    assert (rerun.read, rerun.added, rerun.skipped) == (SLICE, 0, SLICE)
    assert snapshot(db_url) == reference


def _counter(url: str) -> Callable[[], int]:
    """A cheap count of stored documents, polled while an ingest runs."""
    engine = sa.create_engine(url)

    def count() -> int:
        try:
            with engine.connect() as conn:
                return int(conn.execute(sa.text("select count(*) from documents")).scalar_one())
        except sa.exc.SQLAlchemyError:  # the store is being created
            return 0

    return count


def test_killing_a_worker_mid_ingest_loses_nothing_and_doubles_nothing(
    bbc_slice: Path,
    extractor: Extractor,
    reference: dict[str, Any],
    cluster_client: Any,
    db_url: str,
) -> None:
    cluster_client.wait_for_workers(2, timeout=120)
    result: list[IngestReport | BaseException] = []

    def run() -> None:
        try:
            result.append(
                dask_ingest(
                    [bbc_slice], db_url, extractor.config, client=cluster_client, shard_size=1
                )
            )
        except BaseException as exc:
            result.append(exc)

    count = _counter(db_url)
    thread = threading.Thread(target=run)
    thread.start()
    deadline = time.monotonic() + 120
    busy: list[str] = []
    stored_at_kill = 0
    # Wait for the first stored document, then kill a worker that is running a shard.
    while thread.is_alive() and time.monotonic() < deadline:
        stored_at_kill = count()
        if stored_at_kill >= 1:
            busy = [w for w, keys in cluster_client.processing().items() if keys]
            if busy:
                break
        time.sleep(0.01)
    assert busy and stored_at_kill < SLICE, "the ingest ended before a worker could be killed"
    pids = cluster_client.run(os.getpid)
    os.kill(pids[busy[0]], signal.SIGKILL)
    thread.join(timeout=300)
    assert not thread.is_alive()
    [report] = result
    assert isinstance(report, IngestReport), report
    assert report.read == SLICE and report.added + report.skipped == SLICE
    ids = stored_ids(db_url)
    assert len(ids) == len(set(ids)) == SLICE
    assert pids[busy[0]] not in cluster_client.run(os.getpid).values()
    # Mentions are counted per document: a shard written twice would show here.
    assert snapshot(db_url)["stats"] == reference["stats"]


def test_an_unreachable_scheduler_is_a_cluster_error() -> None:
    with (
        pytest.raises(ClusterError, match="cannot reach the Dask scheduler"),
        dask_client("tcp://127.0.0.1:9", timeout="1s"),
    ):
        pass


def test_without_dask_the_engine_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ClusterError, match=r"actorgraph\[cluster\]"), dask_client():
        pass


def test_the_writer_follows_the_backend() -> None:
    assert write_mode("sqlite:///x.db") == "client"
    assert write_mode("postgresql+psycopg://u@h/db") == "workers"
    assert write_mode("postgresql+psycopg://u@h/db", "client") == "client"


def test_cli_reports_an_unreachable_scheduler_in_one_line(tmp_path: Path) -> None:
    from actorgraph.cli import app

    (tmp_path / "a.txt").write_text("Norland accused France of spying.\n", encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        out = CliRunner().invoke(
            app,
            [
                "ingest",
                str(tmp_path / "a.txt"),
                "--db",
                f"sqlite:///{tmp_path / 's.db'}",
                "--engine",
                "dask",
                "--scheduler",
                "tcp://127.0.0.1:9",
            ],
        )
    assert out.exit_code == ClusterError.exit_code
    assert "cannot reach the Dask scheduler" in out.output


def test_a_missing_model_is_a_config_error(
    bbc_slice: Path, cluster_client: Any, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="not installed"):
        dask_ingest(
            [bbc_slice],
            f"sqlite:///{tmp_path / 'store.db'}",
            PipelineConfig(model="no_such_spacy_model"),
            client=cluster_client,
        )
