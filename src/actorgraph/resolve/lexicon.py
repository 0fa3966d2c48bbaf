"""Word lists that steer actor resolution, read from data/lexicon/actors.yaml and titles.yaml."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from actorgraph.errors import ConfigError

HYPHENS = {"-", "–", "—", "‑"}


def _words(phrase: str) -> tuple[str, ...]:
    # Hyphens and spaces are the same for matching: spaCy splits "secretary-general" in three.
    return tuple(w for w in phrase.lower().replace("-", " ").replace("’", "'").split() if w)


class PhraseIndex:
    """Longest-match lookup of lower-case word sequences at a token position."""

    def __init__(self, phrases: Iterable[str], values: Iterable[str] | None = None) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        vals = list(values) if values is not None else None
        for n, phrase in enumerate(phrases):
            words = _words(phrase)
            if not words:
                continue
            value = vals[n] if vals is not None else phrase
            self._by_first.setdefault(words[0], []).append((words, value))
        for lst in self._by_first.values():
            lst.sort(key=lambda x: -len(x[0]))

    def __contains__(self, phrase: str) -> bool:
        words = _words(phrase)
        return any(w == words for w, _ in self._by_first.get(words[0] if words else "", []))

    def match(self, doc: Doc, i: int, limit: int | None = None) -> tuple[int, str] | None:
        """Return (end token index, value) of the longest phrase starting at token i."""
        cands = self._by_first.get(_token_word(doc[i]))
        if not cands:
            return None
        stop = len(doc) if limit is None else min(limit, len(doc))
        for words, value in cands:
            j, k = i, 0
            while j < stop and k < len(words):
                t = doc[j]
                if t.text in HYPHENS:
                    j += 1
                    continue
                if _token_word(t) != words[k]:
                    break
                j += 1
                k += 1
            if k == len(words):
                return j, value
        return None


def _token_word(t: Token) -> str:
    return t.lower_.replace("’", "'")


@dataclass
class ActorLexicon:
    ner_labels: dict[str, str]
    event_name_heads: frozenset[str]
    place_nouns: PhraseIndex
    sub_units: PhraseIndex
    roles: PhraseIndex  # value: relation type
    role_plurals: dict[str, str]
    ended_markers: frozenset[str]
    started_markers: frozenset[str]
    government_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    honorifics: PhraseIndex
    name_particles: frozenset[str]
    representative_nouns: frozenset[str]
    generic_words: frozenset[str]
    direction_words: frozenset[str]
    org_descriptions: frozenset[str] = frozenset()
    state_descriptions: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    acting_preps: frozenset[str] = frozenset()
    locative_nouns: frozenset[str] = frozenset()
    equipment_nouns: PhraseIndex = field(default_factory=lambda: PhraseIndex([]))
    vessel_nouns: PhraseIndex = field(default_factory=lambda: PhraseIndex([]))
    org_words: frozenset[str] = frozenset()
    control_participles: frozenset[str] = frozenset()
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


def _lower_set(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in raw.get(key, []))


def _read_yaml(path: Path | str, text: str | None = None) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text if text is not None else Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"cannot read lexicon file ({exc}); fix or remove it", path=str(path)
        ) from None
    if not isinstance(data, dict):
        raise ConfigError("a lexicon file must hold a mapping of lists", path=str(path))
    return data


def _builtin(name: str) -> dict[str, Any]:
    text = resources.files("actorgraph").joinpath(f"data/lexicon/{name}").read_text("utf-8")
    return _read_yaml(name, text)


def load_actor_lexicon(extra: Sequence[Path | str] = ()) -> ActorLexicon:
    """Builtin word lists, then each user file in order (a key it names replaces the builtin)."""
    if not extra:
        return _default_lexicon()
    return _make(extra)


@functools.cache
def _default_lexicon() -> ActorLexicon:
    return _make(())


def _make(extra: Sequence[Path | str]) -> ActorLexicon:
    raw = _builtin("actors.yaml")
    raw.update(_builtin("titles.yaml"))
    for path in extra:
        raw.update(_read_yaml(path))
    roles: dict[str, list[str]] = raw.get("roles", {})
    role_phrases = [(p, rel) for rel, ps in roles.items() for p in ps]
    try:
        return ActorLexicon(
            ner_labels=dict(raw["ner_labels"]),
            event_name_heads=frozenset(w.lower() for w in raw["event_name_heads"]),
            place_nouns=PhraseIndex(raw["place_nouns"]),
            sub_units=PhraseIndex(raw["sub_units"]),
            roles=PhraseIndex([p for p, _ in role_phrases], [r for _, r in role_phrases]),
            role_plurals={k.lower(): v for k, v in raw.get("role_plurals", {}).items()},
            ended_markers=frozenset(raw.get("ended_markers", [])),
            started_markers=frozenset(raw.get("started_markers", [])),
            government_nouns=frozenset(raw.get("government_nouns", [])),
            person_pronouns=frozenset(raw.get("person_pronouns", [])),
            org_pronouns=frozenset(raw.get("org_pronouns", [])),
            honorifics=PhraseIndex(raw.get("honorifics", [])),
            name_particles=frozenset(raw.get("name_particles", [])),
            representative_nouns=frozenset(raw.get("representative_nouns", [])),
            generic_words=frozenset(w.lower() for w in raw.get("generic_words", [])),
            direction_words=frozenset(w.lower() for w in raw.get("direction_words", [])),
            org_descriptions=frozenset(w.lower() for w in raw.get("org_descriptions", [])),
            state_descriptions=frozenset(w.lower() for w in raw.get("state_descriptions", [])),
            locative_preps=_lower_set(raw, "locative_prepositions"),
            acting_preps=_lower_set(raw, "acting_prepositions"),
            locative_nouns=_lower_set(raw, "locative_nouns"),
            equipment_nouns=PhraseIndex(raw.get("equipment_nouns", [])),
            vessel_nouns=PhraseIndex(raw.get("vessel_nouns", [])),
            org_words=_lower_set(raw, "org_words"),
            control_participles=_lower_set(raw, "control_participles"),
            raw=raw,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"the actor lexicon lacks or mistypes the key {exc}; see actors.yaml"
        ) from None
