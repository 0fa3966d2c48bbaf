"""Analyst corrections: applied at once, audit-logged, and still in force after re-ingest and
re-extraction. Also the read queries built on them (profile, relations, evidence)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine
from sqlalchemy import text as sql
from store_helpers import make_event, make_record, make_relation

from actorgraph.records import ExtractionRecord
from actorgraph.store import Store, StoreError, upgrade

# Invented actors; sentences written for these tests.
T1 = "Ilse Morrow met Kasimir Dunne in Velt on Monday."
T2 = "Minister Morrow, the Velt Union chair, met Dunne again."
T3 = "Kasimir Dunne leads the Velt Union."


def rec1() -> ExtractionRecord:
    return make_record(
        T1,
        [
            ("a0", "Ilse Morrow", "person", None),
            ("a1", "Kasimir Dunne", "person", None),
            ("a2", "Velt", "place", None),
        ],
        [make_event(T1, "CONSULT", ["a0"], ["a1"], date="2021-06-14")],
        source="one.txt",
    )


def rec2() -> ExtractionRecord:
    return make_record(
        T2,
        [
            ("a0", "Minister Morrow", "person", None),
            ("a1", "Dunne", "person", None),
            ("a2", "Velt Union", "organization", None),
        ],
        [make_event(T2, "CONSULT", ["a0"], ["a1"], date="2021-06", precision="month")],
        [make_relation(T2, "leader_of", "a0", "a2")],
        source="two.txt",
    )


def ids_by_name(store: Store) -> dict[str, int]:
    return {a.name: a.id for a in store.actors()}


def test_merge_folds_mentions_facts_and_names_and_logs_it(store: Store) -> None:
    store.add_record(rec1(), T1)
    store.add_record(rec2(), T2)
    ids = ids_by_name(store)
    assert len(store.events()) == 2  # different names: not yet known to be the same people
    store.merge_actors(ids["Ilse Morrow"], ids["Minister Morrow"], author="ana", reason="same")
    store.merge_actors(ids["Kasimir Dunne"], ids["Dunne"], author="ana", reason="same")
    after = ids_by_name(store)
    assert "Minister Morrow" not in after and "Dunne" not in after
    morrow = store.actor(ids["Ilse Morrow"])
    assert "Minister Morrow" in morrow.aliases
    assert (morrow.mentions, morrow.documents) == (2, 2)
    events = store.events()
    assert len(events) == 1  # now the same meeting: one event, two sources
    assert events[0].sources == 2 and events[0].date == "2021-06-14"
    rels = store.relations(actor=ids["Ilse Morrow"])
    assert [r.type for r in rels] == ["leader_of"]
    log = store.corrections()
    assert [c.kind for c in log] == ["merge_actors", "merge_actors"]
    assert log[0].author == "ana" and log[0].payload == {
        "keep": ids["Ilse Morrow"],
        "other": ids["Minister Morrow"],
    }
    assert store.stats().corrections == 2


def test_a_merge_holds_for_documents_ingested_later(store: Store) -> None:
    store.add_record(rec1(), T1)
    store.add_record(rec2(), T2)
    ids = ids_by_name(store)
    store.merge_actors(ids["Kasimir Dunne"], ids["Dunne"], author="ana")
    later = make_record(T3, [("a0", "Dunne", "person", None)], source="three.txt")
    store.add_record(later, T3)
    assert "Dunne" not in ids_by_name(store)
    assert store.actor(ids["Kasimir Dunne"]).documents == 3


def test_corrections_survive_re_extraction(store: Store) -> None:
    store.add_record(rec1(), T1)
    store.add_record(rec2(), T2)
    ids = ids_by_name(store)
    store.merge_actors(ids["Ilse Morrow"], ids["Minister Morrow"], author="ana")
    store.merge_actors(ids["Kasimir Dunne"], ids["Dunne"], author="ana")
    event = store.events()[0]
    store.set_status("event", event.id, "rejected", author="ana", reason="misread")
    assert store.events() == []
    before = store.stats()
    for rec, text in ((rec1(), T1), (rec2(), T2)):  # extracted again, e.g. by a newer model
        result = store.add_record(rec, text, replace=True)
        assert not result.skipped
    assert store.stats() == before
    assert set(ids_by_name(store)) == {"Ilse Morrow", "Kasimir Dunne", "Velt", "Velt Union"}
    (again,) = store.events(include_rejected=True)
    assert again.id == event.id and again.status == "rejected" and again.sources == 2
    assert store.events() == []


def test_rejected_relation_is_hidden_and_confirmed_is_marked(store: Store) -> None:
    store.add_record(rec2(), T2)
    (rel,) = store.relations()
    store.set_status("relation", rel.id, "confirmed", author="ana")
    assert store.relations()[0].status == "confirmed"
    store.set_status("relation", rel.id, "rejected", author="ana")
    assert store.relations() == []
    assert store.relations(include_rejected=True)[0].status == "rejected"


def test_split_gives_named_mentions_and_their_facts_a_new_actor(store: Store) -> None:
    store.add_record(rec1(), T1)
    store.add_record(rec2(), T2)
    ids = ids_by_name(store)
    store.merge_actors(ids["Kasimir Dunne"], ids["Dunne"], author="ana")
    new_id = store.split_actor(ids["Kasimir Dunne"], ["Dunne"], author="ana", reason="other Dunne")
    assert store.actor(new_id).name == "Dunne"
    assert store.actor(new_id).mentions == 1
    assert store.actor(ids["Kasimir Dunne"]).mentions == 1
    # the meeting reported only as "Dunne" follows the split-off actor
    by_target = {tuple(e.target) for e in store.events()}
    assert (new_id,) in by_target and (ids["Kasimir Dunne"],) in by_target
    later = make_record(T3, [("a0", "Dunne", "person", None)], source="three.txt")
    store.add_record(later, T3)  # the split holds for later documents
    assert store.actor(new_id).documents == 2


def test_split_refuses_the_actors_own_name(store: Store) -> None:
    store.add_record(rec1(), T1)
    ids = ids_by_name(store)
    with pytest.raises(StoreError, match="rename the actor first"):
        store.split_actor(ids["Ilse Morrow"], ["Ilse Morrow"], author="ana")
    assert store.stats().corrections == 0  # a failed correction leaves no log entry


def test_rename_alias_and_type_route_later_mentions(store: Store) -> None:
    store.add_record(rec2(), T2)
    ids = ids_by_name(store)
    union = ids["Velt Union"]
    store.rename_actor(union, "Union of Velt", author="ana")
    store.add_alias(union, "VU", author="ana")
    store.set_actor_type(union, "group", author="ana")
    actor = store.actor(union)
    assert (actor.name, actor.type) == ("Union of Velt", "group")
    assert {"Velt Union", "VU"} <= set(actor.aliases)
    text = "The VU and the Velt Union are one body."
    later = make_record(
        text,
        [("a0", "VU", "organization", None), ("a1", "Velt Union", "organization", None)],
        source="four.txt",
    )
    store.add_record(later, text)
    assert store.actor(union).documents == 2
    assert store.actor("VU").id == union  # lookup by alias
    assert [c.kind for c in store.corrections()] == ["rename_actor", "add_alias", "set_actor_type"]


def test_bad_corrections_are_clear_errors(store: Store) -> None:
    store.add_record(rec1(), T1)
    ids = ids_by_name(store)
    with pytest.raises(StoreError, match="no actor with id 999"):
        store.merge_actors(ids["Velt"], 999, author="ana")
    with pytest.raises(StoreError, match="with itself"):
        store.merge_actors(ids["Velt"], ids["Velt"], author="ana")
    with pytest.raises(StoreError, match="unknown actor type"):
        store.set_actor_type(ids["Velt"], "planet", author="ana")
    with pytest.raises(StoreError, match="unknown status"):
        store.set_status("event", store.events()[0].id, "maybe", author="ana")
    with pytest.raises(StoreError, match="needs an author"):
        store.add_alias(ids["Velt"], "V", author=" ")
    assert store.stats().corrections == 0


def test_profile_evidence_and_documents(store: Store) -> None:
    store.add_record(rec1(), T1)
    store.add_record(rec2(), T2)
    ids = ids_by_name(store)
    profile = store.actor_profile("Minister Morrow")
    assert profile.actor.id == ids["Minister Morrow"]
    assert [r.type for r in profile.roles] == ["leader_of"]
    assert profile.names[profile.roles[0].tail] == "Velt Union"
    assert [d.source for d in profile.documents] == ["two.txt"]
    (event,) = store.events(actor="Minister Morrow")
    (ev,) = store.evidence("event", event.id)
    assert ev.text == T2 and ev.source == "two.txt" and ev.modality == "asserted"
    assert ev.date_value == "2021-06"
    with pytest.raises(StoreError, match="no event with id 999"):
        store.evidence("event", 999)
    assert {d.source for d in store.documents()} == {"one.txt", "two.txt"}
    assert len(store.documents(limit=1)) == 1
    with pytest.raises(StoreError, match="no actor 'Nobody'"):
        store.actor("Nobody")


def test_events_filter_by_place_and_page(store: Store) -> None:
    store.add_record(rec1(), T1)
    store.add_record(rec2(), T2)
    assert len(store.events(limit=1)) == 1
    assert len(store.events(limit=1, offset=1)) == 1
    assert store.events(place="Nowhere") == []


def test_an_older_store_is_migrated_when_opened(db_url: str) -> None:
    upgrade(db_url, "0001")
    engine = create_engine(db_url)
    with engine.begin() as c:
        c.execute(
            sql(
                "INSERT INTO actors (name, norm_name, type, aliases) "
                "VALUES ('Ilse Morrow', 'ilse morrow', 'person', '[\"Morrow\"]')"
            )
        )
    engine.dispose()
    with Store.open(db_url) as store:
        assert store.actor("Morrow").name == "Ilse Morrow"  # its alias index was built
        store.add_record(rec1(), T1)
        assert store.actor("Ilse Morrow").mentions == 1
