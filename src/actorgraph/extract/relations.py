"""Standing relations: from titles (resolve/roles.py), sub-organisations, and the verb and noun
patterns of data/lexicon/relations.yaml ("lives in", "relocated its offices from A to B",
"answers to", "the X district of Y")."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from spacy.tokens import Doc, Token

from actorgraph.errors import ConfigError
from actorgraph.extract.dates import DateMention, find_dates, parse_anchor
from actorgraph.extract.evidence import evidence
from actorgraph.extract.modality import modality_of
from actorgraph.nlp.scan import token_indices
from actorgraph.records import Attribution, DateValue, Relation
from actorgraph.resolve.actors import POSSESSIVE, ActorSet, is_prose

if TYPE_CHECKING:
    from actorgraph.extract.events import EventExtractor

PERSONAL = {"resides_in", "leader_of", "deputy_leader_of", "member_of"}
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


@dataclass(frozen=True)
class NounPattern:
    lemma: str
    relation: str
    prep: str | None = None
    appositive: bool = False
    pair_prep: str | None = None


@dataclass(frozen=True)
class RelationPatterns:
    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, tuple[NounPattern, ...]]
    place_of: bool
    # "the Pakistan-based group X": the word after the hyphen -> relation (modified, named)
    compounds: dict[str, str] = field(default_factory=dict)
    # "Norland's Border Police": last words of a state body's name, part of the possessor
    state_bodies: frozenset[str] = frozenset()


def load_relation_patterns(extra: Sequence[Path | str] = ()) -> RelationPatterns:
    if not extra:
        return _builtin_patterns()
    return _make([_builtin_raw(), *(_read(p) for p in extra)])


def _read(path: Path | str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read relation patterns ({exc})", path=str(path)) from None
    if not isinstance(data, dict):
        raise ConfigError("relation patterns must be a mapping", path=str(path))
    return data


def _builtin_raw() -> dict[str, Any]:
    text = resources.files("actorgraph").joinpath("data/lexicon/relations.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
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
    try:
        for raw in layers:
            bodies.update(str(w).lower() for w in raw.get("state_bodies", []))
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
                )
                verbs.setdefault(p.lemma, []).append(p)
            for n in raw.get("nouns", []):
                q = NounPattern(
                    lemma=n["lemma"],
                    relation=n["relation"],
                    prep=n.get("prep"),
                    appositive=bool(n.get("appositive", False)),
                    pair_prep=n.get("pair_prep"),
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


class RelationExtractor:
    def __init__(self, events: EventExtractor, patterns: RelationPatterns) -> None:
        self.events = events
        self.patterns = patterns

    def extract(self, doc: Doc, aset: ActorSet) -> list[Found]:
        out: list[Found] = []
        published = doc._.ag_published
        anchor = parse_anchor(published) if published else None
        self.events._aset = aset
        for sent in doc.sents:
            if not is_prose(doc, sent.start):
                continue
            dates: list[DateMention] | None = None
            for t in sent:
                lemma = t.lemma_.lower()
                vps = self.patterns.verbs.get(lemma) if t.pos_ == "VERB" else None
                nps = self.patterns.nouns.get(lemma) if t.pos_ == "NOUN" else None
                if not vps and not nps:
                    continue
                if dates is None:
                    dates = find_dates(sent.text, anchor, offset=sent.start_char)
                found = self._verb(t, vps, aset) if vps else self._noun(t, nps or (), aset)
                for f in found:
                    self._qualify(f, t, dates, aset)
                out.extend(found)
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
                if (
                    outer is None
                    and m.end + 2 < len(doc)
                    and doc[m.end].text == ","
                    and doc[m.end + 1].lower_ == "in"
                ):
                    # "Kabkabiya, in North Darfur, on Sunday": the last name of the phrase
                    # after "in" ("in Norland's Kivu province" is in Kivu).
                    for k in range(m.end + 2, min(len(doc), m.end + 7)):
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
                tails = ev._prep_objects_all(verb, {p.prep}, aset)
            else:
                tails = [a for o in objs for g in ev.groups_of(o, aset) for a in g[:1]]
            if not tails:
                continue
            heads = [g[0] for g in ev._subject(verb, aset)] if not passive else []
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
                    if self._fits(p.relation, a, b, aset):
                        out.append(Found(p.relation, a, b, verb.sent.start, verb.sent.end))
                if p.ends:
                    for tl in ev._prep_objects_all(verb, {p.ends}, aset):
                        if self._fits(p.relation, h, tl, aset):
                            out.append(
                                Found(p.relation, h, tl, verb.sent.start, verb.sent.end, end=None)
                            )
                            out[-1].confidence = -1.0  # marks "ended here"; fixed in _qualify
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
            elif p.appositive and noun.dep_ in {"appos", "attr"}:
                subject = noun.head
                if noun.dep_ == "attr":
                    subject = next((c for c in noun.head.children if c.dep_ == "nsubj"), noun)
                for h in ev._np_actors(subject, aset, 0):
                    for tl in heads:
                        if self._fits(p.relation, h, tl, aset):
                            out.append(Found(p.relation, h, tl, noun.sent.start, noun.sent.end))
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
                return out
        return out

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

    def _qualify(self, f: Found, trig: Token, dates: list[DateMention], aset: ActorSet) -> None:
        ended = f.confidence < 0
        f.confidence = 0.6
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
        if date is not None:
            value = date.to_value("text")
            if ended:
                f.end = value
            else:
                f.start = value


def build_relations(doc: Doc, aset: ActorSet, found: list[Found]) -> list[Relation]:
    """All relations of a document: titles, sub-organisations and verbal/nominal patterns,
    one per (type, head, tail)."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    published = doc._.ag_published

    def add(rel: Relation) -> None:
        key = (rel.type, rel.head, rel.tail)
        if key not in seen:
            seen.add(key)
            out.append(rel)

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
