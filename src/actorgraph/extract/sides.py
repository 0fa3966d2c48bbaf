"""Sides chosen by the trained role model: who is the source and who the target of an event.

The rules find the triggers and a first guess of the sides; the role model
(:mod:`actorgraph.extract.role_model`, trained by ``scripts/train_role_model.py``, card in
``docs/model-card-trigger.md``) scores every actor of the trigger's sentence as source, target or
neither. A side the rules left empty takes the actor the model is sure of (P >= 0.5 and above
the other side); a side the rules found stands. One actor never takes both sides.

>>> # choose_sides(doc, events, RoleModel.load()) -> the events with their sides re-chosen
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from actorgraph.extract.role_model import RoleModel
from actorgraph.extract.rules import WORDS
from actorgraph.records import Event

SURE = 0.5
SIDES = (("source", "target"), ("target", "source"))


def _trigger(doc: Doc, e: Event) -> Token | None:
    if e.trigger is None:
        return None
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return None if span is None else span.root


def _side(
    scores: dict[int, dict[str, float]], side: str, other: str, taken: set[str]
) -> str | None:
    best = max(
        (
            (p[side], f"a{k}")
            for k, p in scores.items()
            if p[side] >= SURE and p[side] > p[other] and f"a{k}" not in taken
        ),
        default=None,
    )
    return None if best is None else best[1]


def _speakers_about(tok: Token, heads: dict[int, Event]) -> set[str]:
    """The sources of events whose trigger governs this one ("X condemned the kidnapping"):
    who speaks of or answers an act is not its author."""
    out: set[str] = set()
    for anc in tok.ancestors:
        got = heads.get(anc.i)
        if got is not None:
            out |= set(got.source)
    return out


def _victims_in(tok: Token, heads: dict[int, Event]) -> set[str]:
    """The targets of acts this trigger governs ("condemned the attack on X"): who suffered
    the act condemned is not the one condemned."""
    return {a for t in tok.subtree if t.i != tok.i and t.i in heads for a in heads[t.i].target}


def _media(tok: Token) -> set[str]:
    """Who is named only as the way word got out ("claimed it via a messaging service") takes
    no side in the act."""
    aset = tok.doc._.ag_actors if Doc.has_extension("ag_actors") else None
    if aset is None:
        return set()
    sent = tok.sent
    return {
        f"a{aset.token_actor[t.i]}"
        for t in sent
        if t.i in aset.token_actor and t.dep_ == "pobj" and t.head.lower_ in WORDS["medium_preps"]
    }


def _in_subject(tok: Token) -> set[str]:
    """Who is named inside the verb's subject ("jets backed by X pounded the town") is part of
    the side that acts, not its target."""
    aset = tok.doc._.ag_actors if Doc.has_extension("ag_actors") else None
    if aset is None or tok.pos_ != "VERB":
        return set()
    return {
        f"a{aset.token_actor[t.i]}"
        for s in tok.children
        if s.dep_ in {"nsubj", "nsubjpass"}
        for t in s.subtree
        if t.i in aset.token_actor
    }


def _no_place_for(doc: Doc, e: Event, side: str) -> set[str]:
    """Places cannot fill the source: a town does not act. (As a target the model may name a
    town: "condemned the attacks in X" is marked so in the role data when no party is named.)"""
    aset = doc._.ag_actors if Doc.has_extension("ag_actors") else None
    if side != "source" or aset is None:
        return set()
    return {f"a{a.index}" for a in aset.actors if a.type == "place"}


def choose_sides(doc: Doc, events: list[Event], model: RoleModel) -> list[Event]:
    """The events with each empty side filled where the model is sure of it."""
    heads: dict[int, Event] = {}
    for e in events:
        t = _trigger(doc, e)
        if t is not None:
            heads.setdefault(t.i, e)
    out = []
    for e in events:
        tok = _trigger(doc, e) if not (e.source and e.target) else None
        if tok is None:
            out.append(e)
            continue
        scores = model.predict_actors(tok)
        update: dict[str, list[str]] = {}
        taken = (
            set(e.source)
            | set(e.target)
            | _speakers_about(tok, heads)
            | _victims_in(tok, heads)
            | _media(tok)
            | _in_subject(tok)
        )
        for side, other in SIDES:
            if getattr(e, side):
                continue  # the rules found this side: it stands
            best = _side(scores, side, other, taken | _no_place_for(doc, e, side))
            if best is not None:
                update[side] = [best]
                taken.add(best)
        if not update:
            out.append(e)
            continue
        out.append(e.model_copy(update=update))
    return out
