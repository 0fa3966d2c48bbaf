"""The store's invariants under corrections and re-extraction: one actor per KB id, redirects
followed only where KB ids agree, and an unchanged text extracted again files the same facts."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text as sql
from store_helpers import make_event

from actorgraph.records import (
    Actor,
    ActorType,
    DocumentInfo,
    Event,
    ExtractionRecord,
    Published,
    Span,
    content_id,
)
from actorgraph.store import Store, StoreError

# Invented actors and sentences written for these tests.
A1 = "Norland said on Monday that Brenna would host the talks. Brenna confirmed it."
A2 = "Norland and its capital Brenna hosted envoys; Norland called the visit useful."
B1 = "Ilse Morrow arrived in Velt. Morrow spoke for an hour."
B2 = "Morrow left Velt the next morning."
B3 = "Jon Morrow, a banker, praised the plan. Morrow is her cousin."


def actor(text: str, id: str, names: list[str], type_: ActorType, kb: str | None = None) -> Actor:
    """An actor mentioned once by each of ``names`` (first occurrence), called ``names[0]``."""
    mentions: list[Span] = []
    for n in names:
        start = text.index(n)
        while any(m.start < start + len(n) and start < m.end for m in mentions):
            start = text.index(n, start + 1)  # not inside an earlier mention
        mentions.append(Span(start=start, end=start + len(n), text=n))
    aliases = list(dict.fromkeys(n for n in names[1:] if n != names[0]))
    return Actor(id=id, name=names[0], type=type_, kb_id=kb, aliases=aliases, mentions=mentions)


def record(text: str, actors: list[Actor], events: list[Event] | None = None) -> ExtractionRecord:
    return ExtractionRecord(
        schema_version="1.0",
        document=DocumentInfo(
            id=content_id(text),
            source="inv.txt",
            published=Published(value="2021-06-15", source="option"),
            chars=len(text),
        ),
        actors=actors,
        events=events or [],
    )


def norland(text: str) -> ExtractionRecord:
    # The extractor (wrongly) took the capital's name for another name of the state.
    return record(text, [actor(text, "a0", ["Norland", "Brenna"], "state", "test/norland")])


def kb_holders(store: Store, kb: str) -> int:
    with create_engine(store.url).connect() as conn:
        found = conn.execute(sql("SELECT count(*) FROM actors WHERE kb_id = :k"), {"k": kb})
        return int(found.scalar_one())


def test_a_split_off_name_never_takes_the_kb_id_and_blocks_nothing(store: Store) -> None:
    store.add_record(norland(A1), A1)
    state = store.actor("Norland").id
    city = store.split_actor(state, ["Brenna"], author="ana", reason="the capital")
    # Another document whose state actor also carries the capital's name.
    result = store.add_record(norland(A2), A2)
    assert not result.skipped and result.actors_new == 0
    assert kb_holders(store, "test/norland") == 1
    assert store.actor("test/norland").id == state
    assert "Brenna" not in store.actor(state).aliases
    # The split holds for the new document too: its "Brenna" mention is the city's.
    assert store.actor(city).documents == 2 and store.actor(city).kb_id is None
    # Extracting both again is no "skip": each is replaced, and the split still holds.
    for text in (A1, A2):
        again = store.add_record(norland(text), text, replace=True)
        assert again.replaced and not again.skipped
    assert kb_holders(store, "test/norland") == 1
    assert store.actor(city).documents == 2 and store.actor(state).documents == 2


def test_split_refuses_names_the_actor_never_had(store: Store) -> None:
    store.add_record(norland(A1), A1)
    state = store.actor("Norland").id
    before = store.stats()
    with pytest.raises(StoreError, match="never been called 'Vessa'"):
        store.split_actor(state, ["Vessa"], author="ana")
    with pytest.raises(StoreError, match="never been called"):
        store.split_actor(state, ["Brenna", "Vessa"], author="ana")
    assert store.stats() == before  # no phantom actor, no log entry


def _morrow_corpus() -> list[tuple[ExtractionRecord, str]]:
    return [
        (
            record(
                B1,
                [
                    actor(B1, "a0", ["Ilse Morrow", "Morrow"], "person"),
                    actor(B1, "a1", ["Velt"], "place"),
                ],
                [make_event(B1, "CONSULT", ["a0"], ["a1"])],
            ),
            B1,
        ),
        (
            record(
                B2,
                [actor(B2, "a0", ["Morrow"], "person"), actor(B2, "a1", ["Velt"], "place")],
                [make_event(B2, "CONSULT", ["a0"], ["a1"], date="2021-06-15")],
            ),
            B2,
        ),
        (record(B3, [actor(B3, "a0", ["Jon Morrow", "Morrow"], "person")]), B3),
    ]


def _snapshot(store: Store) -> tuple[object, ...]:
    actors = sorted((a.id, a.name, a.mentions, a.documents) for a in store.actors())
    events = sorted(
        (e.id, e.type, tuple(e.source), tuple(e.target), e.date) for e in store.events()
    )
    return actors, events


def test_extracting_an_unchanged_corpus_again_files_the_same_actors_and_events(
    store: Store,
) -> None:
    corpus = _morrow_corpus()
    for rec, text in corpus:
        store.add_record(rec, text)
    # When the second text was filed, one Morrow was known: "Morrow" joined her. By now a
    # second Morrow is known, which must not change where the same text lands.
    first = _snapshot(store)
    assert store.actor("Ilse Morrow").documents == 2
    for _ in range(2):
        for rec, text in corpus:
            assert store.add_record(rec, text, replace=True).replaced
        assert _snapshot(store) == first
