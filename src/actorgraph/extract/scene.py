"""When and where an event happened, its modality and attribution, and its evidence.

>>> # finish(ctx, cand, dates): sets cand.modality, .attribution, .date, .place, .evidence
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from actorgraph.extract.context import Candidate, DocContext, own_ids
from actorgraph.extract.dateline import DATELINE_DASHES, dateline_before
from actorgraph.extract.dates import DateMention, weekday_ahead
from actorgraph.extract.evidence import sentence_index
from actorgraph.extract.modality import modality_of
from actorgraph.extract.parties import OBJ, actors_of
from actorgraph.extract.rules import TYPES, WORDS
from actorgraph.extract.where import (
    entered_place,
    is_territory,
    place_words,
    scene_place,
    territory_place,
)
from actorgraph.records import Evidence


def finish(ctx: DocContext, c: Candidate, dates: list[DateMention]) -> None:
    """Modality, attribution, date, place and evidence of a kept candidate."""
    _modality(ctx, c)
    if c.said_at is not None:
        # A threat is made when and where it is said.
        at = c.said_at
        if ctx.sent(at).start != c.sent.start:
            dates = ctx.sentence_dates(ctx.sent(at))
        c.date = date_for(ctx, at, dates)
        c.place = place_for(ctx, replace(c, trigger=at))
    else:
        c.date = date_for(ctx, c.trigger, dates)
        c.place = place_for(ctx, c)
    future = ctx.cfg.mod.future_auxiliaries
    if c.date is not None and (
        c.modality in {"future", "intended"}
        or any(a.dep_ == "aux" and a.lower_ in future for a in c.trigger.children)
    ):
        c.date = weekday_ahead(c.date, ctx.anchor)
    s = c.sent
    c.evidence = [
        Evidence(
            start=s.start_char,
            end=s.end_char,
            text=s.text,
            sentence=sentence_index(ctx.doc, s.start),
        )
    ]


def _modality(ctx: DocContext, c: Candidate) -> None:
    m = modality_of(ctx.modal_anchor.get(c.trigger.i, c.trigger), ctx.cfg.mod, c.sent)
    c.modality = m.modality
    if c.alleged and c.modality in {"asserted", "reported"}:
        c.modality = "hedged"  # one party's accusation, not a report that it happened
    if c.threat and c.modality in {"future", "hypothetical", "reported"}:
        # The threat is made, by the one who says it; what it threatens is to come.
        c.modality = "asserted"
        m.attribution_span = None
    if m.attribution_span is not None:
        c.attribution = m.attribution_span
        for tok in m.attribution_span:
            a = ctx.aset.token_actor.get(tok.i)
            if a is not None:
                c.attribution_actor = a
                break


# ------------------------------------------------------------------ dates
def date_for(ctx: DocContext, trig: Token, dates: list[DateMention]) -> DateMention | None:
    """The trigger's own date, else (a conjoined verb) the date of the verb it is coordinated
    with: "on Sunday X closed A, suspended B and froze C"."""
    got = own_date(ctx, trig, dates)
    t = trig
    while got is None and t.dep_ == "conj" and t.pos_ == "VERB" and t.head.pos_ == "VERB":
        t = t.head
        got = own_date(ctx, t, dates)
    t = trig
    for _ in range(3):
        # "said the same evening that the group would respect the truce": an undated act in
        # what someone said takes the date of the saying.
        if got is not None or t.dep_ not in {"ccomp", "xcomp"} or t.head.i == t.i:
            break
        t = t.head
        got = own_date(ctx, t, dates)
    return got


def own_date(ctx: DocContext, trig: Token, dates: list[DateMention]) -> DateMention | None:
    """The date whose nearest governing verb or trigger noun is this event's trigger (for a
    noun trigger, also the verb it depends on): "X met Y on Friday", "the meeting on 31
    October", "Y was attacked in the raid on Monday"."""
    if not dates:
        return None
    doc = trig.doc
    owners = owners_of(trig, ctx.sent(trig).start)
    if trig.pos_ == "NOUN" and trig.head.i != trig.i:
        h = trig.head if trig.head.pos_ in {"VERB", "AUX"} else trig.head.head
        if h.pos_ in {"VERB", "AUX"}:
            owners.add(h.i)
    best: DateMention | None = None
    for d in dates:
        if not d.value:
            continue
        tok = doc.char_span(d.start, d.end, alignment_mode="expand")
        if tok is None or governor(tok.root, owners) not in owners:
            continue
        if best is None or abs(d.start - trig.idx) < abs(best.start - trig.idx):
            best = d
    return best


