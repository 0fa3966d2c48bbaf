"""Curated entries that actor resolution depends on (the built-in KB, no spaCy)."""

from __future__ import annotations

from actorgraph.kb import KnowledgeBase


def test_group_adjective_is_a_demonym_of_the_group() -> None:
    kb = KnowledgeBase.default()
    group = kb.demonym("Houthi")
    assert group is not None and group.id == "org/houthis"
    assert [e.id for e in kb.lookup("Houthi administration")] == ["org/houthis"]


def test_national_air_forces_are_bodies_of_their_state() -> None:
    kb = KnowledgeBase.default()
    for name, state in (("Royal Air Force", "state/gbr"), ("Indian Air Force", "state/ind")):
        found = kb.lookup(name)
        assert found and found[0].type == "organization", name
        assert found[0].parent == state, name


def test_churches_are_organisations_not_places() -> None:
    kb = KnowledgeBase.default()
    assert [e.type for e in kb.lookup("Catholic Church")] == ["organization"]


def test_eln_keeps_its_abbreviation_and_spanish_name() -> None:
    kb = KnowledgeBase.default()
    for name in ("ELN", "Ejército de Liberación Nacional"):
        assert [e.id for e in kb.lookup(name)] == ["org/eln"], name
