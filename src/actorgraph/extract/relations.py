"""Standing relations: from titles (resolve/roles.py), sub-organisations, and the verb and noun
patterns of data/lexicon/relations.yaml ("lives in", "relocated its offices from A to B",
"answers to", "the X district of Y").

Each way of finding a relation is a small named rule (``RULES``: an id, the condition it
applies under, a priority and an example sentence). Token rules fire on a trigger word in
sentence order; document rules run after them, by priority. The tree shapes the rules read (a
title after "as", a place's possessor, a passive agent...) are patterns in spaCy's
``DependencyMatcher`` format in data/patterns/relations.yaml, matched at the words a rule
considers (extract/shapes.py); the words are in data/lexicon/relations.yaml. The extractor keeps
nothing of a document: what one call needs lives in a ``_Context`` made for it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc, Span, Token

from actorgraph.concepts import precision_of
from actorgraph.errors import ConfigError
from actorgraph.extract.dates import Anchor, DateMention, find_dates, parse_anchor
from actorgraph.extract.evidence import evidence
from actorgraph.extract.lexicon import load_yaml_words
from actorgraph.extract.modality import modality_of
from actorgraph.extract.shapes import ShapePattern, first_pos, first_values, load_shapes
from actorgraph.nlp.scan import token_indices
from actorgraph.records import Attribution, DateValue, Relation
from actorgraph.resolve.actors import POSSESSIVE, ActorSet, is_prose
from actorgraph.resolve.lexicon import PhraseHits, PhraseList

if TYPE_CHECKING:
    from actorgraph.extract.context import DocContext
    from actorgraph.extract.events import EventExtractor, PartiesView

PERSONAL = {"resides_in", "leader_of", "deputy_leader_of", "member_of"}
PLACE_TYPES = {"place", "state"}


@dataclass(frozen=True)
class VerbPattern:
    lemma: str
    relation: str
    prep: str | None = None
    object: frozenset[str] = frozenset()
    passive: bool = False
    inverse: bool = False
    ends: str | None = None
    # the verb itself ends the relation ("left the movement"); `tail` limits the tail's type
    ended: bool = False
    tail: frozenset[str] = frozenset()


@dataclass(frozen=True)
class NounPattern:
    lemma: str
    relation: str
    prep: str | None = None
    appositive: bool = False
    pair_prep: str | None = None
    # "X and Y are allies": the plural noun relates the coordinated subjects
    reciprocal: bool = False
    # prepositions whose object is whose the noun is ("an ally of Y", "a proxy for Y")
    owner_preps: frozenset[str] = frozenset({"of"})
    # "a coalition partner", "the alliance's partners": with a tail whose name ends in one of
    # these words, the relation is `within_relation` (member_of) instead
    within: frozenset[str] = frozenset()
    within_relation: str | None = None


@dataclass(frozen=True)
class RelationPatterns:
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, tuple[NounPattern, ...]]
    place_of: bool
    # "the X-based group Y": the word after the hyphen -> relation (modified, named)
    compounds: dict[str, str] = field(default_factory=dict)
    # "X's border police": last words of a state body's name, part of the possessor
    state_bodies: frozenset[str] = frozenset()
    # "became leader of X", "resigned as chairman of X": verb lemma -> start / end / hold
    role_verbs: dict[str, str] = field(default_factory=dict)
    # words that say which end of a relation a date gives: since / until / range
    date_words: dict[str, frozenset[str]] = field(default_factory=dict)
    # marks that keep one name-like phrase together ("X-administered Y", "X's Y province")
    joiners: frozenset[str] = frozenset()
    # the dashes of a hyphenated modifier ("the X-based group")
    hyphens: frozenset[str] = frozenset()


def load_relation_patterns(extra: Sequence[Path | str] = ()) -> RelationPatterns:
    if not extra:
        return _builtin_patterns()
    return _make([_builtin_raw(), *(_read(p) for p in extra)])


def _read(path: Path | str) -> dict[str, Any]:
    try:
        data = load_yaml_words(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read relation patterns ({exc})", path=str(path)) from None
    if not isinstance(data, dict):
        raise ConfigError("relation patterns must be a mapping", path=str(path))
    return data


def _builtin_raw() -> dict[str, Any]:
    text = resources.files("actorgraph").joinpath("data/lexicon/relations.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml_words(text)
    return data


@functools.cache
def _builtin_patterns() -> RelationPatterns:
    return _make([_builtin_raw()])


def _make(layers: list[dict[str, Any]]) -> RelationPatterns:
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, list[NounPattern]] = {}
    place_of = True
    compounds: dict[str, str] = {}
    bodies: set[str] = set()
    role_verbs: dict[str, str] = {}
    date_words: dict[str, set[str]] = {}
    marks: dict[str, set[str]] = {"joiners": set(), "hyphens": set()}
    try:
        for raw in layers:
            for kind, got in marks.items():
                got.update(str(w) for w in raw.get(kind, []))
            bodies.update(str(w).lower() for w in raw.get("state_bodies", []))
            for kind, lemmas in (raw.get("role_verbs") or {}).items():
                if kind not in {"start", "end", "hold"}:
                    raise ConfigError(f"role_verbs: unknown kind {kind!r} (start, end, hold)")
                role_verbs.update((str(w).lower(), kind) for w in lemmas)
            for kind, words in (raw.get("date_words") or {}).items():
                date_words.setdefault(kind, set()).update(str(w).lower() for w in words)
            for c in raw.get("compounds", []):
                compounds[str(c["word"]).lower()] = str(c["relation"])
            for v in raw.get("verbs", []):
                p = VerbPattern(
                    lemma=v["lemma"],
                    relation=v["relation"],
                    prep=v.get("prep"),
                    object=frozenset(v.get("object", [])),
                    passive=bool(v.get("passive", False)),
                    inverse=bool(v.get("inverse", False)),
                    ends=v.get("ends"),
                    ended=bool(v.get("ended", False)),
                    tail=frozenset(v.get("tail", [])),
                )
                verbs.setdefault(p.lemma, []).append(p)
            for n in raw.get("nouns", []):
                q = NounPattern(
                    lemma=n["lemma"],
                    relation=n["relation"],
                    prep=n.get("prep"),
                    appositive=bool(n.get("appositive", False)),
                    pair_prep=n.get("pair_prep"),
                    reciprocal=bool(n.get("reciprocal", False)),
                    owner_preps=frozenset(n.get("owner_preps", ["of"])),
                    within=frozenset(
                        str(w).lower() for w in (n.get("within") or {}).get("bodies", [])
                    ),
                    within_relation=(n.get("within") or {}).get("relation"),
                )
                nouns.setdefault(q.lemma, []).append(q)
            place_of = bool(raw.get("place_of", place_of))
    except (KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            f"a relation pattern lacks or mistypes {exc}; see relations.yaml"
        ) from None
    # Most specific first: a pattern with an object or a preposition beats a bare one.
    return RelationPatterns(
        verbs={
            k: tuple(sorted(v, key=lambda p: -(bool(p.object) + bool(p.prep))))
            for k, v in verbs.items()
        },
        nouns={k: tuple(v) for k, v in nouns.items()},
        place_of=place_of,
        compounds=compounds,
        state_bodies=frozenset(bodies),
        role_verbs=role_verbs,
        date_words={k: frozenset(v) for k, v in date_words.items()},
        joiners=frozenset(marks["joiners"]),
        hyphens=frozenset(marks["hyphens"]),
    )


# --- tree shapes -----------------------------------------------------------------------------

SHAPES = "data/patterns/relations.yaml"


def shape_patterns() -> tuple[ShapePattern, ...]:
    """The tree shapes of data/patterns/relations.yaml, in file order."""
    return load_shapes(SHAPES)


@functools.cache
def _group(name: str) -> tuple[ShapePattern, ...]:
    return tuple(p for p in shape_patterns() if p.group == name)


def title_shape(noun: Token) -> tuple[str, Token, Token | None] | None:
    """(pattern id, verb, holder or None) of the first `title` shape the noun is the title of.

    >>> title_shape(nlp("She served as commander.")[3])  # doctest: +SKIP
    ('title_after_as', served, None)
    """
    pos, deps = _title_pos(), _title_deps()
    if (pos is not None and noun.pos_ not in pos) or (deps is not None and noun.dep_ not in deps):
        return None  # asked at every word: most are no title
    for p in _group("title"):
        for m in p.at(noun):
            return p.id, m["verb"], m.get("holder")
    return None


@functools.cache
def _title_pos() -> frozenset[str] | None:
    return first_pos(_group("title"))


@functools.cache
def _title_deps() -> frozenset[str] | None:
    return first_values(_group("title"), "DEP")


def place_links(place: Token) -> list[tuple[int, str, int]]:
    """(attached word, pattern id, word naming the outer place) for each `place_link` shape on
    the head of a place name, in the order of the attached words."""
    links: dict[int, tuple[int, str]] = {}
    for p in _group("place_link"):
        for m in p.at(place):
            # Matches come in token order: the first object of a preposition is kept.
            links.setdefault(m.get("link", m["outer"]).i, (m["outer"].i, p.id))
    return [(link, pid, outer) for link, (outer, pid) in sorted(links.items())]


def agent_objects(verb: Token) -> list[Token]:
    """The objects of the verb's passive agent (`agent` shapes), in token order."""
    return [m["object"] for p in _group("agent") for m in p.at(verb)]


