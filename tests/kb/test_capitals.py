"""Capitals: every state has exactly one, capital_of names a state, capital_state() follows it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from actorgraph.errors import KnowledgeBaseError
from actorgraph.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def _capitals(kb: KnowledgeBase) -> dict[str, list[str]]:
    """state id -> ids of the entries whose capital_of (redirects followed) names it."""
    out: dict[str, list[str]] = defaultdict(list)
    for e in kb:
        if e.capital_of:
            state = kb.get(e.capital_of)
            assert state is not None, (e.id, e.capital_of)
            out[state.id].append(e.id)
    return out


def test_every_state_has_exactly_one_capital(kb: KnowledgeBase) -> None:
    """Every curated (or user) state entry, city-states included, has exactly one capital.

    Phoenix-only state entries (territories such as Bermuda, the Soviet Union, unmerged
    duplicates) are not sovereign states of the curated list and carry no capital.
    """
    capitals = _capitals(kb)
    states = [e.id for e in kb if e.type == "state" and e.origin != "phoenix"]
    assert len(states) >= 197
    missing = sorted(s for s in states if not capitals.get(s))
    several = sorted((s, c) for s, c in capitals.items() if len(c) > 1)
    assert missing == [] and several == []


def test_capital_of_names_a_state_and_capitals_are_places(kb: KnowledgeBase) -> None:
    for e in kb:
        if e.capital_of:
            state = kb.get(e.capital_of)
            assert state is not None and state.type == "state", e.id
            # Only the city-states are their own capital; every other capital is a place.
            assert e.type == "place" or e.id == state.id, e.id
            assert e.country in (None, state.country), e.id


@pytest.mark.parametrize(
    ("capital", "state"),
    [
        ("place/moscow", "state/rus"),
        ("place/washington-dc", "state/usa"),
        ("place/beijing", "state/chn"),
        ("place/taipei", "state/twn"),
        ("place/new-delhi", "state/ind"),
        ("place/kyiv", "state/ukr"),
        ("place/seoul", "state/kor"),
        ("place/the-hague", "state/nld"),
        ("place/pretoria", "state/zaf"),
        ("place/jerusalem", "state/isr"),
        ("place/ramallah", "state/pse"),
        ("place/la-paz", "state/bol"),
        ("place/abidjan", "state/civ"),
        ("state/sgp", "state/sgp"),
    ],
)
def test_capital_state(kb: KnowledgeBase, capital: str, state: str) -> None:
    found = kb.capital_state(capital)
    assert found is not None and found.id == state


@pytest.mark.parametrize(
    "not_a_capital", ["place/sydney", "place/amsterdam", "place/sucre", "state/rus", "person/x"]
)
def test_capital_state_is_none_for_other_ids(kb: KnowledgeBase, not_a_capital: str) -> None:
    assert kb.capital_state(not_a_capital) is None


@pytest.mark.parametrize(
    "name",
    [
        "Moscow",
        "Washington",
        "Washington, D.C.",
        "Washington DC",
        "Beijing",
        "Taipei",
        "New Delhi",
        "Seoul",
        "Kyiv",
        "Kiev",
    ],
)
def test_capital_names_resolve_to_their_state(kb: KnowledgeBase, name: str) -> None:
    found = kb.lookup(name)
    assert found, name
    state = kb.capital_state(found[0].id)
    assert state is not None and state.type == "state", name


def test_kyiv_and_kiev_are_one_entry(kb: KnowledgeBase) -> None:
    assert [e.id for e in kb.lookup("Kyiv")] == [e.id for e in kb.lookup("Kiev")] == ["place/kyiv"]


def test_washington_is_no_person(kb: KnowledgeBase) -> None:
    assert [e.id for e in kb.lookup("Washington")] == ["place/washington-dc"]


def test_phoenix_ids_redirect_in_capital_state(kb: KnowledgeBase) -> None:
    # The Phoenix "Washington" place is merged into place/washington-dc.
    found = kb.capital_state("phoenix/washington")
    assert found is not None and found.id == "state/usa"


def test_user_capital_resolves_redirect(tmp_path: Path) -> None:
    f = tmp_path / "caps.yaml"
    f.write_text(
        "- {id: place/atlantis, name: Atlantis City, type: place,"
        " capital_of: phoenix/russian-federation}\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([f])
    found = kb.capital_state("place/atlantis")
    assert found is not None and found.id == "state/rus"


def test_dangling_capital_of_fails(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text(
        "entries:\n  - {id: place/x, name: X, type: place, capital_of: state/nowhere}\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load([f])
    msg = str(info.value)
    assert str(f) in msg and "place/x" in msg and "capital_of" in msg and "state/nowhere" in msg


def test_capital_of_a_non_state_fails(tmp_path: Path) -> None:
    f = tmp_path / "bad.yaml"
    f.write_text("- {id: place/x, name: X, type: place, capital_of: place/moscow}\n", "utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load([f])
    assert "place/x" in str(info.value) and "not a state" in str(info.value)
