"""Loader: precedence, lookups, roles by date, and errors for malformed user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.errors import KnowledgeBaseError
from actorgraph.kb import KnowledgeBase


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def test_default_is_cached(kb: KnowledgeBase) -> None:
    assert KnowledgeBase.default() is kb
    assert len(kb) > 20_000


@pytest.mark.parametrize("variant", ["Hizbullah", "Hezbollah", "Hizballah", "Hizb Allah"])
def test_transliterations_of_hezbollah(kb: KnowledgeBase, variant: str) -> None:
    found = kb.lookup(variant)
    assert [e.id for e in found] == ["org/hezbollah"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Saleh al-Aruri", "Saleh al-Arouri"),
        ("Salah al Aruri", "saleh al-arouri"),
        ("Khaled Mashal", "Khaled Meshaal"),
        ("Khaled Mashaal", "KHALED MESHAAL"),
        ("Mohammed Deif", "Muhammad Deif"),
    ],
)
def test_transliteration_variants_resolve_to_one_person(kb: KnowledgeBase, a: str, b: str) -> None:
    first, second = kb.lookup(a), kb.lookup(b)
    assert first and second
    assert first[0].id == second[0].id
    assert first[0].type == "person"


def test_phoenix_entry_merged_into_curated(kb: KnowledgeBase) -> None:
    # Phoenix's own Hezbollah entry is folded into the curated one, with its extra aliases.
    assert kb.get("phoenix/hezbollah") is kb.get("org/hezbollah")
    assert kb.lookup("Organization of the Oppressed on Earth")[0].id == "org/hezbollah"


def test_leader_is_not_an_alias_of_his_group(kb: KnowledgeBase) -> None:
    assert [e.type for e in kb.lookup("Hassan Nasrallah")] == ["person"]
    assert [e.type for e in kb.lookup("Khaled Meshaal")] == ["person"]
    assert kb.lookup("Islamic Jihad")[0].id == "org/pij"


def test_demonyms(kb: KnowledgeBase) -> None:
    for word, state in [
        ("Iranian", "state/irn"),
        ("Iranians", "state/irn"),
        ("Israeli", "state/isr"),
        ("American", "state/usa"),
        ("British", "state/gbr"),
        ("Lebanese", "state/lbn"),
        ("qatari", "state/qat"),
    ]:
        entry = kb.demonym(word)
        assert entry is not None and entry.id == state, word
    assert kb.demonym("Hezbollah") is None


def test_country_aliases(kb: KnowledgeBase) -> None:
    for alias in ["U.S.", "USA", "United States of America", "America"]:
        assert kb.lookup(alias)[0].id == "state/usa", alias
    for alias in ["UK", "Britain", "Great Britain"]:
        assert kb.lookup(alias)[0].id == "state/gbr", alias
    assert kb.lookup("DRC")[0].id == "state/cod"


def test_places(kb: KnowledgeBase) -> None:
    dahiya = kb.lookup("Dahieh")[0]
    assert dahiya.id == "place/dahiya" and dahiya.located_in == "place/beirut"
    assert kb.lookup("Gaza")[0].id == "place/gaza-strip"
    assert kb.get("place/beirut").coordinates is not None  # type: ignore[union-attr]


def test_children(kb: KnowledgeBase) -> None:
    kids = {e.id for e in kb.children("org/hamas")}
    assert {"org/qassam-brigades", "org/hamas-political-bureau"} <= kids
    assert "org/quds-force" in {e.id for e in kb.children("org/irgc")}


def test_people_with_role_by_date(kb: KnowledgeBase) -> None:
    leaders_2020 = kb.people_with_role("org/hezbollah", "leader_of", on="2020-05-01")
    assert [p.id for p, _ in leaders_2020] == ["person/hassan-nasrallah"]
    leaders_2025 = kb.people_with_role("org/hezbollah", "leader_of", on="2025")
    assert [p.id for p, _ in leaders_2025] == ["person/naim-qassem"]
    deputies_2010 = kb.people_with_role("org/hezbollah", "deputy_leader_of", on="2010")
    assert [p.id for p, _ in deputies_2010] == ["person/naim-qassem"]
    bureau = kb.people_with_role("org/hamas-political-bureau", "leader_of", on="2010")
    assert [p.id for p, _ in bureau] == ["person/khaled-mashal"]
    # a partial date overlapping the end of a term counts
    assert kb.people_with_role("org/hamas-political-bureau", "leader_of", on="2017")


def test_lookup_order_prefers_curated_then_specific_type(tmp_path: Path) -> None:
    user = write(
        tmp_path,
        "u.yaml",
        """