def _when_clause_noun(trig: Token, sent_start: int) -> int | None:
    """ "her visit on 3 May, when she met X" parsed with the clause on the main verb: the noun
    before "when"."""
    when = next((c for c in trig.children if c.lower_ == "when" and c.i < trig.i), None)
    if when is None or when.i <= sent_start:
        return None
    t = trig.doc[when.i - 1]
    if t.is_punct and t.i > sent_start:
        t = trig.doc[t.i - 1]
    for _ in range(3):
        if t.pos_ == "NOUN":
            return t.i
        if t.pos_ in {"VERB", "AUX"} or t.head.i == t.i:
            return None
        t = t.head
    return None


def owners_of(trig: Token, sent_start: int) -> set[int]:
    """Tokens whose dates and places are the trigger's: itself and, for a clause on a noun
    ("the visit on 3 May, when she met X"), that noun."""
    owners = {trig.i}
    if trig.dep_ == "relcl" and trig.head.pos_ == "NOUN":
        owners.add(trig.head.i)
    noun = _when_clause_noun(trig, sent_start)
    if noun is not None:
        owners.add(noun)
    if trig.dep_ == "acl" and trig.head.dep_ in OBJ and trig.head.head.pos_ == "VERB":
        owners.add(trig.head.head.i)  # "adopted on Monday a text demanding ..."
    if trig.pos_ == "NOUN":
        # "the rift caused in 2011 by X": the participle on the noun tells of the same act.
        owners.update(c.i for c in trig.children if c.dep_ == "acl" and c.tag_ == "VBN")
    return owners


def governor(tok: Token, owners: set[int]) -> int:
    """The nearest verb (or owner of the trigger's dates) above a token in the parse."""
    t = tok
    for _ in range(12):
        if t.i in owners or (t.pos_ in {"VERB", "AUX"} and t.i != tok.i):
            return t.i
        if t.head.i == t.i:
            return t.i
        t = t.head
    return t.i


# ------------------------------------------------------------------ places
def state_of(ctx: DocContext, place: int) -> int:
    """The state of the document that a place lies in (by its KB country), else itself."""
    actor = ctx.aset.actors[place]
    country = actor.kb.country if actor.kb is not None else None
    if actor.type != "state" and country:
        for a in ctx.aset.actors:
            if a.type == "state" and a.kb is not None and a.kb.country == country:
                return a.index
    return place


def _located(ctx: DocContext, p: Token, used: set[int]) -> int | None:
    """The first place or state after a preposition that is not a party to the event; ground
    named by a noun ("on STATE soil", "the town of NAME") counts whoever it belongs to."""
    for o in p.children:
        if o.dep_ != "pobj":
            continue
        ground = territory_place(ctx, o)
        if ground is not None:
            return ground
        for a in actors_of(ctx, o):
            if ctx.type(a) in {"place", "state"} and a not in used:
                return a
    return None


def _party_state(ctx: DocContext, p: Token) -> int | None:
    """A state after a preposition of place that is also a party: "raided X in X" happened
    there."""
    for o in p.children:
        if o.dep_ == "pobj":
            for a in actors_of(ctx, o):
                if ctx.type(a) == "state":
                    return a
    return None