def named_by(noun: Token) -> list[tuple[str, Token]]:
    """(pattern id, name) for each `named_by` shape of a relation noun, pattern by pattern."""
    return [(p.id, m["name"]) for p in _group("named_by") for m in p.at(noun)]


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationRule:
    """One way of finding a standing relation.

    ``kind`` "token" rules fire on a trigger word, in sentence order; at one word a verb or noun
    pattern is tried before a title predicate (``priority``). "document" rules run after them,
    lowest ``priority`` first. ``example`` is a sentence in which the rule fires.
    """

    id: str
    kind: str
    applies: str
    priority: int
    example: str


RULES: tuple[RelationRule, ...] = (
    RelationRule(
        "verb_pattern", "token", "a verb with a pattern in `verbs` of relations.yaml", 1,
        "Tomas Varga lives in Vessa.",
    ),
    RelationRule(
        "verb_from", "token", "a verb pattern with `ends`: its preposition names where it ended",
        1, "Tomas Varga moved from Vessa to Brenna in 2019.",
    ),
    RelationRule(
        "noun_prep", "token", "a noun pattern with `prep`: possessor or `of` object, then the "
        "preposition's object", 2, "The Red Dawn Front's headquarters in Vessa were shelled.",
    ),
    RelationRule(
        "noun_appositive", "token", "an `appositive` noun pattern: the named actor and the "
        "noun's possessor or modifier", 2, "Norland's ally, the Red Dawn Front, held the town.",
    ),
    RelationRule(
        "noun_reciprocal", "token", "a `reciprocal` noun as predicate of coordinated subjects",
        2, "Norland and the Red Dawn Front are allies.",
    ),
    RelationRule(
        "noun_pair", "token", "a noun pattern with `pair_prep`: its first two objects", 2,
        "They hailed the alliance between Norland and the Red Dawn Front.",
    ),
    RelationRule(
        "role_predicate", "token", "a title that is the predicate of a verb of office "
        "(`role_verbs`), in one of the `title` shapes", 3,
        "Karim Osei became leader of the Red Dawn Front in 2019.",
    ),
    RelationRule(
        "title_date", "document", "a title found with the actors, followed by a date whose "
        "words say which end it gives (`date_words`)", 10,
        "Tomas Varga, chairman of the Red Dawn Front since 2015, spoke in Vessa.",
    ),
    RelationRule(
        "place_of", "document", "`place_of` is on: a place noun and `of` between two places",
        20, "Fighting reached the Vessa district of Norland.",
    ),
    RelationRule(
        "place_in", "document", "`place_of` is on: a place name whose possessor or `in` object "
        "is a larger place", 30, "Protesters gathered in Vessa, in Norland, on Monday.",
    ),
    RelationRule(
        "demonym_place_of", "document", "`place_of` is on: a state's adjective, a place noun and "
        "`of` before a place", 22, "Troops entered the Norlandic town of Vessa.",
    ),
    RelationRule(
        "place_comma_state", "document", "`place_of` is on: a place name, a comma and a state "
        "that ends the phrase", 35, "Envoys met in Vessa, Norland, on Monday.",
    ),
    RelationRule(
        "hyphen_compound", "document", "a word of `compounds` after a hyphen and an actor, "
        "before an organisation", 40, "The Norland-based Red Dawn Front denied it.",
    ),
    RelationRule(
        "state_body", "document", "a state's possessive before a name ending in a word of "
        "`state_bodies`", 50, "Norland's Border Police closed the road.",
    ),
)  # fmt: skip


