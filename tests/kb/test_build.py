"""The Phoenix builder on a tiny hand-written dictionary in the TABARI format."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.kb.build import (
    PHOENIX_FILES,
    build_entries,
    display_name,
    load_fixes,
    parse_actor_text,
)
from actorgraph.kb.model import KBEntry

COUNTRIES = """\
# header comment
RURITANIA_  [RUR]
+RURITANIAN
+RURITANNIA_
+REPUBLIC_OF_RURITANIA
+STRELSAU_
+ZENDA_CITY
ZENDAVIA_ [ZEN]
+ZENDAVIAN

RURITANIAN_ARMED_FORCES
+RAF_SOLDIERS
	[RURMIL]
RUDOLF_ELPHBERG_  # a leader
+PRESIDENT_RUDOLF_ELPHBERG
	[RURELI 700101-900101]
	[RURGOV 900101-050630]
	[RURGOVMIL >050701]
MARTA_KOVACS_
	[ZENGOV 20100101-20121231]
"""

MILNONSTATE = """\
BLACK_HAND_ [RURREB] # a group
+BLACK_HAND_MOVEMENT
+MARTA_KOVACS
+OSKAR_VELD
+SHEIKH_OSKAR_VELD
+RED_DAWN_
+ARMY
+XY
+1234
RED_CIRCLE_ [RURREBRCL]
PEOPLES_FRONT_
	[RURREB 19900101-20001231]
RUDOLF_ELPHBERG
+KING_RUDOLF
	[RURGOV]
GENERAL_IVO_BRANN
	[RURREBRCL 19990101-20101231]
"""

INTERNATIONAL = """\
CONCORD_OF_NATIONS_	[IGOCON]	# an IGO
NGO_OF_RURITANIA_	[NGORUR]
"""

FIXES = """\
common_words: [army]
title_words: [PRESIDENT, GENERAL, SHEIKH]
state_name_words: [REPUBLIC]
particles: [AL, OF, THE]
place_words: [CITY]
international_prefixes: [IGO, NGO, MNC]
persons: []
org_words: [FRONT]
non_role_sectors: [ELI]
sector_titles:
  {GOV: government, MIL: military, REB: rebel, IGO: intergovernmental, NGO: non-governmental}
detach:
  - entry: BLACK_HAND_
    as: person
    name: Oskar Veld
    relation: leader_of
    title: chief
    start: "1995"
    synonyms: [OSKAR_VELD, SHEIKH_OSKAR_VELD]
  - entry: BLACK_HAND_
    as: organization
    synonyms: [RED_DAWN_]
