"""An actor's profile stays a page however busy the actor: capped lists, newest first, with
the full counts beside them; ``events`` pages in SQL."""

from __future__ import annotations

from store_helpers import make_event, make_record, make_relation

from actorgraph.store import Store

# Invented actors; sentences written for these tests.
PEOPLE = ["Orla Fenwick", "Bram Tolliver", "Cass Imber", "Dov Renholm"]


def fill(store: Store, n: int) -> None:
    """``n`` documents, each one meeting of Orla Fenwick with another person, a day apart,
    and a membership of the Harrow League in the first document."""
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


def test_profile_lists_are_capped_and_counted(store: Store) -> None:
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


def test_events_page_in_both_orders(store: Store) -> None:
    fill(store, 9)
    everything = store.events(actor="Orla Fenwick")
    assert len(everything) == 9
    assert [e.id for e in store.events(actor="Orla Fenwick", limit=3, offset=2)] == [
        e.id for e in everything[2:5]
    ]
    newest = store.events(actor="Orla Fenwick", limit=4, newest_first=True)
    assert [e.id for e in newest] == [e.id for e in everything[::-1][:4]]