@dataclass
class Found:
    type: str
    head: int
    tail: int
    start_tok: int
    end_tok: int
    start: DateValue | None = None
    end: DateValue | None = None
    modality: str = "asserted"
    attribution: Attribution | None = None
    confidence: float = 0.6
    ended: bool = False  # the text says the relation is over ("moved from", "former")
    rule: str = ""  # the id of the rule that found it (RULES)


@dataclass
class _Context:
    """What one call of ``RelationExtractor.extract`` knows about its document."""

    doc: Doc
    aset: ActorSet
    anchor: Anchor | None
    events: PartiesView  # the event module's party rules, bound to this document
    dates: dict[int, list[DateMention]] = field(default_factory=dict)  # by sentence start
    # The phrases of each list asked about (place nouns, roles), found in the whole document
    # on first use: one matcher pass, not one per word asked about.
    hits: dict[int, PhraseHits] = field(default_factory=dict)

    def phrases(self, lex: PhraseList) -> PhraseHits:
        """Every phrase of ``lex`` in the document, found once."""
        got = self.hits.get(id(lex))
        if got is None:
            got = self.hits[id(lex)] = lex.find(self.doc)
        return got

    def dates_of(self, sent: Span) -> list[DateMention]:
        got = self.dates.get(sent.start)
        if got is None:
            got = find_dates(sent.text, self.anchor, offset=sent.start_char)
            self.dates[sent.start] = got
        return got