- {id: place/zorgland, name: Zorgland, type: place}
- {id: person/zorg, name: Zorg Zorgson, type: person, aliases: [Zorgland]}
""",
    )
    kb = KnowledgeBase.load([user])
    assert [e.type for e in kb.lookup("zorgland")] == ["person", "place"]


def test_user_overrides_curated_overrides_phoenix(tmp_path: Path) -> None:
    base = KnowledgeBase.load()
    assert base.get("org/hamas").origin == "curated"  # type: ignore[union-attr]
    user = write(
        tmp_path,
        "mine.yaml",
        """
entries:
  - id: org/hamas
    name: Hamas
    type: organization
    aliases: [Harakat Test]
    sector: PTY
  - id: org/new-front
    name: New Test Front
    type: organization
    aliases: [Hezbollah Test Wing, Beirut]
""",
    )
    kb = KnowledgeBase.load([user])
    hamas = kb.get("org/hamas")
    assert hamas is not None and hamas.sector == "PTY" and hamas.origin == "user"
    assert kb.lookup("Harakat Test")[0].id == "org/hamas"
    # a user alias beats a curated claim to the same name
    assert kb.lookup("Beirut")[0].id == "org/new-front"
    # a curated alias beats Phoenix: "Hizballah" belongs to the curated entry only
    assert all(e.origin != "phoenix" for e in kb.lookup("Hizballah"))


def test_later_user_file_wins(tmp_path: Path) -> None:
    a = write(tmp_path, "a.yaml", "- {id: org/x, name: First X, type: organization}\n")
    b = write(tmp_path, "b.yaml", "- {id: org/x, name: Second X, type: organization}\n")
    kb = KnowledgeBase.load([a, b], builtin=False)
    assert len(kb) == 1 and kb.get("org/x").name == "Second X"  # type: ignore[union-attr]
    assert kb.lookup("First X") == []


def test_unquoted_dates_are_accepted(tmp_path: Path) -> None:
    f = write(
        tmp_path,
        "d.yaml",
        """
- {id: org/y, name: Y Org, type: organization}
- {id: person/p, name: P Person, type: person,
   roles: [{relation: leader_of, org: org/y, start: 2001, end: 2003-05-01}]}
""",
    )
    kb = KnowledgeBase.load([f], builtin=False)
    assert [p.id for p, _ in kb.people_with_role("org/y", on="2002")] == ["person/p"]
    assert kb.people_with_role("org/y", on="2003-06") == []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("- {id: a, name: [unclosed\n", "not valid YAML"),
        ("- {id: a, name: A, type: organization, colour: red}\n", "colour"),
        ("- {id: a, name: A, type: spaceship}\n", "type"),
        ("- {id: a, type: organization}\n", "name"),
        ("- {id: a, name: A, type: organization, parent: org/nowhere}\n", "org/nowhere"),
        ("- {id: a, name: A, type: place, located_in: place/nowhere}\n", "located_in"),
        ("- {id: a, name: A, type: place, capital_of: state/nowhere}\n", "capital_of"),
        (
            "- {id: a, name: A, type: person, roles: [{org: org/nowhere}]}\n",
            "roles[0].org",
        ),
        ("- {id: a, name: A, type: person, roles: [{org: x, relation: boss_of}]}\n", "relation"),
        ("just a string\n", "list of entries"),
        ("entries: []\nextra: 1\n", "extra"),
        ("- {id: a, name: A, type: place}\n- {id: a, name: B, type: place}\n", "twice"),
        ("- 42\n", "mapping"),
    ],
)
def test_malformed_user_file(tmp_path: Path, text: str, needle: str) -> None:
    bad = write(tmp_path, "bad.yaml", text)
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load([bad], builtin=False)
    message = str(info.value)
    assert "bad.yaml" in message and needle in message
    assert "\n" not in message


def test_missing_user_file(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match=r"nothere\.yaml"):
        KnowledgeBase.load([tmp_path / "nothere.yaml"], builtin=False)