def place_for(ctx: DocContext, c: Candidate) -> int | None:
    """A place or state after in/at/near whose nearest governing verb is the trigger (or, for
    a noun trigger, the verb it depends on), that is not a party to the event."""
    trig = c.trigger
    owners = owners_of(trig, ctx.sent(trig).start)
    if trig.pos_ == "NOUN" and trig.head.pos_ in {"VERB", "AUX"}:
        owners.add(trig.head.i)
    used = own_ids(c.source + c.target)
    scope = trig.head if trig.i != trig.head.i and trig.head.i in owners else trig
    preps = ctx.cfg.place_preps | place_words().entering
    fallback: int | None = None
    deed = ctx.cfg.plover(c.code) in TYPES["material"]
    for p in scope.subtree:
        if p.dep_ != "prep" or not (p.lower_ in preps or _on_ground(p)):
            continue
        if governor(p, owners) not in owners:
            # "hit vehicles that had left a base near NAME": a place deeper in what the act
            # hit, kept in case the act has no place of its own.
            if fallback is None and deed and not _reported(p, scope):
                fallback = _located(ctx, p, used)
            continue
        got = _located(ctx, p, used)
        if got is None:
            fallback = fallback if fallback is not None else _party_state(ctx, p)
        else:
            return got
    # "travelled to the capital", "shelled the suburbs of X": a place acted on is where the
    # event happens.
    for g in c.target:
        if ctx.place_only([g]):
            return g[0]
    place = clause_place(ctx, trig, used)
    if place is None:
        place = entered_place(ctx, c)
    if place is None and ctx.cfg.plover(c.code) not in TYPES["dateline_far"]:
        place = dateline_place(ctx, trig)
    if place is None:
        place = fallback
    if place is None:
        place = scene_place(ctx, c)
    return place


def _on_ground(p: Token) -> bool:
    """ "on STATE soil": a preposition of ground before a noun of ground."""
    return p.lower_ in place_words().ground and any(
        o.dep_ == "pobj" and is_territory(o) for o in p.children
    )


def _reported(t: Token, scope: Token) -> bool:
    """A token inside what someone says, below the scope's word."""
    while t.i != scope.i and t.head.i != t.i:
        if t.dep_ in {"ccomp", "parataxis"}:
            return True
        t = t.head
    return False


def clause_place(ctx: DocContext, trig: Token, used: set[int]) -> int | None:
    """The place of a clause the trigger continues: "met in the capital and imposed sanctions",
    "flew there for the ceremony, where she signed". Never through a reported clause ("said in
    one city that X attacked Y" does not put the attack there)."""
    t = trig
    for _ in range(6):
        if t.head.i == t.i or t.dep_ in {"ccomp", "parataxis"}:
            return None
        if t.dep_ == "relcl" and not any(c.lower_ == "where" for c in t.children):
            return None
        t = t.head
        if t.pos_ not in {"VERB", "AUX"}:
            continue
        preps = ctx.cfg.place_preps
        if t.lemma_.lower() in WORDS["motion_verbs"]:
            preps = preps | {"to"}
        for p in t.subtree:
            if p.dep_ != "prep" or p.lower_ not in preps or governor(p, {t.i}) != t.i:
                continue
            got = _located(ctx, p, used)
            if got is not None:
                return got
    return None


def dateline_place(ctx: DocContext, trig: Token) -> int | None:
    """The place of a dateline ("CITY — ...") for the lead sentence it opens."""
    start = ctx.sent(trig).start
    doc = trig.doc
    if start < 2 or doc[start - 1].text not in DATELINE_DASHES:
        return None
    dateline = ctx.sent(doc[start - 1])
    if not dateline_before(doc, start - 1):
        return None
    for k in range(dateline.start, start - 1):
        a = ctx.aset.token_actor.get(k)
        if a is not None and ctx.type(a) in {"place", "state"}:
            return a
    return None