drop: []
"""


@pytest.fixture
def entries(tmp_path: Path) -> dict[str, KBEntry]:
    fixes_path = tmp_path / "fixes.yaml"
    fixes_path.write_text(FIXES, encoding="utf-8")
    raw = {
        PHOENIX_FILES[0]: parse_actor_text(COUNTRIES, PHOENIX_FILES[0]),
        PHOENIX_FILES[1]: parse_actor_text(MILNONSTATE, PHOENIX_FILES[1]),
        PHOENIX_FILES[2]: parse_actor_text(INTERNATIONAL, PHOENIX_FILES[2]),
    }
    built, _stats = build_entries(raw, load_fixes(fixes_path))
    for e in built:
        KBEntry.model_validate(e.model_dump())
    return {e.name: e for e in built}


def test_parse_codes_and_dates() -> None:
    raw = parse_actor_text(COUNTRIES, "x")
    rudolf = next(r for r in raw if r.name.startswith("RUDOLF"))
    assert [c.code for c in rudolf.codes] == ["RURELI", "RURGOV", "RURGOVMIL"]
    assert (rudolf.codes[1].start, rudolf.codes[1].end) == ("1990-01-01", "2005-06-30")
    assert rudolf.codes[2].start == "2005-07-01" and rudolf.codes[2].end is None
    assert rudolf.synonyms == ["PRESIDENT_RUDOLF_ELPHBERG"]


def test_display_name_particles() -> None:
    particles = {"AL", "BIN", "OF"}
    assert display_name("KHALIDA_BIN_OMAR_", particles) == "Khalida bin Omar"
    assert display_name("AL-NOOR_FRONT_OF_THE_SEA", particles) == "al-Noor Front of The Sea"
    assert display_name("XYZW", particles, acronyms=True) == "XYZW"


def test_state_aliases_demonyms_places(entries: dict[str, KBEntry]) -> None:
    rur = entries["Ruritania"]
    assert rur.type == "state" and rur.country == "RUR"
    assert "Republic of Ruritania" in rur.aliases
    assert "Ruritannia" in rur.aliases
    assert "Ruritanian" in rur.demonyms
    strelsau = entries["Strelsau"]
    assert strelsau.type == "place" and strelsau.located_in == rur.id
    assert entries["Zenda City"].type == "place"


def test_people_roles_and_titles(entries: dict[str, KBEntry]) -> None:
    rudolf = entries["Rudolf Elphberg"]
    assert rudolf.type == "person" and rudolf.country == "RUR"
    # ELI codes give no role; GOV and GOVMIL do, to the state.
    assert [(r.title, r.start, r.end) for r in rudolf.roles] == [
        ("government", "1990-01-01", "2005-06-30"),
        ("government military", "2005-07-01", None),
    ]
    assert all(r.org == entries["Ruritania"].id for r in rudolf.roles)
    # the title is stripped from synonyms, leaving no duplicate alias
    assert "President Rudolf Elphberg" not in rudolf.aliases


def test_person_role_in_group_by_exact_code(entries: dict[str, KBEntry]) -> None:
    ivo = entries["Ivo Brann"]
    assert [r.org for r in ivo.roles] == [entries["Red Circle"].id]


def test_groups_sector_and_country(entries: dict[str, KBEntry]) -> None:
    hand = entries["Black Hand"]
    assert (hand.type, hand.sector, hand.country) == ("organization", "REB", "RUR")
    assert entries["Concord of Nations"].sector == "IGO"
    assert entries["Concord of Nations"].country is None
    ngo = next(e for e in entries.values() if e.sector == "NGO")
    assert ngo.country == "RUR"


def test_detach_by_fixes(entries: dict[str, KBEntry]) -> None:
    hand = entries["Black Hand"]
    assert "Oskar Veld" not in hand.aliases
    oskar = entries["Oskar Veld"]
    assert oskar.type == "person"
    assert [(r.relation, r.org, r.title, r.start) for r in oskar.roles] == [
        ("leader_of", hand.id, "chief", "1995")
    ]
    assert "Red Dawn" not in hand.aliases
    assert entries["Red Dawn"].type == "organization"
    assert entries["Red Dawn"].sector == "REB"


def test_detach_person_named_elsewhere(entries: dict[str, KBEntry]) -> None:
    hand = entries["Black Hand"]
    assert "Marta Kovacs" not in hand.aliases
    marta = entries["Marta Kovacs"]
    assert any(r.org == hand.id and r.relation == "member_of" for r in marta.roles)


def test_dated_group_is_not_a_person(entries: dict[str, KBEntry]) -> None:
    assert entries["Peoples Front"].type == "organization"


def test_undated_group_named_like_a_person_merges(entries: dict[str, KBEntry]) -> None:
    rudolfs = [e for e in entries.values() if e.name == "Rudolf Elphberg"]
    assert [e.type for e in rudolfs] == ["person"]
    assert "King Rudolf" in rudolfs[0].aliases


def test_generic_synonyms_dropped(entries: dict[str, KBEntry]) -> None:
    aliases = entries["Black Hand"].aliases
    assert aliases == ["Black Hand Movement"]


def test_ids_unique_and_prefixed(entries: dict[str, KBEntry]) -> None:
    ids = [e.id for e in entries.values()]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("phoenix/") for i in ids)
