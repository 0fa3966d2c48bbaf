"""Writers running at once: two stores on one database naming the same new actor."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from store_helpers import make_record

from actorgraph.store import Store
from actorgraph.store.errors import StoreError

TEXT_A = "Ilse Marrow of the Korrin Assembly spoke in Tavel on Friday."
TEXT_B = "In Tavel, Ilse Marrow of the Korrin Assembly answered questions."
SPECS: Any = [
    ("a1", "Ilse Marrow", "person", None),
    ("a2", "Korrin Assembly", "organization", None),
]


def _hold_after_first_actor_lookup(names: set[str]) -> Any:
    """An engine hook that makes the named threads wait for each other right after their first
    look-up of stored actors: without a write lock both would then find no actor and both
    insert one. With the lock the second writer never gets there while the first holds it; the
    first one's wait times out and it goes on alone."""
    barrier = threading.Barrier(len(names))
    waited: set[str] = set()

    def hook(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        me = threading.current_thread().name
        if me in names and me not in waited and "FROM actors" in statement:
            waited.add(me)
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=1.5)

    return hook


def test_concurrent_writers_file_one_new_actor(db_url: str) -> None:
    Store.open(db_url).close()  # the schema first, so both threads only write
    records = [
        (make_record(t, SPECS, source=f"{i}.txt"), t) for i, t in enumerate([TEXT_A, TEXT_B])
    ]
    hook = _hold_after_first_actor_lookup({"writer-0", "writer-1"})
    errors: list[BaseException] = []

    def write(i: int) -> None:
        try:
            with Store.open(db_url) as store:
                store.add_record(*records[i])
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,), name=f"writer-{i}") for i in range(2)]
    sa.event.listen(sa.engine.Engine, "before_cursor_execute", hook)
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
    finally:
        sa.event.remove(sa.engine.Engine, "before_cursor_execute", hook)
    assert not errors, errors
    with Store.open(db_url) as store:
        assert store.stats().documents == 2
        marrow = store.actors(search="Ilse Marrow")
        assert [(a.name, a.documents) for a in marrow] == [("Ilse Marrow", 2)]
        assert [a.documents for a in store.actors(search="Korrin Assembly")] == [2]


def test_sqlite_busy_store_is_one_clear_error(tmp_path: Path, monkeypatch: Any) -> None:
    import actorgraph.store.engines as engines

    monkeypatch.setattr(engines, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "busy.db"
    with Store.open(f"sqlite:///{path}") as store:
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # another writer that does not let go
        try:
            with pytest.raises(StoreError) as info:
                store.add_record(make_record(TEXT_A, SPECS), TEXT_A)
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        store.add_record(make_record(TEXT_A, SPECS), TEXT_A)  # free again: it goes through
        assert store.stats().documents == 1
    message = str(info.value)
    assert "busy" in message and "\n" not in message


def test_many_processes_opening_a_new_store_at_once_all_succeed(db_url: str) -> None:
    # Each thread opens its own engine, like a process would: without the open lock, several
    # created tables, stamped or migrated the new store at once, and some failed.
    # SQLite serialises every writer on one file lock, and its busy timeout (30 s) can run out
    # on a loaded 2-core CI machine while 8 threads share one interpreter: 4 still race.
    opened = 4 if db_url.startswith("sqlite") else 8
    barrier = threading.Barrier(opened)
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            barrier.wait(timeout=30)
            Store.open(db_url).close()
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(opened)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    engine.dispose()
