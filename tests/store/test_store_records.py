"""The store with hand-built records: merging, idempotence, summaries, queries, persistence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text as sql
from store_helpers import ActorSpec, make_event, make_record, make_relation

from actorgraph.errors import ActorgraphError
from actorgraph.records import ExtractionRecord
from actorgraph.store import Store, StoreError

# Invented actors; sentences written for these tests.
MEET_1 = "Anna Kell met Boris Lant in Orvik on Monday."
MEET_2 = "Boris Lant and Anna Kell held talks in Orvik on Monday, aides said."
KELL: ActorSpec = ("a0", "Anna Kell", "person", "test/anna-kell")
LANT: ActorSpec = ("a1", "Boris Lant", "person", "test/boris-lant")


def meeting(text: str, **kw: Any) -> ExtractionRecord:
    return make_record(text, [KELL, LANT], [make_event(text, "CONSULT", ["a0"], ["a1"])], **kw)


def test_same_record_twice_is_skipped_and_changes_nothing(store: Store) -> None:
    rec = meeting(MEET_1)
    first = store.add_record(rec, MEET_1)
    before = store.stats()
    second = store.add_record(rec, MEET_1)
    assert not first.skipped and first.events_new == 1
    assert second.skipped
    assert store.stats() == before


def test_text_must_match_the_document_id(store: Store) -> None:
    with pytest.raises(StoreError, match="does not match"):
        store.add_record(meeting(MEET_1), MEET_1 + " More.")
    assert store.stats().documents == 0


def test_store_error_is_an_actorgraph_error_with_exit_code_4() -> None:
    assert issubclass(StoreError, ActorgraphError)
    assert StoreError.exit_code == 4


def test_kb_actor_merges_across_documents_and_spellings(store: Store) -> None:
    text1 = "Tomas Varga spoke in Orvik."
    text2 = "Tomás Varga left Orvik."
    store.add_record(make_record(text1, [("a0", "Tomas Varga", "person", "test/tv")]), text1)
    store.add_record(make_record(text2, [("a0", "Tomás Varga", "person", "test/tv")]), text2)
    actors = store.actors()
    assert len(actors) == 1
    assert actors[0].kb_id == "test/tv"
    assert (actors[0].mentions, actors[0].documents) == (2, 2)


def test_different_kb_ids_never_merge(store: Store) -> None:
    text1 = "John Hale spoke."
    text2 = "John Hale answered."
    store.add_record(make_record(text1, [("a0", "John Hale", "person", "test/hale-1")]), text1)
    store.add_record(make_record(text2, [("a0", "John Hale", "person", "test/hale-2")]), text2)
    assert sorted(a.kb_id or "" for a in store.actors(search="john hale")) == [
        "test/hale-1",
        "test/hale-2",
    ]


def test_unlinked_actors_merge_by_normalised_name_and_type_only(store: Store) -> None:
    text1 = "The Northern Alliance marched."
    text2 = "Northern Alliance fighters rested."
    text3 = "Northern Alliance is also a river barge."
    store.add_record(make_record(text1, [("a0", "Northern Alliance", "group", None)]), text1)
    store.add_record(make_record(text2, [("a0", "Northern Alliance", "group", None)]), text2)
    store.add_record(make_record(text3, [("a0", "Northern Alliance", "place", None)]), text3)
    assert sorted((a.type, a.mentions) for a in store.actors()) == [("group", 2), ("place", 1)]


def test_an_unlinked_actor_takes_the_kb_id_when_it_appears(store: Store) -> None:
    text1 = "Mira Sol arrived."
    text2 = "Mira Sol departed."
    store.add_record(make_record(text1, [("a0", "Mira Sol", "person", None)]), text1)
    store.add_record(make_record(text2, [("a0", "Mira Sol", "person", "test/mira-sol")]), text2)
    [actor] = store.actors()
    assert actor.kb_id == "test/mira-sol"
    assert actor.mentions == 2


def test_two_reports_of_one_meeting_are_one_event_with_two_sources(store: Store) -> None:
    store.add_record(meeting(MEET_1, published="2021-06-15"), MEET_1)
    # The second report names the parties the other way round: a meeting is symmetric.
    rec2 = make_record(
        MEET_2,
        [LANT, KELL],
        [make_event(MEET_2, "CONSULT", ["a1"], ["a0"], modality="reported")],
        published="2021-06-17",
    )
    result = store.add_record(rec2, MEET_2)
    assert result.events_merged == 1 and result.actors_merged == 2
    [event] = store.events()
    assert (event.sources, event.documents, event.mentions) == (2, 2, 2)
    assert (event.first_reported, event.last_reported) == ("2021-06-15", "2021-06-17")
    assert not event.disputed
    assert event.modalities == ["asserted", "reported"]


def test_attacks_in_opposite_directions_stay_apart(store: Store) -> None:
    t1 = "Anna Kell shelled Boris Lant."
    t2 = "Boris Lant shelled Anna Kell back."
    store.add_record(make_record(t1, [KELL, LANT], [make_event(t1, "ASSAULT", ["a0"], ["a1"])]), t1)
    store.add_record(make_record(t2, [KELL, LANT], [make_event(t2, "ASSAULT", ["a1"], ["a0"])]), t2)
    assert len(store.events()) == 2


def test_dates_must_agree_within_their_precision(store: Store) -> None:
    t1 = "Anna Kell met Boris Lant in June."
    t2 = "Anna Kell met Boris Lant on 14 June."
    t3 = "Anna Kell met Boris Lant on 2 July."
    t4 = "Anna Kell met Boris Lant at some point."
    for t, value, precision in [
        (t1, "2021-06", "month"),
        (t2, "2021-06-14", "day"),
        (t3, "2021-07-02", "day"),
        (t4, None, "unknown"),
    ]:
        ev = make_event(t, "CONSULT", ["a0"], ["a1"], date=value, precision=precision)
        store.add_record(make_record(t, [KELL, LANT], [ev]), t)
    events = store.events()
    # June and 14 June merge (and the merged event takes the finer date); July and undated don't.
    assert [(e.date, e.precision, e.sources) for e in events] == [
        ("2021-06-14", "day", 2),
        ("2021-07-02", "day", 1),
        (None, "unknown", 1),
    ]


def test_a_denial_marks_the_event_disputed(store: Store) -> None:
    denial = "A spokesman denied that Anna Kell met Boris Lant on Monday."
    store.add_record(meeting(MEET_1), MEET_1)
    ev = make_event(denial, "CONSULT", ["a0"], ["a1"], modality="denied")
    store.add_record(make_record(denial, [KELL, LANT], [ev]), denial)
    [event] = store.events()
    assert event.disputed and event.sources == 2
    assert [e.id for e in store.events(modality="denied")] == [event.id]


def test_negation_disputes_only_another_sources_report(store: Store) -> None:
    negated = "Anna Kell did not meet Boris Lant on Monday."
    ev = make_event(negated, "CONSULT", ["a0"], ["a1"], modality="negated")
    store.add_record(make_record(negated, [KELL, LANT], [ev]), negated)
    [alone] = store.events()
    assert not alone.disputed
    store.add_record(meeting(MEET_1), MEET_1)
    assert store.event_summary(alone.id).disputed


def test_relations_merge_and_keep_every_mention(store: Store) -> None:
    t1 = "Anna Kell leads the Orvik Council."
    t2 = "Orvik Council chief Anna Kell spoke."
    council: ActorSpec = ("a1", "Orvik Council", "organization", None)
    for t in (t1, t2):
        rel = make_relation(t, "leader_of", "a0", "a1")
        store.add_record(make_record(t, [KELL, council], relations=[rel]), t)
    stats = store.stats()
    assert (stats.relations, stats.relation_mentions) == (1, 2)


def test_queries_filter_events_and_actors(store: Store) -> None:
    store.add_record(meeting(MEET_1), MEET_1)
    t = "Boris Lant threatened Carl Moss in May."
    moss: ActorSpec = ("a2", "Carl Moss", "person", None)
    ev = make_event(t, "THREATEN", ["a1"], ["a2"], date="2021-05", precision="month")
    store.add_record(make_record(t, [LANT, moss], [ev]), t)
    store.add_record(meeting(MEET_2), MEET_2)

    assert [e.type for e in store.events(actor="test/boris-lant")] == ["THREATEN", "CONSULT"]
    assert [e.type for e in store.events(actor="Carl Moss")] == ["THREATEN"]
    assert store.events(actor="Nobody Known") == []
    assert [e.type for e in store.events(type="consult")] == ["CONSULT"]
    assert [e.type for e in store.events(since="2021-06")] == ["CONSULT"]
    assert [e.type for e in store.events(until="2021-05-31")] == ["THREATEN"]
    assert [e.type for e in store.events(min_sources=2)] == ["CONSULT"]
    lant_id = next(a.id for a in store.actors(search="lant"))
    assert len(store.events(actor=lant_id)) == 2
    assert [a.name for a in store.actors(type="person", search="moss")] == ["Carl Moss"]
    with pytest.raises(StoreError, match="not a date"):
        store.events(since="last week")
    with pytest.raises(StoreError, match="no event"):
        store.event_summary(999)


def test_record_naming_an_unlisted_actor_is_refused_whole(store: Store) -> None:
    ev = make_event(MEET_1, "CONSULT", ["a0"], ["a9"])
    with pytest.raises(StoreError, match="a9"):
        store.add_record(make_record(MEET_1, [KELL, LANT], [ev]), MEET_1)
    assert store.stats().documents == 0 and store.stats().actors == 0


def test_corrections_are_logged(store: Store) -> None:
    cid = store.add_correction(
        "merge_actors", {"keep": 1, "drop": 2}, author="analyst", reason="same person"
    )
    assert cid >= 1 and store.stats().corrections == 1


def test_reopened_store_keeps_its_data_in_wal_mode(db_url: str) -> None:
    with Store.open(db_url) as first:
        first.add_record(meeting(MEET_1), MEET_1)
        before = first.stats()
    with Store.open(db_url) as again:
        assert again.stats() == before
        assert again.has_document(meeting(MEET_1).document.id)
        if db_url.startswith("sqlite"):
            with again._reader.connect() as connection:
                assert connection.execute(sql("PRAGMA journal_mode")).scalar() == "wal"


def test_unusable_urls_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unusable database URL"):
        Store.open("nosuchdb://x")
    with pytest.raises(StoreError, match="cannot open store"):
        Store.open(f"sqlite:///{tmp_path / 'missing-dir' / 'store.db'}")
