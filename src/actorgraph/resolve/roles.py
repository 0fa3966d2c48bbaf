"""Titles: who holds which role where, and titles that stand in for a person.

The shapes of a title phrase are spaCy ``Matcher`` patterns in ``data/patterns/roles.yaml``,
each with an id, a priority and an example sentence; role words, markers and plurals come from
the actor lexicon. A title is read in four steps, each decided by the first pattern (by
priority) whose rule accepts its match:

- owner, before the title: ``ORG [markers] role``, ``the group's role``, ``its role``,
  ``PERSON's role`` (the organisation that person leads), ``BODY of role``;
- object, after it: ``role of ORG``;
- gap: ``role to PLACE,`` is passed over before the holder's name;
- holder: ``role [honorifics] PERSON``, ``plural role, P1 and P2``, ``PERSON, the role``.

Where no pattern names the organisation, the document and the KB do (rules without a pattern,
also reported by id): ``possessor_leads`` (the organisation the possessor leads),
``kb_office`` (the office the KB gives the person named), and for a title with no name,
``title_holder`` (the person who holds it, in the document or else the KB).

>>> patterns = RolePatterns.load(load_actor_lexicon())  # doctest: +SKIP
>>> sorted(patterns.ids())[:2]  # doctest: +SKIP
['body_owns_title', 'description_owns_title']
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.errors import MatchPatternError
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from actorgraph.errors import ConfigError
from actorgraph.kb import KnowledgeBase
from actorgraph.resolve.lexicon import MATCH_VOCAB, ActorLexicon
from actorgraph.resolve.model import (
    DETERMINERS,
    ORG_TYPES,
    POSSESSIVE,
    ActorSet,
    DocContext,
    Mention,
    ResolvedActor,
    RoleFact,
    active,
    antecedent,
    is_prose,
)

STEPS = ("owner", "object", "gap", "holder")


# ---------------------------------------------------------------------------------- patterns
@dataclass(frozen=True)
class RolePattern:
    """One pattern of roles.yaml: its id, step, priority, example and Matcher alternatives."""

    id: str
    step: str
    priority: int
    example: str
    alternatives: tuple[tuple[dict[str, Any], ...], ...]
    slots: tuple[tuple[str | None, ...], ...]  # per alternative, the slot of each token
    side: str = "after"  # holder patterns: after or before the title phrase
    plural: bool | None = None  # holder patterns after the title: for plural titles or not


@dataclass(frozen=True)
class Fired:
    """A pattern that matched where a step looks: its id and the token range of each slot."""

    pattern: RolePattern
    slots: dict[str, tuple[int, int]]

    @property
    def id(self) -> str:
        return self.pattern.id

    def at(self, slot: str) -> int:
        return self.slots[slot][0]


class RolePatterns:
    """The title patterns, one spaCy ``Matcher`` per step, matched around one title at a time."""

    def __init__(self, raw: dict[str, Any], lex: ActorLexicon, source: str = "roles.yaml"):
        self.by_id: dict[str, RolePattern] = {}
        self._matchers: dict[str, Matcher] = {}
        self._keys: dict[int, tuple[RolePattern, int]] = {}  # match id -> pattern, alternative
        for step in STEPS:
            matcher = Matcher(MATCH_VOCAB)
            for entry in raw.get(step) or []:
                pat = _parse_pattern(entry, step, lex, source)
                if pat.id in self.by_id:
                    raise ConfigError(f"pattern id {pat.id!r} is used twice", path=source)
                self.by_id[pat.id] = pat
                for n, alt in enumerate(pat.alternatives):
                    # One key per alternative, so that a match tells which one it was.
                    key = f"{pat.id}#{n}"
                    self._keys[MATCH_VOCAB.strings.add(key)] = (pat, n)
                    try:
                        matcher.add(key, [list(alt)])
                    except (MatchPatternError, ValueError, TypeError, KeyError) as exc:
                        msg = str(exc).strip().splitlines()[0]
                        raise ConfigError(
                            f"pattern {pat.id!r} is no Matcher pattern: {msg}", path=source
                        ) from None
            self._matchers[step] = matcher

    @classmethod
    def load(cls, lex: ActorLexicon, path: Path | str | None = None) -> RolePatterns:
        """The builtin patterns, or those of a file in the same format."""
        if path is None:
            return _builtin_patterns(lex)
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot read pattern file ({exc})", path=str(path)) from None
        return cls(_read(text, str(path)), lex, str(path))

    def ids(self) -> list[str]:
        return list(self.by_id)

    def fire(
        self,
        step: str,
        doc: Doc,
        window: tuple[int, int],
        start: int | None = None,
        end: int | None = None,
        accept: Callable[[RolePattern], bool] = lambda p: True,
    ) -> Iterator[Fired]:
        """The matches of a step's patterns in a window of the document that start (or end)
        where the step looks, highest priority first."""
        lo, hi = max(0, window[0]), min(len(doc), window[1])
        if lo >= hi:
            return
        found: list[tuple[int, int, Fired]] = []
        matches: list[Any] = self._matchers[step](doc[lo:hi], with_alignments=True)
        for key, s, e, alignment in matches:
            s, e = s + lo, e + lo
            if (start is not None and s != start) or (end is not None and e != end):
                continue
            pat, alt = self._keys[key]
            if not accept(pat):
                continue
            slots: dict[str, tuple[int, int]] = {}
            for offset, token_index in enumerate(alignment):
                name = pat.slots[alt][token_index]
                if name is not None:
                    first, _ = slots.get(name, (s + offset, 0))
                    slots[name] = (first, s + offset + 1)
            found.append((-pat.priority, len(found), Fired(pat, slots)))
        for _, _, fired in sorted(found, key=lambda f: (f[0], f[1])):
            yield fired


def _read(text: str, source: str) -> dict[str, Any]:
    # Imported here: the extract package imports this module while it loads.
    from actorgraph.extract.lexicon import load_yaml_words

    try:
        raw = load_yaml_words(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"cannot read pattern file ({exc})", path=source) from None
    if not isinstance(raw, dict):
        raise ConfigError("a pattern file must hold a mapping of steps", path=source)
    unknown = set(raw) - set(STEPS)
    if unknown:
        raise ConfigError(f"unknown steps {sorted(unknown)}; known: {list(STEPS)}", path=source)
    return raw


def _parse_pattern(entry: Any, step: str, lex: ActorLexicon, source: str) -> RolePattern:
    if not isinstance(entry, dict) or not {"id", "priority", "example", "pattern"} <= set(entry):
        raise ConfigError(
            f"each {step} pattern needs id, priority, example and pattern: {entry!r}", path=source
        )
    body = entry["pattern"]
    alternatives = body if body and isinstance(body[0], list) else [body]
    alts: list[tuple[dict[str, Any], ...]] = []
    slots: list[tuple[str | None, ...]] = []
    for alt in alternatives:
        tokens = [dict(t) for t in alt]
        slots.append(tuple(t.pop("slot", None) for t in tokens))
        alts.append(tuple(_expand(t, lex, source) for t in tokens))
    return RolePattern(
        id=str(entry["id"]),
        step=step,
        priority=int(entry["priority"]),
        example=str(entry["example"]),
        alternatives=tuple(alts),
        slots=tuple(slots),
        side=str(entry.get("side", "after")),
        plural=entry.get("plural"),
    )


def _expand(spec: Any, lex: ActorLexicon, source: str) -> Any:
    """Replace "@name" in IN/NOT_IN lists by the lexicon's word list of that name."""
    if isinstance(spec, dict):
        return {k: _expand(v, lex, source) for k, v in spec.items()}
    if isinstance(spec, list):
        out: list[Any] = []
        for v in spec:
            if isinstance(v, str) and v.startswith("@"):
                words = getattr(lex, v[1:], None)
                if not isinstance(words, frozenset):
                    raise ConfigError(f"no word list {v[1:]!r} in the actor lexicon", path=source)
                out.extend(sorted(words))
            else:
                out.append(_expand(v, lex, source))
        return out
    return spec


