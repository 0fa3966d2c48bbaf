"""The data of actor resolution: mentions, actors, role facts, and the per-document context.

Both ``actors`` (names, clusters, units, pronouns) and ``roles`` (titles) read and write these;
neither imports the other's internals, so the two modules form no import cycle.

>>> a = ResolvedActor(index=0, key="name:vessa", mentions=[Mention(0, 1, "name")])
>>> ActorSet([a], {0: 0}).actor_at(0) is a
True
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from itertools import compress

from spacy.attrs import IS_ALPHA, IS_LOWER, LOWER, ORTH, POS, SENT_START, SPACY
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc, Span, Token

from actorgraph.kb import KBEntry
from actorgraph.resolve.lexicon import ActorLexicon, PhraseHits

# Parts of speech of the open classes a common word belongs to (DocContext.common_words).
_OPEN_POS = frozenset({"NOUN", "ADJ", "VERB"})

# Grammar, not vocabulary: the clitics and articles of English noun phrases.
POSSESSIVE = {"'s", "’s", "'", "’"}
DETERMINERS = {"the", "a", "an"}
# Actor types that can hold members, lead and be led (a place cannot, a person is held).
ORG_TYPES = frozenset({"organization", "state", "group"})
# Key prefix of the group actor an unnamed party stands for ("gunmen", "armed men"), made by
# the event stage (extract/context.py) and kept in the record only as a party.
UNNAMED_GROUP_KEY = "group:"


@dataclass
class Mention:
    start: int  # token indices, end exclusive
    end: int
    kind: str  # name | demonym | subunit | title | pronoun
    votes: Counter[str] = field(default_factory=Counter)
    kb: list[KBEntry] = field(default_factory=list)
    prose: bool = True
    unit: str | None = None  # sub-unit phrase for kind == subunit
    owner: int | None = None  # index of the owning actor for sub-units

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


@dataclass
class ResolvedActor:
    index: int
    key: str
    mentions: list[Mention]
    kb: KBEntry | None = None
    type: str = "organization"
    name: str = ""
    parent: int | None = None  # actor index this one is part_of
    unit: str | None = None

    @property
    def id(self) -> str:
        return f"a{self.index}"


@dataclass
class RoleFact:
    person: int
    org: int
    relation: str
    start: int  # token range of the whole title phrase with its names
    end: int
    ended: bool = False
    started: bool = False
    role_start: int = -1  # the title words themselves ("secretary-general")
    role_end: int = -1


@dataclass
class ActorSet:
    """All actors of one document with a token-to-actor map for later stages."""

    actors: list[ResolvedActor]
    token_actor: dict[int, int]  # token index -> actor index
    roles: list[RoleFact] = field(default_factory=list)
    title_person: dict[int, int] = field(default_factory=dict)  # title token -> person actor

    def actor_at(self, token_index: int) -> ResolvedActor | None:
        idx = self.token_actor.get(token_index)
        return None if idx is None else self.actors[idx]

    def nearest(self, before: int, types: set[str] | frozenset[str]) -> int | None:
        """The actor of these types (no sub-unit) named last before a token, by index."""
        best: tuple[int, int] | None = None
        for a in self.actors:
            if a.type not in types or a.parent is not None:
                continue
            for m in a.mentions:
                if m.start < before and m.kind != "pronoun" and (best is None or m.start > best[0]):
                    best = (m.start, a.index)
        return None if best is None else best[1]

    def bounds(self, a: ResolvedActor, i: int) -> tuple[int, int]:
        """The token range of the mention of ``a`` that covers token i."""
        for m in a.mentions:
            if m.start <= i < m.end:
                return m.start, m.end
        return i, i + 1


@dataclass
class DocContext:
    """What resolution knows of one document while it runs: made for each call and passed
    along, so that one resolver serves any number of threads.

    The phrase lists of the lexicon are searched once per document, on first use.
    """

    doc: Doc
    lex: ActorLexicon
    published: str | None = None
    # Normalised name words by mention range: asked for every pair of person mentions, and a
    # long report would spend minutes normalising the same names again.
    name_words: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    # Mentions placed so far by the last word of their name, as (actor index, position among
    # its mentions, actor, mention): the surname look-up of ActorResolver._same_person.
    person_index: dict[str, list[tuple[int, int, ResolvedActor, Mention]]] = field(
        default_factory=dict
    )
    unit_tokens: set[int] = field(default_factory=set)  # sub-unit phrases kept for step 4
    not_actors: set[int] = field(default_factory=set)  # ships and weapons: never a name
    vessel_names: set[str] = field(default_factory=set)  # a ship's name, said again alone
    fired: list[tuple[str, int]] = field(default_factory=list)  # rule id, title token
    _flags: dict[int, list[bool]] = field(default_factory=dict, repr=False)

    # Each token's text, lower-case form and following space, read once from the document's
    # arrays: resolution walks every token several times, and each ``doc[i]`` (or each step of
    # ``for t in doc``) makes a new Token object.
    @cached_property
    def _words(self) -> tuple[list[str], list[str], list[str]]:
        strings = self.doc.vocab.strings
        orths, lowers, spaces = self.doc.to_array([ORTH, LOWER, SPACY]).T.tolist()
        texts = [strings[orth] for orth in orths]
        # Most words are written in lower case: their lower-case form is their text.
        return (
            texts,
            [
                text if orth == lower else strings[lower]
                for text, orth, lower in zip(texts, orths, lowers, strict=True)
            ],
            [" " if space else "" for space in spaces],
        )

    # Cached, not computed properties: the scans read them for every token they visit.
    @cached_property
    def texts(self) -> list[str]:
        return self._words[0]

    @cached_property
    def lowers(self) -> list[str]:
        return self._words[1]

    @cached_property
    def spaces(self) -> list[str]:
        return self._words[2]

    @cached_property
    def _spaced(self) -> list[str]:
        """Each token's text with its following space: the pieces of a span's text."""
        return [text + space for text, space in zip(self.texts, self.spaces, strict=True)]

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without making the Span."""
        if end - start == 1:
            return self.texts[start]  # most names asked for are one word
        if end <= start:
            return ""
        return "".join(self._spaced[start : end - 1]) + self.texts[end - 1]

    @cached_property
    def capitals(self) -> list[bool]:
        """Whether each token is written like a name's word (see ``capitalised``)."""
        return [capitalised(text) for text in self.texts]

    @cached_property
    def capitalised_indices(self) -> list[int]:
        """The tokens written like a name's word, in order: the scans for names visit only
        these (a tenth of the words of news prose)."""
        return list(compress(range(len(self.capitals)), self.capitals))

    @cached_property
    def pos(self) -> list[str]:
        """Each token's ``pos_`` ("PROPN"), read from the document's array."""
        return [POS_NAMES[p] for p in self._array(POS)]

    @cached_property
    def sent_starts(self) -> list[bool]:
        """Whether each token opens a sentence: ``is_sent_start`` is True (not None, not
        False)."""
        return [v == 1 for v in self._array(SENT_START)]

    def flags(self, attr: int) -> list[bool]:
        """A boolean attribute of every token, by its id in ``spacy.attrs``.

        >>> import spacy
        >>> from spacy.attrs import IS_DIGIT
        >>> from actorgraph.resolve.lexicon import load_actor_lexicon
        >>> DocContext(spacy.blank("en")("Unit 8200"), load_actor_lexicon()).flags(IS_DIGIT)
        [False, True]
        """
        got = self._flags.get(attr)
        if got is None:
            got = self._flags[attr] = self.doc.to_array(attr).astype(bool).tolist()
        return got

    def _array(self, attr: int) -> list[int]:
        return self.doc.to_array(attr).tolist() if len(self.doc) else []

    @cached_property
    def common_words(self) -> frozenset[str]:
        """Words the document writes in lower case as nouns, adjectives or verbs ("the
        ideology of ..."): the same word capitalised alone is rarely a name."""
        rows = zip(self.texts, self.flags(IS_LOWER), self.flags(IS_ALPHA), self.pos, strict=True)
        return frozenset(
            text for text, low, alpha, pos in rows if low and alpha and pos in _OPEN_POS
        )

    @cached_property
    def roles(self) -> PhraseHits:
        return self.lex.roles.find(self.doc)

    @cached_property
    def honorifics(self) -> PhraseHits:
        return self.lex.honorifics.find(self.doc)

    @cached_property
    def title_starts(self) -> frozenset[int]:
        """The tokens an honorific or a role phrase starts at: where a title can begin."""
        return frozenset(self.honorifics.starts()).union(self.roles.starts())

    @cached_property
    def place_nouns(self) -> PhraseHits:
        return self.lex.place_nouns.find(self.doc)

    @cached_property
    def sub_units(self) -> PhraseHits:
        return self.lex.sub_units.find(self.doc)

    @cached_property
    def vessel_nouns(self) -> PhraseHits:
        return self.lex.vessel_nouns.find(self.doc)

    @cached_property
    def media_nouns(self) -> PhraseHits:
        return self.lex.media_nouns.find(self.doc)

    @cached_property
    def equipment_nouns(self) -> PhraseHits:
        return self.lex.equipment_nouns.find(self.doc)


