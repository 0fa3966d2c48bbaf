"""Standing relations: from titles (resolve/roles.py), sub-organisations, and the verb and noun
patterns of data/lexicon/relations.yaml ("lives in", "relocated its offices from A to B",
"answers to", "the X district of Y")."""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from spacy.tokens import Doc, Token

from actorgraph.concepts import precision_of
from actorgraph.errors import ConfigError
from actorgraph.extract.dates import DateMention, find_dates, parse_anchor
from actorgraph.extract.evidence import evidence
from actorgraph.extract.lexicon import load_yaml_words
from actorgraph.extract.modality import modality_of
from actorgraph.nlp.scan import token_indices
from actorgraph.records import Attribution, DateValue, Relation
from actorgraph.resolve.actors import POSSESSIVE, ActorSet, is_prose

if TYPE_CHECKING:
    from actorgraph.extract.context import DocContext
    from actorgraph.extract.events import EventExtractor, PartiesView

PERSONAL = {"resides_in", "leader_of", "deputy_leader_of", "member_of"}
# Where a title can be the predicate of a verb of office: "became leader" (attr), "was elected
# chairman" (oprd), "proclaimed himself head" (ccomp), "served as envoy" (pobj of "as").
ROLE_DEPS = {"attr", "oprd", "ccomp", "xcomp", "pobj", "appos", "nsubj"}
PLACE_TYPES = {"place", "state"}
# Inside one name-like phrase: "Indian-administered Kashmir", "Norland's Kivu province".
JOINERS = {"-", "‑", "'s", "’s"}


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
    # "Norland and Vessa are allies": the plural noun relates the coordinated subjects
    reciprocal: bool = False


@dataclass(frozen=True)
class RelationPatterns:
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, tuple[NounPattern, ...]]
    place_of: bool
    # "the Pakistan-based group X": the word after the hyphen -> relation (modified, named)
    compounds: dict[str, str] = field(default_factory=dict)
    # "Norland's Border Police": last words of a state body's name, part of the possessor
    state_bodies: frozenset[str] = frozenset()
    # "became leader of X", "resigned as chairman of X": verb lemma -> start / end / hold
    role_verbs: dict[str, str] = field(default_factory=dict)
    # words that say which end of a relation a date gives: since / until / range
    date_words: dict[str, frozenset[str]] = field(default_factory=dict)


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
    try:
        for raw in layers:
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
    )


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