def _builtin_patterns(lex: ActorLexicon) -> RolePatterns:
    text = resources.files("actorgraph").joinpath("data/patterns/roles.yaml").read_text("utf-8")
    return RolePatterns(_read(text, "roles.yaml"), lex)


# ------------------------------------------------------------- token attributes while reading
@dataclass
class _Reading:
    """One call of :func:`attach_titles`: the document, its actors and the title read now."""

    ctx: DocContext
    aset: ActorSet
    kb: KnowledgeBase
    patterns: RolePatterns
    facts: list[RoleFact] = field(default_factory=list)
    title: range = range(0)
    modifiers: range = range(0)

    @functools.cached_property
    def honorific_tokens(self) -> frozenset[int]:
        return self.ctx.honorifics.covered()

    def fire(self, step: str, *args: Any, **kw: Any) -> Iterator[Fired]:
        return self.patterns.fire(step, self.ctx.doc, *args, **kw)

    def note(self, rule: str, title: _Title) -> None:
        self.ctx.fired.append((rule, title.start))


# The reading of the current thread: the extension getters below see only their own call.
_READING: contextvars.ContextVar[_Reading | None] = contextvars.ContextVar(
    "ag_role_reading", default=None
)


def _actor_type(t: Token) -> str:
    r = _READING.get()
    a = None if r is None else r.aset.actor_at(t.i)
    return "" if a is None else a.type