def capitalised(text: str) -> bool:
    """A word written like a name's: a capital first, or a lower-case particle and a capital
    ("al-Aqsa").

    >>> capitalised("Vessa"), capitalised("al-Vessa"), capitalised("vessa")
    (True, True, False)
    """
    if not text or not text[0].isalpha():
        return False
    if text[0].isupper():
        return True
    # Lower-case particles ("al-", "el-", "bin") open many names.
    return "-" in text and text.split("-", 1)[1][:1].isupper()


def is_prose(doc: Doc, i: int) -> bool:
    lines = doc.user_data.get("ag_nonprose")
    if not lines:
        return True
    ch = doc[i].idx
    return not any(a <= ch < b for a, b in lines)


def active(start: str | None, end: str | None, on: str) -> bool:
    """Whether a role held from start to end (ISO prefixes, None = open) is held on a date."""
    return (start is None or start[: len(on)] <= on) and (end is None or end[: len(on)] >= on)


def _clause_of(t: Token) -> Token:
    """The verb whose clause holds the word (the sentence root at most)."""
    # By index: each ``t.head`` is a new Token object, never ``t`` itself, even at the root.
    while t.pos_ not in {"VERB", "AUX"} and t.head.i != t.i:
        t = t.head
    return t


def antecedent(doc: Doc, aset: ActorSet, at: int, types: set[str] | frozenset[str]) -> int | None:
    """What "its" at token ``at`` refers to: the nearest actor of these types, unless that one
    stands in an earlier clause that has another of them as its subject or the subject's
    possessor ("X's wing is Y, and its chief ..." refers to X): then that one.

    Within the pronoun's own clause ("the council criticised X and its chief") the nearest
    name wins.
    """
    idx = aset.nearest(at, types)
    if idx is None:
        return None
    near = max(m.start for m in aset.actors[idx].mentions if m.start < at and m.kind != "pronoun")
    clause = _clause_of(doc[near])
    if clause == _clause_of(doc[at]):
        return idx
    for k in range(clause.left_edge.i, near):
        a = aset.token_actor.get(k)
        if a is None or a == idx or aset.actors[a].type not in types:
            continue
        tok = doc[k]
        head = tok if tok.dep_ != "compound" else tok.head
        subject = head.dep_ in {"nsubj", "nsubjpass"} and head.head == clause
        owner = head.dep_ == "poss" and head.head.dep_ in {"nsubj", "nsubjpass"}
        if (subject or owner) and aset.actors[a].parent is None:
            return a
    return idx
