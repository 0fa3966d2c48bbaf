"""An actor's profile stays a page however busy the actor: capped lists, newest first, with
the full counts beside them; ``events`` pages in SQL."""

from __future__ import annotations

import pytest
from store_helpers import make_event, make_record, make_relation

from actorgraph.store import Store
from actorgraph.store import store as store_module

# Invented actors; sentences written for these tests.
PEOPLE = ["Orla Fenwick", "Bram Tolliver", "Cass Imber", "Dov Renholm"]


@pytest.fixture(params=["fetch", "walk"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways to a page: fetching the actor's rows by id, and walking all rows in order
    (what busy actors get): the same answers either way."""
    monkeypatch.setattr(store_module, "_walk", lambda *_: request.param == "walk")
    return str(request.param)


def fill(store: Store, n: int, undated: int = 0) -> None:
    """``n`` documents, each one meeting of Orla Fenwick with another person, a day apart,
    and a membership of the Harrow League in the first document; then ``undated`` meetings
    with no date."""
    for i in range(n, n + undated):
        other = PEOPLE[1 + i % 3]
        text = f"Orla Fenwick met {other} at the Harrow League once, item {i}."
        event = make_event(text, "CONSULT", ["a0"], ["a1"], date=None, id=f"u{i}")
        store.add_record(
            make_record(
                text,
                [("a0", "Orla Fenwick", "person", None), ("a1", other, "person", None)],
                [event],
                published=None,
                source=f"undated-{i}.txt",
            ),
            text,
        )
    for i in range(n):
        other = PEOPLE[1 + i % 3]
        text = f"Orla Fenwick met {other} at the Harrow League on day {i}."
        relations = [make_relation(text, "member_of", "a0", "a2")] if i == 0 else []
        store.add_record(
            make_record(
                text,
                [
                    ("a0", "Orla Fenwick", "person", None),
                    ("a1", other, "person", None),
                    ("a2", "Harrow League", "organization", None),
                ],
                [
                    make_event(
                        text,
                        "CONSULT",
                        ["a0"],
                        ["a1"],
                        date=f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}",
                    )
                ],
                relations,
                published=f"2020-{1 + i // 28:02d}-{1 + i % 28:02d}",
                source=f"day-{i}.txt",
            ),
            text,
        )


def test_profile_lists_are_capped_and_counted(store: Store, way: str) -> None:
    fill(store, 12)
    full = store.actor_profile("Orla Fenwick")
    assert (full.event_count, full.document_count, full.relation_count) == (12, 12, 1)
    assert len(full.events) == 12 and len(full.documents) == 12
    page = store.actor_profile("Orla Fenwick", limit=5)
    assert (page.event_count, page.document_count, page.relation_count) == (12, 12, 1)
    assert len(page.events) == 5 and len(page.documents) == 5
    # The latest first, and the same latest ones the full profile starts with.
    dates = [e.date for e in full.events]
    assert dates == sorted(dates, reverse=True)
    assert [e.id for e in page.events] == [e.id for e in full.events[:5]]
    assert [d.source for d in page.documents] == [f"day-{i}.txt" for i in range(11, 6, -1)]
    assert [r.type for r in page.roles] == ["member_of"]
    # Names cover what the page shows.
    assert {i for e in page.events for i in e.target} <= set(page.names)
    other = store.actor_profile("Cass Imber")
    assert other.event_count == 4 and other.relation_count == 0 and other.roles == []


def test_events_page_in_both_orders(store: Store, way: str) -> None:
    fill(store, 9, undated=3)
    everything = store.events(actor="Orla Fenwick")
    assert len(everything) == 12
    assert [e.date is None for e in everything] == [False] * 9 + [True] * 3
    # Every page, across the end of the dated events too, is a slice of the whole list.
    for offset in range(0, 13):
        for limit in (1, 4, 5):
            page = store.events(actor="Orla Fenwick", limit=limit, offset=offset)
            assert [e.id for e in page] == [e.id for e in everything[offset : offset + limit]]
    newest = store.events(actor="Orla Fenwick", limit=20, newest_first=True)
    dated = [e for e in everything if e.date]
    assert [e.id for e in newest] == [e.id for e in dated[::-1] + everything[9:]]


def test_roles_and_relation_count_past_the_page(store: Store, way: str) -> None:
    orgs = ["Harrow League", "Tallis Guild", "Wend Council"]
    for i, org in enumerate(orgs):
        text = f"Orla Fenwick joined the {org} this year."
        store.add_record(
            make_record(
                text,
                [("a0", "Orla Fenwick", "person", None), ("a1", org, "organization", None)],
                [],
                [make_relation(text, "member_of", "a0", "a1")],
                source=f"join-{i}.txt",
            ),
            text,
        )
    full = store.actor_profile("Orla Fenwick")
    page = store.actor_profile("Orla Fenwick", limit=2)
    assert full.relation_count == page.relation_count == 3
    assert [r.id for r in page.relations] == [r.id for r in full.relations[:2]]
    assert [r.type for r in full.roles] == ["member_of"] * 3
    assert [r.id for r in page.roles] == [r.id for r in full.roles[:2]]