def _in_title(t: Token) -> bool:
    r = _READING.get()
    return r is not None and t.i in r.title


def _is_premodifier(t: Token) -> bool:
    r = _READING.get()
    return r is not None and t.i in r.modifiers


def _is_honorific(t: Token) -> bool:
    r = _READING.get()
    return r is not None and t.i in r.honorific_tokens and t.i not in r.aset.token_actor


for _name, _getter in (
    ("ag_actor", _actor_type),
    ("ag_title", _in_title),
    ("ag_premodifier", _is_premodifier),
    ("ag_honorific", _is_honorific),
):
    if not Token.has_extension(_name):
        Token.set_extension(_name, getter=_getter)


# ------------------------------------------------------------------------------- the reading
@dataclass
class _Title:
    """One title: its role words [start, end), relation, and what the steps found."""

    start: int
    end: int
    relation: str
    plural: bool
    left: int = -1  # the token before the markers and modifiers
    ended: bool = False
    started: bool = False
    org: ResolvedActor | None = None
    phrase_start: int = 0
    possessor: ResolvedActor | None = None
    after: int = 0
    org_on_right: bool = False


def attach_titles(
    ctx: DocContext, aset: ActorSet, kb: KnowledgeBase, patterns: RolePatterns | None = None
) -> list[RoleFact]:
    """Role facts of the document's titles; a title with no name becomes a mention of the
    person who holds it. Sets ``aset.roles`` and ``aset.title_person``."""
    reading = _Reading(ctx, aset, kb, patterns or RolePatterns.load(ctx.lex))
    title_only: list[_Title] = []
    token = _READING.set(reading)
    try:
        i = 0  # where the search goes on: a title read may cover the next candidates
        for k in _title_starts(ctx):
            title = _title_at(reading, k) if k >= i else None
            if title is not None:
                i = _read_title(reading, title, title_only)
    finally:
        _READING.reset(token)
    for title in title_only:
        _attach_title_only(reading, title)
    aset.roles = reading.facts
    return reading.facts


def _title_starts(ctx: DocContext) -> list[int]:
    """The tokens a title can start at (a role phrase or a plural role word), in order: the
    few tokens :func:`_title_at` needs to look at, found without visiting every token."""
    plurals = ctx.lex.role_plurals
    words = [i for i, w in enumerate(ctx.lowers) if w in plurals]
    return sorted({*ctx.roles.starts(), *words})


def _title_at(r: _Reading, i: int) -> _Title | None:
    """The title whose role words start at token i: a role phrase or a plural role word."""
    hit = r.ctx.roles.match(i)
    if hit is not None:
        return _Title(i, hit[0], hit[1], plural=False)
    plural_rel = r.ctx.lex.role_plurals.get(r.ctx.lowers[i])
    if plural_rel is None:
        return None
    return _Title(i, i + 1, plural_rel or "member_of", plural=True)


def _read_title(r: _Reading, t: _Title, title_only: list[_Title]) -> int:
    """Read one title; returns the token where the search for the next one goes on."""
    a = r.aset.actor_at(t.start)
    if a is not None and (a.type == "person" or _inside_name(a, t.start)):
        return t.end  # a person's name, or role words within a name ("ORG of Staff")
    _scan_modifiers(r, t)
    r.title, r.modifiers = range(t.start, t.end), range(t.left + 1, t.start)
    _find_owner(r, t)
    _find_org_elsewhere(r, t)
    if t.org is None:
        return t.end
    if not t.org_on_right:
        _pass_gap(r, t)
    persons = _find_holders(r, t)
    if persons:
        _state_facts(r, t, persons)
        return max(t.end, t.after)
    if not t.plural and not t.org_on_right and not t.ended and t.possessor is None:
        title_only.append(t)
    return t.end


