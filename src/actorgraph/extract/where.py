"""Where an event happens, beyond a place right after in/at/near (extract/scene.place_for):

- ground named by a noun: "on STATE soil", "the STATE town of NAME", "a strip of NAME";
- prepositions of entering: "an incursion into NAME"; a war one state names ("during the STATE
  civil war"); the land an act of entering is done to ("the invasion of STATE");
- the same scene: an act told with no place right after one that has a place, in the same
  paragraph and with a party or the kind of act in common, happened there too.

The words are data (data/lexicon/places.yaml).

>>> sorted(place_words().entering)[:2]
['across', 'into']
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Token

from actorgraph.extract.context import Candidate, DocContext, own_ids
from actorgraph.extract.evidence import sentence_index
from actorgraph.extract.rules import TYPES

PLACES_FILE = Path(__file__).resolve().parent.parent / "data" / "lexicon" / "places.yaml"
_QUALIFIERS = {"amod", "compound", "poss", "nmod", "npadvmod"}


@dataclass(frozen=True)
class PlaceWords:
    territory: frozenset[str]
    entering: frozenset[str]
    ground: frozenset[str]
    conflict: frozenset[str]
    entering_acts: frozenset[str]
    scene_sentences: int


@functools.cache
def place_words(path: Path = PLACES_FILE) -> PlaceWords:
    """The word lists of data/lexicon/places.yaml."""
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    return PlaceWords(
        territory=frozenset(w.lower() for w in raw.get("territory_nouns", [])),
        entering=frozenset(w.lower() for w in raw.get("entering_prepositions", [])),
        ground=frozenset(w.lower() for w in raw.get("ground_prepositions", [])),
        conflict=frozenset(w.lower() for w in raw.get("conflict_nouns", [])),
        entering_acts=frozenset(w.lower() for w in raw.get("entering_acts", [])),
        scene_sentences=int(raw.get("scene_sentences", 2)),
    )


def is_territory(o: Token) -> bool:
    """A noun of ground ("soil", "town") or of a war ("the civil war")."""
    words = place_words().territory | place_words().conflict
    return o.lower_ in words or o.lemma_.lower() in words


def _is_conflict(o: Token) -> bool:
    words = place_words().conflict
    return o.lower_ in words or o.lemma_.lower() in words


def conflict_place(ctx: DocContext, o: Token) -> int | None:
    """The state a war noun is named after, when it names one state only ("the STATE civil
    war"; not "the STATE-STATE war")."""
    if not _is_conflict(o):
        return None
    named = _state_words(ctx)
    states = set()
    for c in o.subtree:
        if c.i >= o.i:
            continue
        a = ctx.aset.token_actor.get(c.i)
        if a is None:
            # a war's name is no actor mention ("the STATE civil war"); its words still name
            # the state where the text names it elsewhere
            a = named.get(c.lower_)
        if a is not None and ctx.type(a) == "state":
            states.add(a)
    return next(iter(states)) if len(states) == 1 else None


def _state_words(ctx: DocContext) -> dict[str, int]:
    """One-word names and adjectives of the document's states, as its mentions write them."""
    got = ctx.doc.user_data.get("ag_state_words")
    if got is None:
        got = {}
        for a in ctx.aset.actors:
            if a.type != "state":
                continue
            for m in a.mentions:
                if m.end - m.start == 1 and m.kind in {"name", "demonym"}:
                    got.setdefault(ctx.doc[m.start].lower_, a.index)
        ctx.doc.user_data["ag_state_words"] = got
    return dict(got)


def entered_place(ctx: DocContext, c: Candidate) -> int | None:
    """The land an act of entering is done to: its target, when that is a state or a place
    ("invaded STATE", "the occupation of NAME")."""
    t = c.trigger
    if t.lemma_.lower() not in place_words().entering_acts:
        return None
    for g in c.target:
        for a in g:
            if ctx.type(a) in {"state", "place"}:
                return a
    return None


def territory_place(ctx: DocContext, o: Token) -> int | None:
    """The place a noun of ground stands for: the place or state named after its "of" ("the
    town of NAME", "a strip of NAME"), else a state that qualifies it ("STATE soil", "the
    STATE town"). None when the noun is no ground noun or names neither."""
    if _is_conflict(o):
        return conflict_place(ctx, o)
    if not is_territory(o):
        return None
    for c in o.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    got = _place_at(ctx, g)
                    if got is not None:
                        return got
    for c in o.children:
        if c.dep_ in _QUALIFIERS:
            a = ctx.aset.token_actor.get(c.i)
            if a is not None and ctx.type(a) in {"place", "state"}:
                return a
    return None


def _place_at(ctx: DocContext, t: Token) -> int | None:
    """The place or state a noun phrase names: its head or a word of it ("south Lebanon")."""
    for k in (t.i, *(c.i for c in t.children if c.dep_ in _QUALIFIERS)):
        a = ctx.aset.token_actor.get(k)
        if a is not None and ctx.type(a) in {"place", "state"}:
            return a
    return territory_place(ctx, t)


def scene_place(ctx: DocContext, c: Candidate) -> int | None:
    """The place of a deed told shortly before in the same paragraph, when this deed shares a
    party with it or is of the same kind ("X shelled the town. Its jets also bombed two
    bridges.")."""
    material = TYPES["material"]
    kind = ctx.cfg.plover(c.code)
    if kind not in material or (not c.target and kind in TYPES["patient_only"]):
        # Words are said where the speaker is; and a place handed to an act with no target
        # would become the target it hit.
        return None
    here = sentence_index(ctx.doc, c.sent.start)
    own = ctx.kin(own_ids(c.source + c.target))
    for prev in reversed(ctx.history):
        if prev.place is None or ctx.cfg.plover(prev.code) not in material:
            continue
        back = here - sentence_index(ctx.doc, prev.sent.start)
        if back <= 0:
            continue
        if back > place_words().scene_sentences or _paragraph_break(ctx, prev, c):
            return None
        shared = own & ctx.kin(own_ids(prev.source + prev.target))
        if shared or ctx.cfg.plover(prev.code) == kind:
            return prev.place
    return None


def _paragraph_break(ctx: DocContext, prev: Candidate, c: Candidate) -> bool:
    """A line break between two sentences from ``prev``'s to ``c``'s (one inside a sentence
    is the wrapping of a line, no new paragraph)."""
    doc, end = ctx.doc, prev.sent.end
    while end <= c.sent.start and end < len(doc):
        last = end - 1
        while last > 0 and doc[last].is_space:
            last -= 1  # the parser keeps the blank lines after a sentence inside it
        if "\n" in ctx.text[doc[last].idx + len(doc[last].text) : doc[end].idx]:
            return True
        end = ctx.sent(doc[end]).end
    return False
