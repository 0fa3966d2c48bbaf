"""Search across what the store holds, for the app's search box and the API."""

from __future__ import annotations

from pydantic import BaseModel

from actorgraph.store import Store
from actorgraph.store.models import StoredActor, StoredDocument


class SearchResult(BaseModel):
    query: str
    actors: list[StoredActor]
    documents: list[StoredDocument]


def _matches(needle: str, *fields: str | None) -> bool:
    return any(needle in f.casefold() for f in fields if f)


def search(store: Store, query: str, limit: int = 20) -> SearchResult:
    """Actors whose name, alias or KB id contains ``query``; documents whose title or source
    does. Actors come most mentioned first."""
    q = query.strip()
    needle = q.casefold()
    found = store.actors(search=q)
    seen = {a.id for a in found}
    # The store matches names; aliases ("the Kremlin" for Russia) are matched here.
    found += [
        a
        for a in store.actors()
        if a.id not in seen and any(needle in alias.casefold() for alias in a.aliases)
    ]
    docs = [d for d in store.documents() if _matches(needle, d.title, d.source, d.publisher)]
    return SearchResult(query=q, actors=found[:limit], documents=docs[:limit])