def _scan_modifiers(r: _Reading, t: _Title) -> None:
    """The markers and adjectives before the title ("the former", "senior", "new", up to two
    lower-case nouns or adjectives of the office: "trade minister")."""
    doc, lex, aset = r.ctx.doc, r.ctx.lex, r.aset
    left = t.start - 1
    modifiers = 0
    while left >= 0 and (
        _marker_or_modifier(lex, doc[left].lower_)
        or doc[left].lower_ in DETERMINERS
        or (
            modifiers < 2
            and doc[left].is_lower
            and doc[left].pos_ in {"NOUN", "ADJ"}
            and left not in aset.token_actor
        )
    ):
        _mark(lex, t, doc[left].lower_)
        word = doc[left]
        modifiers += word.pos_ in {"NOUN", "ADJ"} and word.lower_ not in lex.title_modifiers
        left -= 1
    t.left = left
    t.phrase_start = left + 1


def _marker_or_modifier(lex: ActorLexicon, word: str) -> bool:
    return word in lex.ended_markers or word in lex.started_markers or word in lex.title_modifiers


def _mark(lex: ActorLexicon, t: _Title, word: str) -> None:
    t.ended |= word in lex.ended_markers
    t.started |= word in lex.started_markers


# ---------------------------------------------------------------------------- step 1: owner
def _find_owner(r: _Reading, t: _Title) -> None:
    """The first owner pattern (by priority) whose rule accepts it decides."""
    for fired in r.fire("owner", (t.left - 2, t.end), end=t.end):
        rule = _OWNER_RULES[fired.id]
        if rule(r, t, fired):
            r.note(fired.id, t)
            return


def _org_owns(r: _Reading, t: _Title, fired: Fired) -> bool:
    # A place owns only a leader's title: a mayor's city, a governor's province.
    j = fired.at("owner")
    types = ORG_TYPES | {"place"} if t.relation == "leader_of" else ORG_TYPES
    org = _actor(r.aset, j, types)
    if org is None:
        return False
    start, end = r.aset.bounds(org, j)
    doc = r.ctx.doc
    if (
        org.type in {"state", "place"}
        and start > 0
        and doc[start - 1].lower_ in r.ctx.lex.place_preps
        and doc[end].text not in POSSESSIVE
    ):
        return False  # "In Norland Minister Varga met ...": where, not whose
    t.org = org
    t.phrase_start = start
    # Markers can also stand before the organisation: "former ORG leader".
    k = t.phrase_start - 1
    while k >= 0 and _marker_or_modifier(r.ctx.lex, r.ctx.doc[k].lower_):
        _mark(r.ctx.lex, t, r.ctx.doc[k].lower_)
        k -= 1
    return True


def _description_owns(r: _Reading, t: _Title, fired: Fired) -> bool:
    # A definite description names the organisation spoken of before, as "its" would.
    j = fired.at("owner")
    t.org = _salient_org(r.ctx.doc, r.aset, j)
    t.phrase_start = j - 1
    return True


def _pronoun_owns(r: _Reading, t: _Title, fired: Fired) -> bool:
    j = fired.at("owner")
    idx = antecedent(r.ctx.doc, r.aset, j, {"organization", "group"})
    t.org = r.aset.actors[idx] if idx is not None else None
    t.phrase_start = j
    return True


def _person_owns(r: _Reading, t: _Title, fired: Fired) -> bool:
    # A person's deputy or spokesman works for the organisation that person leads (see
    # possessor_leads); the title is no name of the possessor.
    t.possessor = r.aset.actor_at(fired.at("owner"))
    return True


def _body_owns(r: _Reading, t: _Title, fired: Fired) -> bool:
    # "the BODY of [the] TITLE NAME": the cabinet or council of a leader is that leader's.
    if t.relation == "member_of":
        return False
    j = fired.at("owner")
    body = r.aset.actor_at(j - 1)
    if body is None or r.aset.bounds(body, j - 1)[1] != j:
        return False
    t.org = body
    t.phrase_start = r.aset.bounds(body, j - 1)[0]
    return True


_OWNER_RULES: dict[str, Callable[[_Reading, _Title, Fired], bool]] = {
    "org_owns_title": _org_owns,
    "description_owns_title": _description_owns,
    "pronoun_owns_title": _pronoun_owns,
    "person_owns_title": _person_owns,
    "body_owns_title": _body_owns,
}


