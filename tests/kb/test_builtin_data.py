"""The shipped data: validates fully, no dangling references, no person/organisation alias."""

from __future__ import annotations

import json
from collections import defaultdict

import yaml

from actorgraph.kb import KBEntry, KnowledgeBase, normalize_name
from actorgraph.kb.loader import CURATED_FILE, PHOENIX_FILE

ORG_TYPES = {"organization", "group"}


def test_phoenix_json_validates() -> None:
    rows = json.loads(PHOENIX_FILE.read_text(encoding="utf-8"))["entries"]
    assert len(rows) > 20_000
    ids = set()
    for row in rows:
        entry = KBEntry.model_validate(row)
        assert entry.origin == "phoenix" and entry.id.startswith("phoenix/")
        ids.add(entry.id)
    assert len(ids) == len(rows)


def test_curated_yaml_validates() -> None:
    doc = yaml.safe_load(CURATED_FILE.read_text(encoding="utf-8"))
    entries = [KBEntry.model_validate(item) for item in doc["entries"]]
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    by_type = defaultdict(int)
    for e in entries:
        by_type[e.type] += 1
    assert by_type["state"] >= 197 and by_type["person"] >= 150 and by_type["place"] >= 300
    for e in entries:
        if e.type in ("state", "place"):
            assert e.coordinates is not None, e.id
            lat, lon = e.coordinates
            assert -90 <= lat <= 90 and -180 <= lon <= 180, e.id
        for r in e.roles:
            assert r.start is None or r.end is None or r.start <= r.end, e.id


def test_loaded_kb_entries_validate_and_references_resolve() -> None:
    kb = KnowledgeBase.default()
    for e in kb:
        KBEntry.model_validate(e.model_dump())
        for ref in [e.parent, e.located_in, e.capital_of, *(r.org for r in e.roles)]:
            if ref:
                assert kb.get(ref) is not None, (e.id, ref)


def test_no_alias_shared_by_person_and_organisation() -> None:
    kb = KnowledgeBase.default()
    types: dict[str, set[str]] = defaultdict(set)
    for e in kb:
        for name in [e.name, *e.aliases]:
            for found in kb.lookup(name):
                types[normalize_name(name)].add(found.type)
    clashes = sorted(k for k, t in types.items() if "person" in t and t & ORG_TYPES)
    assert clashes == []


def test_every_state_has_a_demonym_lookup() -> None:
    kb = KnowledgeBase.default()
    for e in kb:
        if e.origin == "curated" and e.type == "state":
            for d in e.demonyms:
                found = kb.demonym(d)
                assert found is not None and found.id == e.id, (d, e.id)
