"""Alembic, run from Python: ``upgrade(url)`` brings a database to the newest schema."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from actorgraph.store.engines import DEFAULT_URL, make_engines, one_line
from actorgraph.store.errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic configuration without an ini file, pointing at the bundled migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` on the database at ``url``."""
    url = url or DEFAULT_URL
    _reader, writer = make_engines(url)
    cfg = alembic_config(url)
    try:
        with writer.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot upgrade the store schema: {one_line(exc)}") from exc
    finally:
        writer.dispose()
        _reader.dispose()


def stamp_head(engine: Engine) -> None:
    """Record that a database made by ``create_all`` is at the newest revision."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.stamp(cfg, "head")


def upgrade_if_behind(engine: Engine) -> None:
    """Migrate a store made by an older actorgraph to the newest schema, in place."""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    url = engine.url.render_as_string(hide_password=False)
    cfg = alembic_config(url)
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.begin() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
        if current == head:
            return
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")
