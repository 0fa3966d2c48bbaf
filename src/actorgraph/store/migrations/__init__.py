"""Alembic migrations of the knowledge store (run them with ``actorgraph.store.upgrade``)."""