class RelationExtractor:
    """Runs the relation rules over a document; keeps nothing of one document for the next."""

    def __init__(self, events: EventExtractor, patterns: RelationPatterns) -> None:
        self.extractor = events
        self.patterns = patterns
        lex = events.actor_lex
        # Nouns for a body of people that a relation noun before them can qualify.
        self._bodies = frozenset(lex.representative_nouns) | frozenset(lex.org_descriptions)

    def extract(self, doc: Doc, aset: ActorSet, ctx: DocContext | None = None) -> list[Found]:
        from actorgraph.extract.events import PartiesView

        published = doc._.ag_published
        anchor = parse_anchor(published) if published else None
        view = PartiesView(ctx or self.extractor.context(doc, aset))
        rc = _Context(doc, aset, anchor, view)
        out: list[Found] = []
        asked = self._asked_pos()
        pos = doc.to_array("POS").tolist() if asked is not None else []
        for sent in doc.sents:
            if is_prose(doc, sent.start):
                for i in range(sent.start, sent.end):
                    # Only words of these parts of speech can start a rule: the others are
                    # skipped without making their Token (most words of a text).
                    if asked is None or pos[i] in asked:
                        out.extend(self._at_token(rc, doc[i]))
        for rule in _DOCUMENT_RULES:
            out.extend(_DOCUMENT_STEPS[rule.id](self, rc))
        return out

    def _asked_pos(self) -> frozenset[int] | None:
        """The part-of-speech ids of the words ``_at_token`` can find something at (verbs,
        nouns and the words a `title` shape starts at), or None when any word can."""
        names = {"VERB", "NOUN"}
        if self.patterns.role_verbs:
            title = _title_pos()
            if title is None:
                return None
            names |= title
        return frozenset(int(IDS[n]) for n in names if n in IDS)

    def _at_token(self, ctx: _Context, t: Token) -> list[Found]:
        """The token rules at one word, qualified by the modality and dates of its clause."""
        lemma = t.lemma_.lower()
        vps = self.patterns.verbs.get(lemma) if t.pos_ == "VERB" else None
        nps = self.patterns.nouns.get(lemma) if t.pos_ == "NOUN" else None
        trig, point = t, True
        if vps:
            found = self._verb(t, vps, ctx)
        elif nps:
            found = self._noun(t, nps, ctx)
        elif self.patterns.role_verbs and (shape := title_shape(t)) is not None:
            got = self._role_predicate(t, shape, ctx)
            if got is None:
                return []
            trig, kind, found = got
            point = kind != "hold"
        else:
            return []
        dates = ctx.dates_of(t.sent)
        for f in found:
            self._qualify(f, trig, dates, ctx, point=point)
        return found

    def _state_bodies(self, ctx: _Context) -> list[Found]:
        """A state's possessive before the name of one of its bodies: "X's general staff" is part
        of the state X (the body's last word says it is a state organ)."""
        if not self.patterns.state_bodies:
            return []
        doc, aset = ctx.doc, ctx.aset
        out: list[Found] = []
        for a in aset.actors:
            if a.type != "organization" or a.parent is not None:
                continue
            for m in a.mentions:
                if m.kind != "name" or m.start < 2 or not m.prose:
                    continue
                if doc[m.start - 1].text not in POSSESSIVE:
                    continue
                owner = aset.token_actor.get(m.start - 2)
                if owner is None or owner == a.index or aset.actors[owner].type != "state":
                    continue
                if doc[m.end - 1].lower_ not in self.patterns.state_bodies:
                    continue
                ours, theirs = a.kb, aset.actors[owner].kb
                if ours and theirs and ours.country and ours.country != theirs.country:
                    continue  # the name was read as another state's body
                out.append(Found("part_of", a.index, owner, doc[m.start].sent.start,
                                 doc[m.start].sent.end, rule="state_body"))  # fmt: skip
                break
        return out

    def _compounds(self, ctx: _Context) -> list[Found]:
        """A hyphenated modifier "NAME-based" / "NAME-aligned" before the organisation it
        describes: "the X-based militia Y" is headquartered in X."""
        if not self.patterns.compounds:
            return []
        doc, aset = ctx.doc, ctx.aset
        out: list[Found] = []
        for i in token_indices(doc, self.patterns.compounds):
            t = doc[i]
            rel = self.patterns.compounds.get(t.lower_)
            if rel is None or t.i < 2 or doc[t.i - 1].text not in self.patterns.hyphens:
                continue
            tail = aset.token_actor.get(t.i - 2)
            if tail is None or not is_prose(doc, t.i):
                continue
            head = self._described(ctx, t.i, tail)
            if head is None or aset.actors[head].type not in {"organization", "group"}:
                continue
            if self._fits(rel, head, tail, aset):
                out.append(Found(rel, head, tail, t.sent.start, t.sent.end, rule="hyphen_compound"))
        return out

    def _described(self, ctx: _Context, at: int, tail: int) -> int | None:
        """The actor a hyphenated modifier at ``at`` describes: the next name in its phrase,
        else (the phrase is a description) the organisation spoken of before."""
        doc, aset = ctx.doc, ctx.aset
        described = False
        for k in range(at + 1, min(len(doc), at + 6)):
            if doc[k].is_punct or doc[k].pos_ in {"VERB", "AUX", "ADP"}:
                break
            a = aset.token_actor.get(k)
            if a is not None and a != tail:
                return a
            described |= doc[k].lemma_.lower() in self.extractor.actor_lex.org_descriptions
        return self._org_before(doc, aset, at - 2, tail) if described else None

    def _place_in(self, ctx: _Context) -> list[Found]:
        """A place whose possessor, or the object of its "in", is a larger place: "X's Y
        palace", "Y, in X", "Y in X"."""
        if not self.patterns.place_of:
            return []
        doc, aset = ctx.doc, ctx.aset
        out: list[Found] = []
        for a in aset.actors:
            if a.type != "place":
                continue
            for m in a.mentions:
                if m.kind != "name" or not m.prose:
                    continue
                root = doc[m.start : m.end].root
                if root.dep_ == "compound" and self._place_noun(ctx, root.head):
                    root = root.head  # "X's Y province": the possessor hangs on the noun
                outer = self._outer_by_parse(ctx, root, m.start)
                if outer is None:
                    outer = self._outer_after(ctx, m.end)
                if outer is None or outer == a.index or aset.actors[outer].type not in PLACE_TYPES:
                    continue
                out.append(Found("located_in", a.index, outer, root.sent.start, root.sent.end,
                                 rule="place_in"))  # fmt: skip
        return out

    @staticmethod
    def _outer_by_parse(ctx: _Context, root: Token, start: int) -> int | None:
        """The actor of the last `place_link` shape on the name's head (a possessor only
        before the name), or None."""
        links = [
            (link, outer)
            for link, pid, outer in place_links(root)
            if pid != "place_possessor" or link < start
        ]
        return ctx.aset.token_actor.get(links[-1][1]) if links else None

    def _outer_after(self, ctx: _Context, end: int) -> int | None:
        """ "Y, in X, on Sunday" (or "Y in X" with "in" hung on the verb): the last name of the
        phrase after "in" ("in X's Z province" is in Z)."""
        doc, joiners = ctx.doc, self.patterns.joiners
        if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "in":
            after = end + 2
        elif end + 1 < len(doc) and doc[end].lower_ == "in":
            after = end + 1
        else:
            return None
        outer: int | None = None
        for k in range(after, min(len(doc), after + 6)):
            joined = doc[k].text in joiners or doc[k - 1].text in joiners
            # "Y in the northern province of X": a place noun's "of" leads on to the place (not
            # after a comma: "Y, in the port city of X and in Z" lists places).
            of_place = (
                after == end + 1 and doc[k].lower_ == "of" and self._place_noun(ctx, doc[k - 1])
            )
            if not (joined or of_place) and (
                doc[k].is_punct or doc[k].pos_ in {"VERB", "AUX", "ADP"}
            ):
                break
            outer = ctx.aset.token_actor.get(k, outer)
        return outer

    def _place_noun(self, ctx: _Context, t: Token) -> bool:
        """One of the actor lexicon's place nouns ends at this word ("province", "refugee camp")."""
        place_nouns = ctx.phrases(self.extractor.actor_lex.place_nouns)
        return any(
            (hit := place_nouns.match(k, t.i + 1)) is not None and hit[0] == t.i + 1
            for k in range(max(0, t.i - 2), t.i + 1)
        )

    def _demonym_place_of(self, ctx: _Context) -> list[Found]:
        """ "the Norlandic town of Vessa": the place after "of" lies in the state whose
        adjective stands before the place noun."""
        if not self.patterns.place_of:
            return []
        doc, aset = ctx.doc, ctx.aset
        lex = self.extractor.actor_lex
        out: list[Found] = []
        for i in token_indices(doc, ("of",)):
            if i < 2 or i + 1 >= len(doc) or not is_prose(doc, i):
                continue
            if not self._place_noun(ctx, doc[i - 1]):
                continue
            # The state's adjective, past the place noun and compass words before it.
            k = i - 1
            while (
                k > 0
                and (self._place_noun(ctx, doc[k]) or doc[k].lower_ in lex.direction_words)
                and k not in aset.token_actor
            ):
                k -= 1
            state = aset.token_actor.get(k)
            if state is None or aset.actors[state].type != "state":
                continue
            if not any(m.kind == "demonym" and m.start <= k < m.end
                       for m in aset.actors[state].mentions):  # fmt: skip
                continue
            j = i + 1
            while j < len(doc) and doc[j].lower_ == "the":
                j += 1
            place = aset.token_actor.get(j)
            if place is None or place == state or aset.actors[place].type != "place":
                continue
            out.append(Found("located_in", place, state, doc[i].sent.start, doc[i].sent.end,
                             rule="demonym_place_of"))  # fmt: skip
        return out

    def _place_comma_state(self, ctx: _Context) -> list[Found]:
        """ "Vessa, Norland": a place name followed by a comma and a state that closes the
        phrase (not a list of names: "Vessa, Norland and Kessel")."""
        if not self.patterns.place_of:
            return []
        doc, aset = ctx.doc, ctx.aset
        out: list[Found] = []
        for a in aset.actors:
            if a.type != "place":
                continue
            for m in a.mentions:
                if m.kind != "name" or not m.prose or m.end + 1 >= len(doc):
                    continue
                if doc[m.end].text != ",":
                    continue
                state = aset.token_actor.get(m.end + 1)
                if state is None or state == a.index or aset.actors[state].type != "state":
                    continue
                end = aset.bounds(aset.actors[state], m.end + 1)[1]
                if end < len(doc) and (
                    doc[end].lower_ in {"and", "or"}
                    or (doc[end].text == "," and end + 1 < len(doc)
                        and (end + 1 in aset.token_actor or doc[end + 1].lower_ in {"and", "or"}))
                ):  # fmt: skip
                    continue
                if m.start > 1 and doc[m.start - 1].text == "," and m.start - 2 in aset.token_actor:
                    continue  # the middle of a list
                out.append(Found("located_in", a.index, state, doc[m.start].sent.start,
                                 doc[m.start].sent.end, rule="place_comma_state"))  # fmt: skip
                break
        return out

    # ----------------------------------------------------------------------------------------
    def _verb(self, verb: Token, patterns: tuple[VerbPattern, ...], ctx: _Context) -> list[Found]:
        """The first of the verb's patterns (most specific first) that finds heads and tails."""
        ev, aset = ctx.events, ctx.aset
        passive = ev._passive(verb)
        objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        obj_lemmas = {o.lemma_.lower() for o in objs}
        for p in patterns:
            if p.passive != passive or (p.object and not (p.object & obj_lemmas)):
                continue
            if p.prep:
                tails = self._objects_after(verb, p.prep, ctx)
            else:
                tails = [a for o in objs for g in ev.groups_of(o, aset) for a in g[:1]]
            heads = self._verb_heads(verb, passive, ctx) if tails else []
            if heads:
                return self._verb_pairs(verb, p, heads, tails, ctx)
        return []

    def _verb_heads(self, verb: Token, passive: bool, ctx: _Context) -> list[int]:
        ev, aset = ctx.events, ctx.aset
        if passive:
            return self._passive_subjects(verb, ctx)
        heads = [g[0] for g in ev._subject(verb, aset)]
        # "X, who heads Y, and his deputy Z": "who" is X alone, not X's conjuncts
        return heads[:1] if verb.dep_ == "relcl" else heads

    def _passive_subjects(self, verb: Token, ctx: _Context) -> list[int]:
        """The passive subject, else (a participle modifying a noun) the noun."""
        ev, aset = ctx.events, ctx.aset
        heads = [g[0] for c in verb.children if c.dep_ == "nsubjpass"
                 for g in ev.groups_of(c, aset)]  # fmt: skip
        if not heads and verb.dep_ == "acl":
            heads = [g[0] for g in ev.groups_of(verb.head, aset)]
        return heads

    def _verb_pairs(
        self, verb: Token, p: VerbPattern, heads: list[int], tails: list[int], ctx: _Context
    ) -> list[Found]:
        ev, aset = ctx.events, ctx.aset
        start, end = verb.sent.start, verb.sent.end
        out: list[Found] = []
        for h in heads:
            for tl in tails:
                a, b = (tl, h) if p.inverse else (h, tl)
                if p.tail and aset.actors[b].type not in p.tail:
                    continue
                if self._fits(p.relation, a, b, aset):
                    out.append(Found(p.relation, a, b, start, end, ended=p.ended,
                                     rule="verb_pattern"))  # fmt: skip
            if p.ends:
                for tl in ev._prep_objects_all(verb, {p.ends}, aset):
                    if self._fits(p.relation, h, tl, aset):
                        out.append(Found(p.relation, h, tl, start, end, ended=True,
                                         rule="verb_from"))  # fmt: skip
        return out

    def _noun(self, noun: Token, patterns: tuple[NounPattern, ...], ctx: _Context) -> list[Found]:
        """The first of the noun's patterns that finds a relation; "former" ends them all."""
        ev, aset = ctx.events, ctx.aset
        if any(
            c.dep_ == "compound" and c.pos_ == "NOUN" and c.lemma_.lower() in self.patterns.nouns
            for c in noun.children
        ):
            return []  # "a partner force": the relation noun before this one decides
        carrier = _carrier(noun, self._bodies)
        for p in patterns:
            heads: list[int] = []
            for c in carrier.children:
                if c.dep_ == "poss":
                    heads.extend(ev._np_actors(c, aset, 0))
            heads.extend(ev._prep_objects_all(carrier, set(p.owner_preps), aset))
            if p.prep:
                out = self._noun_prep(noun, p, heads, ctx)
            elif p.appositive:
                out = self._appositive(noun, p, heads, ctx)
            elif p.pair_prep:
                out = self._noun_pair(noun, p, ctx)
            else:
                out = []
            if out:
                if self._marked_ended(noun):
                    for f in out:
                        f.ended = True
                return out
        return []

    def _noun_prep(
        self, noun: Token, p: NounPattern, heads: list[int], ctx: _Context
    ) -> list[Found]:
        assert p.prep is not None
        aset = ctx.aset
        tails = ctx.events._prep_objects_all(noun, {p.prep}, aset)
        return [
            Found(p.relation, h, tl, noun.sent.start, noun.sent.end, rule="noun_prep")
            for h in heads
            for tl in tails
            if self._fits(p.relation, h, tl, aset)
        ]

    def _noun_pair(self, noun: Token, p: NounPattern, ctx: _Context) -> list[Found]:
        """ "an alliance between X and Y": the first two objects of the pair preposition."""
        ev, aset = ctx.events, ctx.aset
        groups = []
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == p.pair_prep:
                for o in prep.children:
                    if o.dep_ == "pobj":
                        groups.extend(ev.groups_of(o, aset))
        if len(groups) >= 2 and self._fits(p.relation, groups[0][0], groups[1][0], aset):
            return [Found(p.relation, groups[0][0], groups[1][0], noun.sent.start, noun.sent.end,
                          rule="noun_pair")]  # fmt: skip
        return []

    def _appositive(
        self, noun: Token, p: NounPattern, heads: list[int], ctx: _Context
    ) -> list[Found]:
        """ "X, an ally of Y", "Y's ally X", "the Y ally X", "X is a Y proxy", "X and Z are
        allies": the named actor is the head, the noun's possessor or modifier the tail."""
        ev, aset = ctx.events, ctx.aset
        noun = _carrier(noun, self._bodies)
        named = _named_by(ctx, noun)
        mods = _name_modifiers(noun, named, aset)
        if not heads:
            # Only without a possessor: in "X's Y-ish affiliate Z" the modifier says where, not
            # whose.
            heads = [aset.token_actor[c.i] for c in mods if c.i in aset.token_actor]
        subject = _appositive_subject(noun, named)
        if subject is None:
            return []
        start, end = noun.sent.start, noun.sent.end
        out = self._reciprocal(noun, p, subject, ctx) if not heads else []
        for h in ev._np_actors(subject, aset, 0):
            for tl in heads:
                relation = self._within(p, tl, aset)
                if self._fits(relation, h, tl, aset):
                    out.append(Found(relation, h, tl, start, end, rule="noun_appositive"))
        return out

    @staticmethod
    def _within(p: NounPattern, tail: int, aset: ActorSet) -> str:
        """ "a coalition partner": a partner of a coalition or an alliance is in it."""
        words = aset.actors[tail].name.lower().split()
        if p.within_relation and words and words[-1] in p.within:
            return p.within_relation
        return p.relation

    def _reciprocal(
        self, noun: Token, p: NounPattern, subject: Token, ctx: _Context
    ) -> list[Found]:
        """ "X and Y are allies": each conjunct of the subject with the others."""
        if not p.reciprocal or noun.dep_ != "attr" or subject.i == noun.i:
            return []
        aset = ctx.aset
        groups = ctx.events.groups_of(subject, aset)
        start, end = noun.sent.start, noun.sent.end
        return [
            Found(p.relation, x[0], y[0], start, end, rule="noun_reciprocal")
            for i, x in enumerate(groups)
            for y in groups[i + 1 :]
            if self._fits(p.relation, x[0], y[0], aset)
        ]

    def _marked_ended(self, noun: Token) -> bool:
        """ "a former ally of X": an ended marker among the noun's own modifiers."""
        ended = self.extractor.actor_lex.ended_markers
        return any(c.lower_ in ended for c in noun.lefts)

    @staticmethod
    def _org_before(doc: Doc, aset: ActorSet, before: int, other: int) -> int | None:
        start = doc[before].sent.start
        for _ in range(2):
            if start > 0:
                start = doc[start - 1].sent.start
        for i in range(before - 1, start - 1, -1):
            a = aset.token_actor.get(i)
            if a is not None and a != other and aset.actors[a].type in {"organization", "group"}:
                return a
        return None

    def _place_of(self, ctx: _Context) -> list[Found]:
        """A place noun and "of" between two places: "the X region of Y"."""
        if not self.patterns.place_of:
            return []
        doc, aset = ctx.doc, ctx.aset
        out: list[Found] = []
        lex = self.extractor.actor_lex
        for i in token_indices(doc, ("of",)):
            if i < 2 or i + 1 >= len(doc):
                continue
            t = doc[i]
            hit = None
            places = ctx.phrases(lex.place_nouns)
            for k in range(max(0, i - 3), i):
                m = places.match(k, i)
                if m and m[0] == i:
                    hit = k
                    break
            if hit is None:
                continue
            inner = aset.token_actor.get(hit - 1)
            j = i + 1
            while j < len(doc) and (doc[j].lower_ == "the" or doc[j].lower_ in lex.direction_words):
                j += 1
            outer = aset.token_actor.get(j) if j < len(doc) else None
            if inner is None or outer is None or inner == outer:
                continue
            if (
                aset.actors[inner].type == "place"
                and aset.actors[outer].type in PLACE_TYPES
                and is_prose(doc, i)
            ):
                out.append(Found("located_in", inner, outer, t.sent.start, t.sent.end,
                                 rule="place_of"))  # fmt: skip
        return out

    # ----------------------------------------------------------------------------------------
    def _fits(self, relation: str, head: int, tail: int, aset: ActorSet) -> bool:
        if head == tail:
            return False
        h, t = aset.actors[head], aset.actors[tail]
        if relation in {"resides_in", "headquartered_in", "located_in"}:
            return t.type in PLACE_TYPES and (relation != "resides_in" or h.type == "person")
        if relation == "member_of" and h.type in {"organization", "group", "state"}:
            # a body or a state in an alliance or a bloc ("X is a member of the Y pact")
            return t.type in {"organization", "group"}
        if relation in {"leader_of", "deputy_leader_of", "member_of"}:
            return h.type == "person" and t.type != "person"
        return h.type != "place" and t.type != "place"

    def _qualify(
        self,
        f: Found,
        trig: Token,
        dates: list[DateMention],
        ctx: _Context,
        point: bool = True,
    ) -> None:
        """Modality, attribution and dates. A point date starts the relation (ends it when the
        verb says it is over) unless ``point`` is false ("is the leader of X in 2011" says
        when it held, not when it began); "since", "from A to B" and "until" say which end."""
        aset = ctx.aset
        m = modality_of(trig, self.extractor.mod, trig.sent)
        f.modality = m.modality
        if m.attribution_span is not None:
            actor = next(
                (aset.actors[a].id for tk in m.attribution_span
                 if (a := aset.token_actor.get(tk.i)) is not None),
                None,
            )  # fmt: skip
            f.attribution = Attribution(text=m.attribution_span.text, actor=actor)
        date = ctx.events._date_for(trig, dates)
        if date is not None and date.value:
            ends = self._ends_of(date, trig.doc)
            if ends is not None:
                f.start, f.end = ends
            elif point:
                if f.ended:
                    f.end = date.to_value("text")
                else:
                    f.start = date.to_value("text")
        if f.ended and f.end is None:
            f.end = _over_by_publication(trig.doc, trig.text)

    def _ends_of(
        self, d: DateMention, doc: Doc
    ) -> tuple[DateValue | None, DateValue | None] | None:
        """(start, end) when the words of a date say which end it gives, else None."""
        if not d.value:
            return None
        words = self.patterns.date_words
        parts = d.value.split("/")
        first = d.text.split(maxsplit=1)[0].lower() if d.text.strip() else ""
        if first in words.get("since", ()):
            return _part(parts[0], d.text), None
        if first in words.get("range", ()) and len(parts) == 2:
            return _part(parts[0], d.text), _part(parts[1], d.text)
        span = doc.char_span(d.start, d.end, alignment_mode="expand")
        if (
            span is not None
            and span.start > 0
            and doc[span.start - 1].lower_ in words.get("until", ())
        ):
            return None, _part(parts[-1], d.text)
        return None

    def _title_dates(self, ctx: _Context) -> list[Found]:
        """A date right after a title phrase dates its role: "X, leader of Y since 2015",
        "Y's chairman from 2010 to 2014"; a bare year there is not taken."""
        doc, aset = ctx.doc, ctx.aset
        if not aset.roles or not self.patterns.date_words:
            return []
        lead = self.patterns.date_words.get("until", frozenset())
        out: list[Found] = []
        for rf in aset.roles:
            k = rf.end
            if k >= len(doc) or not is_prose(doc, k):
                continue
            sent = doc[rf.start].sent
            if k >= sent.end:
                continue
            at = {doc[k].idx}
            if doc[k].lower_ in lead and k + 1 < sent.end:
                at.add(doc[k + 1].idx)
            d = next((d for d in ctx.dates_of(sent) if d.start in at), None)
            ends = self._ends_of(d, doc) if d is not None else None
            if ends is not None:
                f = Found(rf.relation, rf.person, rf.org, rf.start, rf.end, rule="title_date")
                f.start, f.end = ends
                out.append(f)
        return out

    def _objects_after(self, verb: Token, prep: str, ctx: _Context) -> list[int]:
        """Actors after a preposition of the verb; "by" also as the parser's passive agent."""
        aset = ctx.aset
        got = ctx.events._prep_objects_all(verb, {prep}, aset)
        if prep == "by":
            for o in agent_objects(verb):
                got.extend(g[0] for g in ctx.events.groups_of(o, aset))
        return got

    def _role_at(self, noun: Token, ctx: _Context) -> tuple[str, bool] | None:
        """The relation of the title this noun heads ("deputy leader" -> deputy_leader_of) and
        whether a marker before it says the role is over ("former")."""
        lex = self.extractor.actor_lex
        doc = noun.doc
        roles = ctx.phrases(lex.roles)
        for k in range(noun.left_edge.i, noun.i + 1):
            m = roles.match(k, min(noun.i + 4, len(doc)))
            if m is not None and m[0] > noun.i:
                ended = any(doc[j].lower_ in lex.ended_markers for j in range(noun.left_edge.i, k))
                return m[1], ended
        return None

    def _role_predicate(
        self, noun: Token, shape: tuple[str, Token, Token | None], ctx: _Context
    ) -> tuple[Token, str, list[Found]] | None:
        """A title as the predicate of a verb of office: "X became leader of Y", "X was elected
        chairman of Y", "X proclaimed himself head of Y", "X resigned as Y's envoy", "X is a
        member of Y". Returns the verb, its kind (start, end, hold) and the relations."""
        aset = ctx.aset
        _, verb, held_by = shape  # held_by: "named X its leader"
        kind = self.patterns.role_verbs.get(verb.lemma_.lower())
        if kind is None:
            return None
        if any(c.tag_ in {"JJS", "RBS"} or c.ent_type_ == "ORDINAL" for c in noun.subtree):
            return None  # "became its longest-serving chief", "the first leader to": a record
        role = self._role_at(noun, ctx)
        if role is None:
            return None
        relation, ended = role
        persons = self._office_holders(noun, verb, held_by, ctx)
        orgs = self._title_orgs(noun, ctx) if persons else []
        out: list[Found] = []
        for p in persons:
            for o in orgs:
                if aset.actors[o].type == "place" and relation != "leader_of":
                    continue  # a place has leaders, not deputies or members
                if self._fits(relation, p, o, aset):
                    out.append(
                        Found(relation, p, o, verb.sent.start, verb.sent.end,
                              ended=ended or kind == "end", rule="role_predicate")
                    )  # fmt: skip
        return (verb, kind, out) if out else None

    def _title_orgs(self, noun: Token, ctx: _Context) -> list[int]:
        """Whose title it is: its possessor, a name modifying it, the object of its "of" or
        "in", else the organisation named before whose name holds the noun."""
        ev, aset = ctx.events, ctx.aset
        orgs: list[int] = []
        for c in noun.children:
            if c.dep_ == "poss":
                orgs.extend(ev._np_actors(c, aset, 0))
            elif c.dep_ in {"compound", "amod"} and c.i in aset.token_actor:
                orgs.append(aset.token_actor[c.i])
        orgs.extend(ev._prep_objects_all(noun, {"of", "in"}, aset))
        if not orgs:
            orgs.extend(self._named_again(o, aset) for p in noun.children
                        if p.dep_ == "prep" and p.lower_ == "of"
                        for o in p.children if o.dep_ == "pobj")  # fmt: skip
            orgs = [o for o in orgs if o >= 0]
        return orgs

    @staticmethod
    def _named_again(tok: Token, aset: ActorSet) -> int:
        """ "head of the council" after "the X Council for Y" was named: the nearest
        organisation before whose name has this noun as a word (-1 when none)."""
        if tok.pos_ != "NOUN" or not any(c.lower_ == "the" for c in tok.children):
            return -1
        if any(c.dep_ in {"compound", "amod", "poss"} for c in tok.children):
            return -1  # "the military council" says which council it is
        doc = tok.doc
        best, where = -1, -1
        for a in aset.actors:
            if a.type not in {"organization", "group"}:
                continue
            for m in a.mentions:
                if (
                    m.kind == "name"
                    and where < m.start < tok.i
                    and any(doc[k].lower_ == tok.lower_ for k in range(m.start, m.end))
                ):
                    best, where = a.index, m.start
        return best

    def _office_holders(
        self, noun: Token, verb: Token, held_by: Token | None, ctx: _Context
    ) -> list[int]:
        """The people who hold (take, leave) the title: the word it is set beside, else who
        the clause says."""
        ev, aset = ctx.events, ctx.aset
        if held_by is not None:
            cands = [g[0] for g in ev.groups_of(held_by, aset)]
        else:
            cands = self._holders_in_clause(noun, verb, ctx)
        return [a for a in cands if aset.actors[a].type == "person"]

    def _holders_in_clause(self, noun: Token, verb: Token, ctx: _Context) -> list[int]:
        ev, aset = ctx.events, ctx.aset
        own = next((c for c in noun.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if noun.dep_ == "nsubj":
            # "the leader of Y is X": the title is the subject, the holder the predicate
            own = next((c for c in verb.children if c.dep_ == "attr"), None)
            if own is None:
                return []
        if own is not None and own.pos_ != "PRON":
            return [g[0] for g in ev.groups_of(own, aset)]  # "named X head of Y"
        if ev._passive(verb):
            return self._passive_subjects(verb, ctx)
        objs = [c for c in verb.children if c.dep_ in {"dobj", "oprd"} and c.i != noun.i]
        if objs and own is None:
            return [g[0] for o in objs for g in ev.groups_of(o, aset)]
        return [g[0] for g in ev._subject(verb, aset)]


def _named_by(ctx: _Context, noun: Token) -> Token | None:
    """The name a relation noun describes: its apposition, or the name it modifies, or (the
    parser left two loose phrases) the name right after it; only an actor counts, and a noun
    inside a name describes nothing else."""
    aset, doc = ctx.aset, noun.doc
    cands = named_by(noun)
    named = next(
        (t for pid, t in cands if pid == "noun_with_apposition" and t.i in aset.token_actor),
        None,
    )
    if named is not None or noun.i in aset.token_actor:
        return named
    named = next((t for _, t in cands if t.i in aset.token_actor), None)
    if named is None and noun.i + 1 < noun.sent.end and noun.i + 1 in aset.token_actor:
        named = doc[noun.i + 1]
    return named


def _name_modifiers(noun: Token, named: Token | None, aset: ActorSet) -> list[Token]:
    """Words before the noun that can say whose it is. Modifiers inside a name are not
    another actor's; when the noun modifies the name, the name's own earlier modifiers count."""
    mods = (
        [c for c in noun.children if c.dep_ in {"compound", "amod"}]
        if noun.i not in aset.token_actor
        else []
    )
    if named is not None and named.i == noun.head.i and noun.dep_ == "compound":
        mods += [c for c in named.children if c.dep_ in {"compound", "amod"} and c.i < noun.i]
    return mods


def _carrier(noun: Token, bodies: frozenset[str]) -> Token:
    """The phrase a relation noun speaks through: itself, or the body it qualifies ("a partner
    force": the force is what is named and owned; not "a proxy war")."""
    head = noun.head
    compound = noun.dep_ == "compound" and head.pos_ == "NOUN" and head.i > noun.i
    if compound and (head.lemma_.lower() in bodies or head.lower_ in bodies):
        return head
    return noun


def _appositive_subject(noun: Token, named: Token | None) -> Token | None:
    """Who the relation noun is said of: the subject of its copula, the name it describes, the
    phrase it is in apposition to, or the subject of a verb it is "as" ("acts as a proxy")."""
    if noun.dep_ == "attr":
        return next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and named is None:
        verb = noun.head.head
        if verb.pos_ in {"VERB", "AUX"}:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                return verb.head  # "X, which serves as part of Y"
            return subj
    if named is not None:
        return named
    if noun.dep_ == "appos":
        return noun.head
    return None


_DOCUMENT_RULES = sorted((r for r in RULES if r.kind == "document"), key=lambda r: r.priority)
_DOCUMENT_STEPS: dict[str, Callable[[RelationExtractor, _Context], list[Found]]] = {
    "title_date": RelationExtractor._title_dates,
    "place_of": RelationExtractor._place_of,
    "place_in": RelationExtractor._place_in,
    "demonym_place_of": RelationExtractor._demonym_place_of,
    "place_comma_state": RelationExtractor._place_comma_state,
    "hyphen_compound": RelationExtractor._compounds,
    "state_body": RelationExtractor._state_bodies,
}


def _part(value: str, text: str) -> DateValue:
    return DateValue(value=value, precision=precision_of(value), text=text, basis="text")


def _over_by_publication(doc: Doc, text: str) -> DateValue:
    """An end the text implies but does not date: over by the publication date."""
    published = doc._.ag_published
    if not published:
        return DateValue(value=None, precision="unknown", text=text, basis="none")
    return DateValue(value=published, precision="unknown", text=text, basis="publication")


def build_relations(doc: Doc, aset: ActorSet, found: list[Found]) -> list[Relation]:
    """All relations of a document: titles, sub-organisations and verbal/nominal patterns,
    one per (type, head, tail)."""
    out: list[Relation] = []
    seen: dict[tuple[str, str, str], int] = {}
    published = doc._.ag_published

    def add(rel: Relation) -> None:
        key = (rel.type, rel.head, rel.tail)
        if key not in seen:
            seen[key] = len(out)
            out.append(rel)
            return
        # A later statement of the same relation may date it ("X, Y's leader since 2015").
        old = out[seen[key]]
        update = {
            name: new
            for name, had, new in (("start", old.start, rel.start), ("end", old.end, rel.end))
            if new is not None and new.basis == "text" and (had is None or had.basis != "text")
        }
        if update:
            out[seen[key]] = old.model_copy(update=update)

    for f in aset.roles:
        end = (
            DateValue(value=published, precision="unknown", text="former", basis="publication")
            if f.ended
            else None
        )
        add(
            Relation(
                id=f"r{len(out) + 1}",
                type=f.relation,
                head=aset.actors[f.person].id,
                tail=aset.actors[f.org].id,
                end=end,
                evidence=evidence(doc, f.start, f.end),
                confidence=0.8,
            )
        )
    for a in aset.actors:
        if a.parent is not None:
            m = a.mentions[0]
            add(
                Relation(
                    id=f"r{len(out) + 1}",
                    type="part_of",
                    head=a.id,
                    tail=aset.actors[a.parent].id,
                    evidence=evidence(doc, m.start, m.end),
                    confidence=0.7,
                )
            )
    for fd in found:
        add(
            Relation(
                id=f"r{len(out) + 1}",
                type=fd.type,
                head=aset.actors[fd.head].id,
                tail=aset.actors[fd.tail].id,
                start=fd.start,
                end=fd.end,
                modality=fd.modality,  # type: ignore[arg-type]
                attribution=fd.attribution,
                evidence=evidence(doc, fd.start_tok, fd.end_tok),
                confidence=fd.confidence,
            )
        )
    return out
