"""The Alembic environment: the initial revision builds exactly the ORM schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from actorgraph.store import Store, upgrade
from actorgraph.store.migrate import alembic_config
from actorgraph.store.schema import Base

HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def _diff(url: str) -> list[object]:
    engine = create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    return list(diff)


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    with engine.connect() as connection:
        rev = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    return rev


def test_upgrade_builds_the_orm_schema(db_url: str) -> None:
    upgrade(db_url)
    engine = create_engine(db_url)
    assert "events" in inspect(engine).get_table_names()
    engine.dispose()
    assert _diff(db_url) == []
    assert _revision(db_url) == HEAD
    with Store.open(db_url) as store:  # a migrated database opens as a store
        assert store.stats().documents == 0


def test_open_stamps_a_new_store_so_upgrade_is_a_no_op(db_url: str) -> None:
    Store.open(db_url).close()
    assert _revision(db_url) == HEAD
    upgrade(db_url)
    assert _diff(db_url) == []