# --------------------------------------------------------- step 2: the organisation elsewhere
def _find_org_elsewhere(r: _Reading, t: _Title) -> None:
    """With no owner: the organisation after the title, else the one the possessor leads, else
    the office the KB gives the person named after the title."""
    t.after = t.end
    if t.org is None:
        for fired in r.fire("object", (t.end, t.end + 1), start=t.end):
            # The pattern passes over its preposition even when no organisation follows.
            t.org, t.after = _of_object(r.ctx.doc, r.aset, fired.at("prep") + 1, t.relation)
            t.org_on_right = t.org is not None
            if t.org_on_right:
                r.note(fired.id, t)
            break
    if t.org is None and t.possessor is not None:
        t.org = _led_by(r.aset, r.facts, t.possessor, r.ctx.published)
        if t.org is not None:
            r.note("possessor_leads", t)
    if t.org is None and not t.plural:
        # A title before a name with no organisation: the office the KB gives the person.
        named = _people_after(r, t, plural=False)
        if named:
            t.org = _kb_office(r.aset, named[0][0], t.relation, r.ctx.published)
            if t.org is not None:
                r.note("kb_office", t)


def _of_object(doc: Doc, aset: ActorSet, start: int, rel: str) -> tuple[ResolvedActor | None, int]:
    """The organisation after "of": the last one before the next comma (a sub-unit wins)."""
    types = ORG_TYPES | ({"place"} if rel == "leader_of" else set())
    best: ResolvedActor | None = None
    end = start
    k = start
    while k < min(len(doc), start + 8):
        t = doc[k]
        if t.is_punct and t.text not in POSSESSIVE and t.text not in {"-", "’", "'"}:
            break
        a = aset.actor_at(k)
        if a is not None and a.type in types:
            best = a
            end = aset.bounds(a, k)[1]
        elif a is None and t.pos_ in {"VERB", "AUX"}:
            break
        k += 1
    return best, end


# ------------------------------------------------------------------------------ step 3: gap
def _pass_gap(r: _Reading, t: _Title) -> None:
    """ "the ORG envoy to PLACE, NAME": the holder's name follows the comma."""
    for fired in r.fire("gap", (t.after, t.after + 7), start=t.after):
        t.after = fired.at("comma")
        r.note(fired.id, t)
        return


# ---------------------------------------------------------------------------- step 4: holder
def _find_holders(r: _Reading, t: _Title) -> list[ResolvedActor]:
    people = _people_after(r, t, plural=t.plural)
    if people:
        r.note(people[0][1], t)
        return [p for p, _ in people]
    for fired in r.fire(
        "holder",
        (t.phrase_start - 12, t.phrase_start),
        end=t.phrase_start,
        accept=lambda p: p.side == "before",
    ):
        person = r.aset.actor_at(fired.at("person"))
        if person is not None:
            r.note(fired.id, t)
            return [person]
    return []


def _people_after(r: _Reading, t: _Title, plural: bool) -> list[tuple[ResolvedActor, str]]:
    """The person named after the title phrase, or after a plural title the people listed
    ("its commanders, A and B"), with the id of the pattern that found the first."""
    for fired in r.fire(
        "holder",
        (t.after, t.after + 16),
        start=t.after,
        accept=lambda p: p.side == "after" and p.plural == plural,
    ):
        return [(p, fired.id) for p in _listed_people(r, fired.at("person"), plural)]
    return []


def _listed_people(r: _Reading, k: int, plural: bool) -> Iterator[ResolvedActor]:
    """The person named at token k (the pattern passed over the honorifics before it) and,
    after a plural title, those listed after that one."""
    doc, aset = r.ctx.doc, r.aset
    first = True
    while k < len(doc):
        if not first:
            k = _past_honorifics(r, k)
        first = False
        a = aset.actor_at(k)
        if a is not None and plural and a.kb is None and a.type == "organization":
            # Names listed after a plural title are people, whatever the model called them.
            a.type = "person"
        if a is None or a.type != "person":
            return
        m_start, m_end = aset.bounds(a, k)
        if any(m.kind == "pronoun" for m in a.mentions if m.start == m_start):
            return
        yield a
        if not plural:
            return
        k = m_end
        if k < len(doc) and doc[k].text == ",":
            k += 1
        if k < len(doc) and doc[k].lower_ == "and":
            k += 1


def _past_honorifics(r: _Reading, k: int) -> int:
    """ "Major General NAME": honorifics can follow one another before the name."""
    h = k
    for _ in range(3):
        hon = r.ctx.honorifics.match(h)
        if hon is None or hon[0] >= len(r.ctx.doc):
            break
        h = hon[0]
        if r.aset.actor_at(h) is not None:
            return h
    return k