class RelationExtractor:
    def __init__(self, events: EventExtractor, patterns: RelationPatterns) -> None:
        self.extractor = events
        self.patterns = patterns
        # The document's view of the event rules, one per thread (set by extract()).
        self._local = threading.local()

    @property
    def events(self) -> PartiesView:
        view: PartiesView = self._local.view
        return view

    def extract(self, doc: Doc, aset: ActorSet, ctx: DocContext | None = None) -> list[Found]:
        from actorgraph.extract.events import PartiesView

        out: list[Found] = []
        published = doc._.ag_published
        anchor = parse_anchor(published) if published else None
        self._local.view = PartiesView(ctx or self.extractor.context(doc, aset))
        for sent in doc.sents:
            if not is_prose(doc, sent.start):
                continue
            dates: list[DateMention] | None = None
            for t in sent:
                lemma = t.lemma_.lower()
                vps = self.patterns.verbs.get(lemma) if t.pos_ == "VERB" else None
                nps = self.patterns.nouns.get(lemma) if t.pos_ == "NOUN" else None
                if not vps and not nps:
                    if t.pos_ == "NOUN" and t.dep_ in ROLE_DEPS and self.patterns.role_verbs:
                        got = self._role_predicate(t, aset)
                        if got is not None:
                            verb, kind, found = got
                            if dates is None:
                                dates = find_dates(sent.text, anchor, offset=sent.start_char)
                            for f in found:
                                self._qualify(f, verb, dates, aset, point=kind != "hold")
                            out.extend(found)
                    continue
                if dates is None:
                    dates = find_dates(sent.text, anchor, offset=sent.start_char)
                found = self._verb(t, vps, aset) if vps else self._noun(t, nps or (), aset)
                for f in found:
                    self._qualify(f, t, dates, aset)
                out.extend(found)
        out.extend(self._title_dates(doc, aset, anchor))
        if self.patterns.place_of:
            out.extend(self._place_of(doc, aset))
            out.extend(self._place_in(doc, aset))
        if self.patterns.compounds:
            out.extend(self._compounds(doc, aset))
        if self.patterns.state_bodies:
            out.extend(self._state_bodies(doc, aset))
        return out

    def _state_bodies(self, doc: Doc, aset: ActorSet) -> list[Found]:
        """A state's possessive before the name of one of its bodies: "Norland's Joint
        Staff" is part of Norland (the body's last word says it is a state organ)."""
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
                                 doc[m.start].sent.end))  # fmt: skip
                break
        return out

    def _compounds(self, doc: Doc, aset: ActorSet) -> list[Found]:
        """A hyphenated modifier "NAME-based" / "NAME-aligned" before the organisation it
        describes: "the Norland-based militia X" is headquartered in Norland."""
        out: list[Found] = []
        for i in token_indices(doc, self.patterns.compounds):
            t = doc[i]
            rel = self.patterns.compounds.get(t.lower_)
            if rel is None or t.i < 2 or doc[t.i - 1].text not in {"-", "‑", "–"}:
                continue
            tail = aset.token_actor.get(t.i - 2)
            if tail is None or not is_prose(doc, t.i):
                continue
            head: int | None = None
            described = False
            for k in range(t.i + 1, min(len(doc), t.i + 6)):
                if doc[k].is_punct or doc[k].pos_ in {"VERB", "AUX", "ADP"}:
                    break
                a = aset.token_actor.get(k)
                if a is not None and a != tail:
                    head = a
                    break
                described |= doc[k].lemma_.lower() in self.events.actor_lex.org_descriptions
            if head is None and described:
                # "the Norland-aligned movement": the organisation spoken of before.
                head = self._org_before(doc, aset, t.i - 2, tail)
            if head is None or aset.actors[head].type not in {"organization", "group"}:
                continue
            if self._fits(rel, head, tail, aset):
                out.append(Found(rel, head, tail, t.sent.start, t.sent.end))
        return out

    def _place_in(self, doc: Doc, aset: ActorSet) -> list[Found]:
        """ "Istanbul's Dolmabahce Palace", "Kabkabiya, in North Darfur", "Akrotiri in Cyprus":
        a place whose possessor, or the object of its "in", is a larger place."""
        out: list[Found] = []
        for a in aset.actors:
            if a.type != "place":
                continue
            for m in a.mentions:
                if m.kind != "name" or not m.prose:
                    continue
                root = doc[m.start : m.end].root
                outer: int | None = None
                for c in root.children:
                    if c.dep_ == "poss" and c.i < m.start:
                        outer = aset.token_actor.get(c.i)
                    elif c.dep_ == "prep" and c.lower_ == "in":
                        obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                        if obj is not None:
                            outer = aset.token_actor.get(obj.i)
                after = -1
                if (
                    m.end + 2 < len(doc)
                    and doc[m.end].text == ","
                    and doc[m.end + 1].lower_ == "in"
                ):
                    after = m.end + 2
                elif m.end + 1 < len(doc) and doc[m.end].lower_ == "in":
                    after = m.end + 1  # the parser hung "in ..." on the verb
                if outer is None and after > 0:
                    # "Kabkabiya, in North Darfur, on Sunday": the last name of the phrase
                    # after "in" ("in Norland's Kivu province" is in Kivu).
                    for k in range(after, min(len(doc), after + 5)):
                        joined = doc[k].text in JOINERS or doc[k - 1].text in JOINERS
                        if not joined and (
                            doc[k].is_punct or doc[k].pos_ in {"VERB", "AUX", "ADP"}
                        ):
                            break
                        if k in aset.token_actor:
                            outer = aset.token_actor[k]
                if outer is None or outer == a.index or aset.actors[outer].type not in PLACE_TYPES:
                    continue
                out.append(Found("located_in", a.index, outer, root.sent.start, root.sent.end))
        return out

    # ----------------------------------------------------------------------------------------
    def _verb(self, verb: Token, patterns: tuple[VerbPattern, ...], aset: ActorSet) -> list[Found]:
        ev = self.events
        passive = ev._passive(verb)
        objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        obj_lemmas = {o.lemma_.lower() for o in objs}
        for p in patterns:
            if p.passive != passive or (p.object and not (p.object & obj_lemmas)):
                continue
            if p.prep:
                tails = self._objects_after(verb, p.prep, aset)
            else:
                tails = [a for o in objs for g in ev.groups_of(o, aset) for a in g[:1]]
            if not tails:
                continue
            heads = [g[0] for g in ev._subject(verb, aset)] if not passive else []
            if verb.dep_ == "relcl":
                # "X, who heads Y, and his deputy Z": "who" is X alone, not X's conjuncts
                heads = heads[:1]
            if passive:
                heads = [g[0] for c in verb.children if c.dep_ == "nsubjpass"
                         for g in ev.groups_of(c, aset)]  # fmt: skip
                if not heads and verb.dep_ == "acl":
                    heads = [g[0] for g in ev.groups_of(verb.head, aset)]
            if not heads:
                continue
            out: list[Found] = []
            for h in heads:
                for tl in tails:
                    a, b = (tl, h) if p.inverse else (h, tl)
                    if p.tail and aset.actors[b].type not in p.tail:
                        continue
                    if self._fits(p.relation, a, b, aset):
                        out.append(
                            Found(p.relation, a, b, verb.sent.start, verb.sent.end, ended=p.ended)
                        )
                if p.ends:
                    for tl in ev._prep_objects_all(verb, {p.ends}, aset):
                        if self._fits(p.relation, h, tl, aset):
                            out.append(
                                Found(p.relation, h, tl, verb.sent.start, verb.sent.end, ended=True)
                            )
            return out
        return []

    def _noun(self, noun: Token, patterns: tuple[NounPattern, ...], aset: ActorSet) -> list[Found]:
        ev = self.events
        out: list[Found] = []
        for p in patterns:
            heads: list[int] = []
            for c in noun.children:
                if c.dep_ == "poss":
                    heads.extend(ev._np_actors(c, aset, 0))
            heads.extend(ev._prep_objects_all(noun, {"of"}, aset))
            if p.prep:
                tails = ev._prep_objects_all(noun, {p.prep}, aset)
                for h in heads:
                    for tl in tails:
                        if self._fits(p.relation, h, tl, aset):
                            out.append(Found(p.relation, h, tl, noun.sent.start, noun.sent.end))
            elif p.appositive:
                out.extend(self._appositive(noun, p, heads, aset))
            elif p.pair_prep:
                groups = []
                for prep in noun.children:
                    if prep.dep_ == "prep" and prep.lower_ == p.pair_prep:
                        for o in prep.children:
                            if o.dep_ == "pobj":
                                groups.extend(ev.groups_of(o, aset))
                if len(groups) >= 2 and self._fits(p.relation, groups[0][0], groups[1][0], aset):
                    out.append(
                        Found(
                            p.relation, groups[0][0], groups[1][0], noun.sent.start, noun.sent.end
                        )
                    )
            if out:
                if self._marked_ended(noun):
                    for f in out:
                        f.ended = True
                return out
        return out

    def _appositive(
        self, noun: Token, p: NounPattern, heads: list[int], aset: ActorSet
    ) -> list[Found]:
        """ "X, an ally of Y", "Y's ally X", "the Y ally X", "X is a Y proxy", "X and Z are
        allies": the named actor is the head, the noun's possessor or modifier the tail."""
        ev = self.events
        named = next(
            (c for c in noun.children if c.dep_ == "appos" and c.i in aset.token_actor), None
        )
        if (
            named is None
            and noun.dep_ == "compound"
            and noun.head.i > noun.i
            and noun.head.i in aset.token_actor
            and noun.i not in aset.token_actor
        ):
            named = noun.head  # "the Norlandic proxy Vessa Front": the noun modifies the name
        elif (
            named is None
            and noun.i + 1 < noun.sent.end
            and noun.i + 1 in aset.token_actor
            and noun.i not in aset.token_actor
        ):
            named = noun.doc[noun.i + 1]  # the same, parsed as two loose noun phrases
        # Modifiers inside a name ("Hamas' military wing") are not another actor's.
        mods = (
            [c for c in noun.children if c.dep_ in {"compound", "amod"}]
            if noun.i not in aset.token_actor
            else []
        )
        if named is not None and named.i == noun.head.i and noun.dep_ == "compound":
            mods += [c for c in named.children if c.dep_ in {"compound", "amod"} and c.i < noun.i]
        if not heads:
            # Only without a possessor: in "Norland's Vessan affiliate X" the modifier says
            # where, not whose.
            heads = [aset.token_actor[c.i] for c in mods if c.i in aset.token_actor]
        if noun.dep_ == "attr":
            subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
        elif named is not None:
            subject = named
        elif noun.dep_ == "appos":
            subject = noun.head
        else:
            return []
        out: list[Found] = []
        start, end = noun.sent.start, noun.sent.end
        if p.reciprocal and not heads and noun.dep_ == "attr" and subject.i != noun.i:
            # "Norland and Vessa are allies": each conjunct with the others
            groups = ev.groups_of(subject, aset)
            for i, x in enumerate(groups):
                for y in groups[i + 1 :]:
                    if self._fits(p.relation, x[0], y[0], aset):
                        out.append(Found(p.relation, x[0], y[0], start, end))
        for h in ev._np_actors(subject, aset, 0):
            for tl in heads:
                if self._fits(p.relation, h, tl, aset):
                    out.append(Found(p.relation, h, tl, start, end))
        return out

    def _marked_ended(self, noun: Token) -> bool:
        """ "a former ally of X": an ended marker among the noun's own modifiers."""
        ended = self.events.actor_lex.ended_markers
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

    def _place_of(self, doc: Doc, aset: ActorSet) -> list[Found]:
        """A place noun and "of" between two places: "the Kidal region of Mali"."""
        out: list[Found] = []
        lex = self.events_actor_lex
        for i in token_indices(doc, ("of",)):
            if i < 2 or i + 1 >= len(doc):
                continue
            t = doc[i]
            hit = None
            for k in range(max(0, i - 3), i):
                m = lex.place_nouns.match(doc, k, i)
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
                out.append(Found("located_in", inner, outer, t.sent.start, t.sent.end))
        return out

    @property
    def events_actor_lex(self) -> Any:
        return self.events.actor_lex

    # ----------------------------------------------------------------------------------------
    def _fits(self, relation: str, head: int, tail: int, aset: ActorSet) -> bool:
        if head == tail:
            return False
        h, t = aset.actors[head], aset.actors[tail]
        if relation in {"resides_in", "headquartered_in", "located_in"}:
            return t.type in PLACE_TYPES and (relation != "resides_in" or h.type == "person")
        if relation in {"leader_of", "deputy_leader_of", "member_of"}:
            return h.type == "person" and t.type != "person"
        return h.type != "place" and t.type != "place"

    def _qualify(
        self,
        f: Found,
        trig: Token,
        dates: list[DateMention],
        aset: ActorSet,
        point: bool = True,
    ) -> None:
        """Modality, attribution and dates. A point date starts the relation (ends it when the
        verb says it is over) unless ``point`` is false ("is the leader of X in 2011" says
        when it held, not when it began); "since", "from A to B" and "until" say which end."""
        m = modality_of(trig, self.events.mod, trig.sent)
        f.modality = m.modality
        if m.attribution_span is not None:
            actor = next(
                (aset.actors[a].id for tk in m.attribution_span
                 if (a := aset.token_actor.get(tk.i)) is not None),
                None,
            )  # fmt: skip
            f.attribution = Attribution(text=m.attribution_span.text, actor=actor)
        date = self.events._date_for(trig, dates)
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

    def _title_dates(self, doc: Doc, aset: ActorSet, anchor: Any) -> list[Found]:
        """A date right after a title phrase dates its role: "X, leader of Y since 2015",
        "Y's chairman from 2010 to 2014"; a bare year there is not taken."""
        if not aset.roles or not self.patterns.date_words:
            return []
        lead = self.patterns.date_words.get("until", frozenset())
        out: list[Found] = []
        cache: dict[int, list[DateMention]] = {}
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
            if sent.start not in cache:
                cache[sent.start] = find_dates(sent.text, anchor, offset=sent.start_char)
            for d in cache[sent.start]:
                if d.start in at:
                    ends = self._ends_of(d, doc)
                    if ends is not None:
                        f = Found(rf.relation, rf.person, rf.org, rf.start, rf.end)
                        f.start, f.end = ends
                        out.append(f)
                    break
        return out

    def _objects_after(self, verb: Token, prep: str, aset: ActorSet) -> list[int]:
        """Actors after a preposition of the verb; "by" also as the parser's passive agent."""
        got = self.events._prep_objects_all(verb, {prep}, aset)
        if prep == "by":
            for c in verb.children:
                if c.dep_ == "agent":
                    for o in c.children:
                        if o.dep_ == "pobj":
                            got.extend(g[0] for g in self.events.groups_of(o, aset))
        return got

    def _role_at(self, noun: Token) -> tuple[str, bool] | None:
        """The relation of the title this noun heads ("deputy leader" -> deputy_leader_of) and
        whether a marker before it says the role is over ("former")."""
        lex = self.events.actor_lex
        doc = noun.doc
        for k in range(noun.left_edge.i, noun.i + 1):
            m = lex.roles.match(doc, k, noun.i + 4)
            if m is not None and m[0] > noun.i:
                ended = any(doc[j].lower_ in lex.ended_markers for j in range(noun.left_edge.i, k))
                return m[1], ended
        return None

    def _role_predicate(self, noun: Token, aset: ActorSet) -> tuple[Token, str, list[Found]] | None:
        """A title as the predicate of a verb of office: "X became leader of Y", "X was elected
        chairman of Y", "X proclaimed himself head of Y", "X resigned as Y's envoy", "X is a
        member of Y". Returns the verb, its kind (start, end, hold) and the relations."""
        ev = self.events
        head = noun.head
        held_by: Token | None = None  # "named X its leader": the apposition's anchor
        if noun.dep_ == "pobj":
            if head.lower_ != "as":
                return None
            verb = head.head
        elif noun.dep_ == "appos":
            if head.dep_ not in {"oprd", "dobj"}:
                return None
            held_by, verb = head, head.head
        else:
            verb = head
        if verb.pos_ not in {"VERB", "AUX"}:
            return None
        kind = self.patterns.role_verbs.get(verb.lemma_.lower())
        if kind is None:
            return None
        if any(c.tag_ in {"JJS", "RBS"} or c.ent_type_ == "ORDINAL" for c in noun.subtree):
            return None  # "became its longest-serving chief", "the first leader to": a record
        role = self._role_at(noun)
        if role is None:
            return None
        relation, ended = role
        persons = self._office_holders(noun, verb, held_by, aset)
        if not persons:
            return None
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
        out: list[Found] = []
        for p in persons:
            for o in orgs:
                if aset.actors[o].type == "place" and relation != "leader_of":
                    continue
                if self._fits(relation, p, o, aset):
                    out.append(
                        Found(relation, p, o, verb.sent.start, verb.sent.end,
                              ended=ended or kind == "end")
                    )  # fmt: skip
        return (verb, kind, out) if out else None

    @staticmethod
    def _named_again(tok: Token, aset: ActorSet) -> int:
        """ "head of the council" after "the National Council for X" was named: the nearest
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
        self, noun: Token, verb: Token, held_by: Token | None, aset: ActorSet
    ) -> list[int]:
        ev = self.events
        if held_by is not None:
            cands = [g[0] for g in ev.groups_of(held_by, aset)]
        else:
            own = next((c for c in noun.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if noun.dep_ == "nsubj":
                # "the leader of Y is X": the title is the subject, the holder the predicate
                own = next((c for c in verb.children if c.dep_ == "attr"), None)
                if own is None:
                    return []
            objs = [c for c in verb.children if c.dep_ in {"dobj", "oprd"} and c.i != noun.i]
            if own is not None and own.pos_ != "PRON":
                cands = [g[0] for g in ev.groups_of(own, aset)]  # "named X head of Y"
            elif ev._passive(verb):
                cands = [g[0] for c in verb.children if c.dep_ == "nsubjpass"
                         for g in ev.groups_of(c, aset)]  # fmt: skip
                if not cands and verb.dep_ == "acl":
                    cands = [g[0] for g in ev.groups_of(verb.head, aset)]
            elif objs and own is None:
                cands = [g[0] for o in objs for g in ev.groups_of(o, aset)]
            else:
                cands = [g[0] for g in ev._subject(verb, aset)]
        return [a for a in cands if aset.actors[a].type == "person"]


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
