"""Word lists that steer actor resolution, read from data/lexicon/actors.yaml and titles.yaml."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.lang.lex_attrs import LEX_ATTRS
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from actorgraph.errors import ConfigError

HYPHENS = {"-", "–", "—", "‑"}


def _words(phrase: str) -> tuple[str, ...]:
    # Hyphens and spaces are the same for matching: spaCy splits "secretary-general" in three.
    return tuple(w for w in phrase.lower().replace("-", " ").replace("’", "'").split() if w)


def _spellings(words: tuple[str, ...]) -> Iterator[list[str]]:
    """The token sequences a phrase can take in a parse: any hyphen (or none) between two words,
    either apostrophe inside a word."""
    gaps = [[], *([h] for h in sorted(HYPHENS))]
    forms = [sorted({w, w.replace("'", "’")}) for w in words]
    for chosen in itertools.product(*forms):
        for between in itertools.product(gaps, repeat=len(words) - 1):
            tokens = [chosen[0]]
            for gap, word in zip(between, chosen[1:], strict=True):
                tokens.extend(gap)
                tokens.append(word)
            yield tokens


# The matchers' own vocabulary: attribute hashes are the same in every vocabulary, so the
# lexicon and the patterns load without a pipeline.
MATCH_VOCAB = Vocab(lex_attr_getters=LEX_ATTRS)


class PhraseHits:
    """The phrases of one list found in one document, by start token.

    >>> import spacy
    >>> hits = PhraseList(["prime minister"]).find(spacy.blank("en")("The Prime-Minister spoke"))
    >>> hits.match(1)
    (4, 'prime minister')
    """

    def __init__(self, by_start: dict[int, list[tuple[int, str]]]) -> None:
        self._by_start = by_start

    def match(self, i: int, limit: int | None = None) -> tuple[int, str] | None:
        """(end token index, value) of the longest phrase starting at token i, ending by limit."""
        for end, value in self._by_start.get(i, ()):
            if limit is None or end <= limit:
                return end, value
        return None

    def starts(self) -> list[int]:
        """The tokens at which a phrase starts, in order: a scan for phrases visits only these.

        >>> PhraseHits({4: [(6, "chief")], 1: [(2, "envoy")]}).starts()
        [1, 4]
        """
        return sorted(self._by_start)

    def covered(self) -> frozenset[int]:
        """The tokens inside the longest phrase begun at each token."""
        return frozenset(
            k for start, ends in self._by_start.items() for k in range(start, ends[0][0])
        )


class PhraseList:
    """A list of word sequences found with spaCy's ``PhraseMatcher`` on lower-case text; the
    longest phrase wins, and among equal ones the one listed first.

    >>> import spacy
    >>> PhraseList(["chief of staff", "chief"]).match(spacy.blank("en")("Chief of staff"), 0)
    (3, 'chief of staff')
    """

    def __init__(self, phrases: Iterable[str], values: Iterable[str] | None = None) -> None:
        self._matcher = PhraseMatcher(MATCH_VOCAB, attr="LOWER")
        self._entries: dict[int, tuple[int, int, str]] = {}  # match id -> rank, words, value
        self._phrases: set[tuple[str, ...]] = set()
        self.max_tokens = 0
        vals = list(values) if values is not None else None
        for n, phrase in enumerate(phrases):
            words = _words(phrase)
            if not words:
                continue
            self._phrases.add(words)
            key = f"phrase{n}"
            spellings = [Doc(MATCH_VOCAB, words=tokens) for tokens in _spellings(words)]
            self.max_tokens = max(self.max_tokens, *(len(d) for d in spellings))
            self._matcher.add(key, spellings)
            value = vals[n] if vals is not None else phrase
            self._entries[MATCH_VOCAB.strings[key]] = (n, len(words), value)

    def __contains__(self, phrase: str) -> bool:
        return _words(phrase) in self._phrases

    def find(self, doclike: Doc | Span) -> PhraseHits:
        """Every phrase of the list in a document (or a span of one)."""
        found: dict[int, list[tuple[int, int, int, str]]] = {}
        for key, start, end in self._matcher(doclike):
            rank, size, value = self._entries[key]
            found.setdefault(start, []).append((-size, rank, end, value))
        return PhraseHits(
            {start: [(end, v) for _, _, end, v in sorted(c)] for start, c in found.items()}
        )

    def match(self, doc: Doc, i: int, limit: int | None = None) -> tuple[int, str] | None:
        """(end token index, value) of the longest phrase starting at token i; for one look-up,
        where :meth:`find` serves a whole document."""
        if not self._entries or i >= len(doc):
            return None
        stop = len(doc) if limit is None else min(limit, len(doc))
        if stop <= i:
            return None
        return self.find(doc[i : min(stop, i + self.max_tokens)]).match(i, stop)


@dataclass
class ActorLexicon:
    ner_labels: dict[str, str]
    event_name_heads: frozenset[str]
    place_nouns: PhraseList
    sub_units: PhraseList
    roles: PhraseList  # value: relation type
    role_plurals: dict[str, str]
    ended_markers: frozenset[str]
    started_markers: frozenset[str]
    government_nouns: frozenset[str]
    person_pronouns: frozenset[str]
    org_pronouns: frozenset[str]
    honorifics: PhraseList
    name_particles: frozenset[str]
    representative_nouns: frozenset[str]
    generic_words: frozenset[str]
    direction_words: frozenset[str]
    org_descriptions: frozenset[str] = frozenset()
    state_descriptions: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    acting_preps: frozenset[str] = frozenset()
    locative_nouns: frozenset[str] = frozenset()
    equipment_nouns: PhraseList = field(default_factory=lambda: PhraseList([]))
    vessel_nouns: PhraseList = field(default_factory=lambda: PhraseList([]))
    media_nouns: PhraseList = field(default_factory=lambda: PhraseList([]))
    org_words: frozenset[str] = frozenset()
    control_participles: frozenset[str] = frozenset()
    held_participles: frozenset[str] = frozenset()
    led_participles: frozenset[str] = frozenset()
    lower_name_articles: frozenset[str] = frozenset()
    region_nouns: frozenset[str] = frozenset()
    numbered_unit_words: frozenset[str] = frozenset()
    led_bodies: frozenset[str] = frozenset()
    short_body_names: frozenset[str] = frozenset()
    kin_group_nouns: frozenset[str] = frozenset()
    title_modifiers: frozenset[str] = frozenset()
    title_heads: frozenset[str] = frozenset()
    place_preps: frozenset[str] = frozenset()
    name_suffixes: frozenset[str] = frozenset()
    venue_nouns: frozenset[str] = frozenset()
    creed_words: frozenset[str] = frozenset()
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


def _lower_set(raw: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in raw.get(key, []))


def _read_yaml(path: Path | str, text: str | None = None) -> dict[str, Any]:
    # Imported here: the extract package imports this module while it loads.
    from actorgraph.extract.lexicon import load_yaml_words

    try:
        data = load_yaml_words(text if text is not None else Path(path).read_text("utf-8"))
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
            place_nouns=PhraseList(raw["place_nouns"]),
            sub_units=PhraseList(raw["sub_units"]),
            roles=PhraseList([p for p, _ in role_phrases], [r for _, r in role_phrases]),
            role_plurals={k.lower(): v for k, v in raw.get("role_plurals", {}).items()},
            ended_markers=frozenset(raw.get("ended_markers", [])),
            started_markers=frozenset(raw.get("started_markers", [])),
            government_nouns=frozenset(raw.get("government_nouns", [])),
            person_pronouns=frozenset(raw.get("person_pronouns", [])),
            org_pronouns=frozenset(raw.get("org_pronouns", [])),
            honorifics=PhraseList(raw.get("honorifics", [])),
            name_particles=frozenset(raw.get("name_particles", [])),
            representative_nouns=frozenset(raw.get("representative_nouns", [])),
            generic_words=frozenset(w.lower() for w in raw.get("generic_words", [])),
            direction_words=frozenset(w.lower() for w in raw.get("direction_words", [])),
            org_descriptions=frozenset(w.lower() for w in raw.get("org_descriptions", [])),
            state_descriptions=frozenset(w.lower() for w in raw.get("state_descriptions", [])),
            locative_preps=_lower_set(raw, "locative_prepositions"),
            acting_preps=_lower_set(raw, "acting_prepositions"),
            locative_nouns=_lower_set(raw, "locative_nouns"),
            equipment_nouns=PhraseList(raw.get("equipment_nouns", [])),
            vessel_nouns=PhraseList(raw.get("vessel_nouns", [])),
            media_nouns=PhraseList(raw.get("media_nouns", [])),
            org_words=_lower_set(raw, "org_words"),
            control_participles=_lower_set(raw, "control_participles"),
            held_participles=_lower_set(raw, "held_participles"),
            led_participles=_lower_set(raw, "led_participles"),
            lower_name_articles=_lower_set(raw, "lower_name_articles"),
            region_nouns=_lower_set(raw, "region_nouns"),
            numbered_unit_words=_lower_set(raw, "numbered_unit_words"),
            led_bodies=_lower_set(raw, "led_bodies"),
            short_body_names=_lower_set(raw, "short_body_names"),
            kin_group_nouns=_lower_set(raw, "kin_group_nouns"),
            title_modifiers=_lower_set(raw, "title_modifiers"),
            title_heads=_lower_set(raw, "title_heads"),
            place_preps=_lower_set(raw, "place_prepositions"),
            name_suffixes=_lower_set(raw, "name_suffixes"),
            venue_nouns=_lower_set(raw, "venue_nouns"),
            creed_words=_lower_set(raw, "creed_words"),
            raw=raw,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"the actor lexicon lacks or mistypes the key {exc}; see actors.yaml"
        ) from None
