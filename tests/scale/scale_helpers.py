"""What two ingests are compared on: counts, documents, actors and events by name."""

from __future__ import annotations

from collections import Counter
from typing import Any

from actorgraph.store import Store

SLICE = 20  # BBC articles in the test slice


def snapshot(url: str) -> dict[str, Any]:
    """The store at ``url`` without its store-level ids, which depend on write order."""
    with Store.open(url) as store:
        actors = store.actors()
        name = {a.id: a.name for a in actors}
        return {
            "stats": store.stats().model_dump(exclude={"corrections"}),
            "documents": sorted(d.id for d in store.documents()),
            "actors": Counter((a.name, a.type, a.kb_id, a.mentions, a.documents) for a in actors),
            "events": Counter(
                (
                    e.type,
                    e.date,
                    e.precision,
                    tuple(sorted(name[i] for i in e.source)),
                    tuple(sorted(name[i] for i in e.target)),
                    name.get(e.place) if e.place is not None else None,
                    e.mentions,
                    e.sources,
                    e.disputed,
                )
                for e in store.events()
            ),
        }


def stored_ids(url: str) -> list[str]:
    with Store.open(url) as store:
        return [d.id for d in store.documents()]