def _state_facts(r: _Reading, t: _Title, persons: list[ResolvedActor]) -> None:
    assert t.org is not None
    aset = r.aset
    end = max(aset.bounds(p, p.mentions[0].start)[1] for p in persons)
    for p in persons:
        if p.index != t.org.index:
            r.facts.append(
                RoleFact(
                    p.index,
                    t.org.index,
                    t.relation,
                    t.phrase_start,
                    max(end, t.after),
                    t.ended,
                    t.started,
                    t.start,
                    t.end,
                )
            )
    if len(persons) == 1:
        # The title words stand for the person in the sentence's grammar too.
        for k in range(t.start, t.end):
            aset.title_person[k] = persons[0].index


def _attach_title_only(r: _Reading, t: _Title) -> None:
    """A title with no name ("the ORG leader") is a mention of the person who holds it."""
    assert t.org is not None
    person = _holder(r.aset, r.facts, t.org.index, t.relation, t.start, r.kb, r.ctx.published)
    if person is None:
        return
    r.note("title_holder", t)
    doc = r.ctx.doc
    person.mentions.append(Mention(t.start, t.end, "title", prose=is_prose(doc, t.start)))
    for k in range(t.start, t.end):
        r.aset.token_actor[k] = person.index


# --------------------------------------------------------------------------------- helpers
def _actor(aset: ActorSet, i: int, types: set[str] | frozenset[str]) -> ResolvedActor | None:
    a = aset.actor_at(i)
    if a is None or a.type not in types:
        return None
    return a


def _inside_name(a: ResolvedActor, i: int) -> bool:
    return any(m.kind == "name" and m.start < i < m.end for m in a.mentions)


def _salient_org(doc: Doc, aset: ActorSet, before: int) -> ResolvedActor | None:
    """The organisation a description ("the group") names again: of those named in its
    sentence (the nearest) or else the two before (the one the document names most)."""
    start = doc[before].sent.start
    for _ in range(2):
        if start > 0:
            start = doc[start - 1].sent.start
    best: tuple[tuple[bool, int, int], ResolvedActor] | None = None
    own = doc[before].sent.start
    for a in aset.actors:
        if a.type not in {"organization", "group"}:
            continue
        near = [m.start for m in a.mentions if start <= m.start < before and m.kind != "pronoun"]
        if near:
            key = (max(near) >= own, len(a.mentions), max(near))
            if best is None or key > best[0]:
                best = (key, a)
    return best[1] if best else None


def _led_by(
    aset: ActorSet, facts: list[RoleFact], person: ResolvedActor, published: str | None
) -> ResolvedActor | None:
    for f in facts:
        if f.person == person.index and f.relation == "leader_of":
            return aset.actors[f.org]
    if person.kb is not None:
        kb_orgs = {a.kb.id: a for a in aset.actors if a.kb is not None}
        for r in person.kb.roles:
            if (
                r.relation == "leader_of"
                and r.org in kb_orgs
                and (published is None or active(r.start, r.end, published))
            ):
                return kb_orgs[r.org]
    return None


def _kb_office(
    aset: ActorSet, person: ResolvedActor, rel: str, published: str | None
) -> ResolvedActor | None:
    """The organisation or state of the document in which the KB says the person holds
    this kind of role at publication time."""
    if person.kb is None:
        return None
    in_doc = {a.kb.id: a for a in aset.actors if a.kb is not None}
    for r in person.kb.roles:
        if (
            r.relation == rel
            and r.org in in_doc
            and (published is None or active(r.start, r.end, published))
        ):
            return in_doc[r.org]
    return None


def _holder(
    aset: ActorSet,
    facts: list[RoleFact],
    org_idx: int,
    rel: str,
    at: int,
    kb: KnowledgeBase,
    published: str | None,
) -> ResolvedActor | None:
    """Who the document (nearest statement first), else the KB, says holds a role."""
    stated = [f for f in facts if f.org == org_idx and f.relation == rel and not f.ended]
    if stated:
        before = [f for f in stated if f.start < at]
        f = before[-1] if before else stated[0]
        return aset.actors[f.person]
    org = aset.actors[org_idx]
    if org.kb is None:
        return None
    holders = kb.people_with_role(org.kb.id, rel, on=published)
    if len(holders) != 1:
        return None
    entry = holders[0][0]
    for a in aset.actors:
        if a.kb is not None and a.kb.id == entry.id:
            return a
    # Named only by title here: the KB's role holder joins the document.
    person = ResolvedActor(
        index=len(aset.actors), key="kb:" + entry.id, mentions=[], kb=entry, type="person"
    )
    aset.actors.append(person)
    return person
