"""Database engines for the store: the default URL, SQLite set up for one writer at a time, and
database errors worded for users. Shared by the store and its migrations.

Example:
    >>> reader, writer = make_engines("sqlite://")
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from actorgraph.store.errors import StoreError

DEFAULT_URL = "sqlite:///./actorgraph.db"
# How long a SQLite writer waits for another one before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 30_000


def one_line(exc: BaseException) -> str:
    """A database error as one line for the user; a busy SQLite store says what to do."""
    orig = getattr(exc, "orig", None)
    line = " ".join(str(orig if orig is not None else exc).split())
    if isinstance(exc, OperationalError) and "database is locked" in line:
        # SQLite's own words do not say that waiting is what failed, nor for how long.
        return (
            f"the store is busy: another writer held it for over {BUSY_TIMEOUT_MS // 1000} s "
            "(a long ingest or a stuck process?); try again"
        )
    return line


def display_url(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    """A SQLite engine in WAL mode with real transactions: pysqlite's implicit BEGIN is turned
    off and ours is emitted instead (``BEGIN IMMEDIATE`` for writers, so two writers queue on
    the busy timeout instead of failing half-way)."""
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if url.split("?")[0] not in ("sqlite://", "sqlite:///:memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def make_engines(url: str) -> tuple[Engine, Engine]:
    """(reader, writer) engines for ``url``; the same engine twice outside SQLite."""
    try:
        backend = make_url(url).get_backend_name()
        if backend == "sqlite":
            return _sqlite_engine(url, immediate=False), _sqlite_engine(url, immediate=True)
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"unusable database URL {display_url(url)!r}: {one_line(exc)}") from exc
    return engine, engine
