"""Document-level guesses: parties a sentence does not name, taken from the rest of the text.

Each is a small rule: the usual opponent of an actor, both sides of the main hostile pair, the
latest attacker (for a retaliation), the target a conjoined verb shares, the date and place of
the scene an undated act continues. Guessed parties are marked (``target_from_context``) and
get a lower confidence.

>>> # context_targets(ctx, cands) -> one candidate per source/target pair, guesses filled in
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from actorgraph.extract.attach import particle
from actorgraph.extract.context import Candidate, DocContext, Groups, own_ids
from actorgraph.extract.parties import OBJ, main_pair, word_in
from actorgraph.extract.rules import TYPES, WORDS
from actorgraph.resolve.model import UNNAMED_GROUP_KEY

# Links inside a noun phrase and its prepositions ("an end to the shelling of the town").
NOUN_PHRASE = frozenset({"prep", "pobj", "conj", "dobj", "appos"})


def _not_self(c: Candidate) -> None:
    """No actor is both the source and the target of one event: whatever put it on both sides
    (a guess, a complement's parties, a state for its ground), it is the actor, not its target."""
    if not c.source or not c.target:
        return
    src = own_ids(c.source)
    c.target = [t for t in ([a for a in g if a not in src] for g in c.target) if t]


def dyads(c: Candidate) -> list[Candidate]:
    """One candidate per source-target pair of conjuncts, as event data counts them."""
    _not_self(c)
    if not c.target:
        return [replace(c, source=[s]) for s in c.source]
    if not c.source:
        return [replace(c, target=[t]) for t in c.target]
    if len(c.source) == 1 and len(c.target) == 1:
        return [c]
    return [
        replace(c, source=[s], target=[t]) for s in c.source for t in c.target if set(s) != set(t)
    ]


def sole_rebel_org(ctx: DocContext) -> int | None:
    """The one armed organisation (KB sector in ``words.rebel_sectors``) the document names,
    its most mentioned actor when several stand for it; None when it names none or several."""
    best: dict[str, int] = {}
    for a in ctx.aset.actors:
        kb = a.kb
        if kb is None or (kb.sector or "").lower() not in WORDS["rebel_sectors"]:
            continue
        got = best.get(kb.id)
        if got is None or len(a.mentions) > len(ctx.aset.actors[got].mentions):
            best[kb.id] = a.index
    return next(iter(best.values())) if len(best) == 1 else None


def _rebel_members(ctx: DocContext, actor: int) -> bool:
    """Whether an actor is an unnamed group of irregular fighters ("urban commandos")."""
    key = ctx.aset.actors[actor].key or ""
    if not key.startswith(UNNAMED_GROUP_KEY):
        return False
    return bool(set(key[len(UNNAMED_GROUP_KEY) :].split()) & WORDS["rebel_members"])


def rebel_authors(ctx: DocContext, cands: list[Candidate]) -> None:
    """ "urban commandos attacked a post", "the guerrillas blew up a pylon" in a text that names
    one armed organisation: the unnamed fighters are its own, and the act is also its act."""
    org = sole_rebel_org(ctx)
    if org is None:
        return
    for c in cands:
        if ctx.cfg.plover(c.code) not in TYPES["authored_violence"]:
            continue
        for g in c.source:
            if org not in g and any(_rebel_members(ctx, a) for a in g):
                g.append(org)


def context_targets(ctx: DocContext, cands: list[Candidate]) -> list[Candidate]:
    """An act aimed at someone the sentence does not name ("jets struck across the border",
    "the army rejected the claims") is aimed at the party the actor faces most often in the
    rest of the document; a call on no one ("called for restraint") at both sides of the
    document's main hostile pair. Such targets are marked, and the event gets a lower
    confidence."""
    whole = [
        c
        for c in cands
        if c.source and c.target and not c.report_only and not ctx.place_only(c.target)
    ]
    by_trigger = {c.trigger.i: c for c in cands}
    for c in cands:
        if not c.report_only:
            _guess_party(ctx, c, whole, by_trigger)
    return [d for c in cands for d in dyads(c)]


def _speakers_about(c: Candidate, by_trigger: dict[int, Candidate]) -> set[int]:
    """The sources of acts whose trigger governs this one ("X condemned the kidnapping"): who
    speaks of or answers an act is not its author, nor its guessed target."""
    return {
        a for t in c.trigger.ancestors if t.i in by_trigger for a in own_ids(by_trigger[t.i].source)
    }


def _hit_below(c: Candidate, whole: list[Candidate]) -> set[int]:
    """The victims of an act the trigger's phrase blames on someone ("the arrest of X for
    killing Y"): the act they suffered is what X is held for, so they are not who holds X."""
    return {
        a
        for o in whole
        if o.alleged and o.sent.start == c.sent.start and c.trigger in o.trigger.ancestors
        for a in own_ids(o.target)
    }


def _guess_party(
    ctx: DocContext, c: Candidate, whole: list[Candidate], by_trigger: dict[int, Candidate]
) -> None:
    kind = ctx.cfg.plover(c.code)
    if not c.source and c.target and kind in TYPES["patient_only"]:
        # "two soldiers were killed in an ambush": by the side they usually face.
        best = usual_opponent(ctx, replace(c, source=c.target, target=[]), whole)
        if best and not set(best) & (_speakers_about(c, by_trigger) | _hit_below(c, whole)):
            c.source = [best]
            c.target_from_context = True
        return
    if not c.source or kind not in TYPES["context_targeted"]:
        return
    if c.target and kind in TYPES["patient_only"] and ctx.place_only(c.target):
        # "an attack on a base in a town": a place the KB cannot put in a state says where;
        # the side hit is the attacker's usual opponent.
        best = _opponent(ctx, c, whole, by_trigger)
        if best:
            c.place = c.place if c.place is not None else c.target[0][0]
            c.target = [best]
            c.target_from_context = True
        return
    if c.target or thing_hit(ctx, c.trigger):
        return
    best = _opponent(ctx, c, whole, by_trigger)
    if best:
        c.target = [best]
        c.target_from_context = True
    elif kind == "REQUEST":
        pair = main_pair(ctx, whole, ctx.kin(own_ids(c.source)))
        if pair:
            c.target = pair
            c.target_from_context = True


def _opponent(
    ctx: DocContext, c: Candidate, whole: list[Candidate], by_trigger: dict[int, Candidate]
) -> list[int]:
    """The usual opponent, unless it only reacts to this act ("Spain condemned the bombing X
    claimed": Spain is not its victim by any word of the text)."""
    best = usual_opponent(ctx, c, whole)
    return [] if set(best) & _speakers_about(c, by_trigger) else best


def thing_hit(ctx: DocContext, trig: Token) -> bool:
    """Whether the act names what it was aimed at and that is a thing, not a party ("seized a
    cargo ship", "raids on grain silos"): then it has no party as target."""
    named = ctx.aset.token_actor
    lex = ctx.cfg.lex
    for c in trig.children:
        if (
            c.dep_ == "dobj"
            and c.i not in named
            and (c.like_num or c.pos_ == "NUM" or word_in(c, "counts"))
        ):
            return True  # "displaced tens of thousands": people counted, no party named
        if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"} and c.i not in named:
            return lex.noun(c.lemma_.lower()) is None and c.lower_ not in lex.anaphors
        if c.dep_ == "prep" and c.lower_ in {"on", "against"} and trig.pos_ == "NOUN":
            return any(
                o.dep_ == "pobj" and o.pos_ == "NOUN" and o.i not in named for o in c.children
            )
    return False


def _others(own: set[int], o: Candidate) -> Groups | None:
    """The other side of an event the actor takes part in on one side only."""
    o_src, o_tgt = own_ids(o.source), own_ids(o.target)
    if own & o_src and not own & o_tgt:
        return o.target
    if own & o_tgt and not own & o_src:
        return o.source
    return None


def usual_opponent(ctx: DocContext, c: Candidate, whole: list[Candidate]) -> list[int]:
    """The party the candidate's source faces most often in the document's other events (ties:
    the nearest); a state or organisation before a person; [] if none. For a hostile act only
    hostile events count: an ally that backs the actor is not whom it strikes."""
    own = ctx.kin(own_ids(c.source))
    hostile = TYPES["hostile"]
    only_hostile = ctx.cfg.plover(c.code) in hostile
    score: dict[int, tuple[int, int]] = {}
    group_of: dict[int, list[int]] = {}
    # Only the events a party of ``own`` takes part in (long documents have thousands).
    index = ctx.party_index(whole)
    involved = {id(o): o for a in own for o in index.get(a, ())}
    for o in sorted(involved.values(), key=lambda o: o.trigger.i):
        if only_hostile and ctx.cfg.plover(o.code) not in hostile:
            continue
        others = _others(own, o)
        if others is None:
            continue
        near = -abs(o.trigger.i - c.trigger.i)
        for g in others:
            a = g[0]
            if ctx.type(a) == "place" or a in own:
                continue
            n, best = score.get(a, (0, near))
            score[a] = (n + 1, max(best, near))
            group_of.setdefault(a, g)
    if not score:
        return []
    best_actor = max(score, key=lambda a: (ctx.type(a) != "person", score[a]))
    return group_of[best_actor]


def answers(ctx: DocContext, trig: Token) -> bool:
    """Whether the trigger (or the verb it governs: "vowed to strike back") answers an act."""
    recip = ctx.cfg.lex.reciprocals
    for t in [trig, *(c for c in trig.children if c.dep_ == "xcomp")]:
        lemma = t.lemma_.lower()
        if lemma in recip or f"{lemma} {particle(t)}" in recip:
            return True
    return False


def last_attacker(ctx: DocContext, c: Candidate, same_sentence: list[Candidate]) -> Groups:
    """The author of the latest attack (or act of the same kind) reported before against the
    actor, else of the latest one by anyone else."""
    own = ctx.kin(own_ids(c.source))
    others = [o for o in same_sentence if o is not c and o.trigger.i != c.trigger.i]
    kinds = TYPES["attacks"] | {ctx.cfg.plover(c.code)}
    hostile = [
        p
        for p in [*others, *reversed(ctx.history)]
        if p.source and not own & set(p.source[0]) and ctx.cfg.plover(p.code) in kinds
    ]
    for prev in hostile:
        if any(own & set(g) for g in prev.target):
            return prev.source[:1]
    for prev in hostile:
        if ctx.cfg.plover(prev.code) == "ASSAULT":
            return prev.source[:1]
    return []


def retaliation_targets(ctx: DocContext, found: list[Candidate], dropped: set[int]) -> None:
    """A retaliation, or a show of force, with no target: aimed at the latest attacker."""
    for c in found:
        if c.target or c.trigger.i in dropped:
            continue
        if answers(ctx, c.trigger) or (ctx.cfg.plover(c.code) == "MOBILIZE" and c.source):
            c.target = last_attacker(ctx, c, found)


def _chain_root(t: Token) -> Token:
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t


def share_targets(found: list[Candidate]) -> None:
    """Coordinated verbs of one subject ("closed its border with X, froze the assets of its
    leaders and vowed a response"): one without a target of its own acts on its conjunct's."""
    for c in found:
        if c.target or c.trigger.pos_ != "VERB":
            continue
        own = own_ids(c.source)
        for o in found:
            if (
                o is not c
                and o.target
                and o.trigger.pos_ == "VERB"
                and _chain_root(o.trigger).i == _chain_root(c.trigger).i
                and own & own_ids(o.source)
            ):
                c.target = list(o.target)
                break


def aimed_at_acts(ctx: DocContext, found: list[Candidate]) -> None:
    """A reaction to an act named in the same sentence is aimed at the act's author:
    "condemned the bombing, for which X claimed responsibility", "praised the raid X carried
    out", "called for an end to X's shelling of the town"."""
    by_trigger = {c.trigger.i: c for c in found}
    for c in found:
        kind = ctx.cfg.plover(c.code)
        if c.target or kind not in TYPES["reactions"] | TYPES["demands_end"]:
            continue
        own = own_ids(c.source)
        acts = _named_acts(c.trigger)
        if kind not in TYPES["reactions"]:
            # a call is aimed at an act's author only to end it ("an end to X's shelling")
            acts = [n for n in acts if n.head.dep_ == "prep" and word_in(n.head.head, "end_nouns")]
        for n in acts:
            a = by_trigger.get(n.i)
            if a is not None and a.source and not own & set(a.source[0]):
                c.target = a.source[:1]
                break


def _named_acts(verb: Token) -> list[Token]:
    """Nouns in the verb's object and prepositional phrases, nearest first, not in clauses of
    their own ("the attacks", "an end to the shelling", "the raid and the kidnapping")."""
    out: list[Token] = []
    todo = [c for c in verb.children if c.dep_ in OBJ | {"prep"}]
    while todo:
        t = todo.pop(0)
        if t.pos_ == "NOUN":
            out.append(t)
        todo += [c for c in t.children if c.dep_ in NOUN_PHRASE]
    return out


def continue_scene(
    ctx: DocContext, found: list[Candidate], sent_start: int, sent_char: int
) -> None:
    """An undated act told in the past tense right after a dated act by the same actor, in the
    same paragraph ("On Friday the council froze the accounts. It then barred the envoy ..."),
    happened then and there."""
    if not ctx.history or sent_start == 0:
        return
    prev_sent = ctx.sent(ctx.doc[sent_start - 1])
    gap = ctx.text[prev_sent.start_char : sent_char]
    if "\n" in gap[len(gap.rstrip()) :]:
        return  # a new paragraph
    last_start, last = ctx.last_found
    if last_start != prev_sent.start:
        return
    before = [p for p in last if p.date]
    for c in found:
        if c.date is not None or c.trigger.tag_ != "VBD" or c.said_at is not None:
            continue
        own = ctx.kin(own_ids(c.source))
        for p in before:
            if own & own_ids(p.source):
                c.date = p.date
                if c.place is None:
                    c.place = p.place
                break


def fold_visits(ctx: DocContext, found: list[Candidate]) -> list[Candidate]:
    """A trip to a place and a meeting there by the same party in one sentence ("flew to X,
    where she met Y") are one event: the meeting, placed at the destination."""
    out: list[Candidate] = []
    for c in found:
        if ctx.place_only(c.target) and ctx.cfg.plover(c.code) == "CONSULT":
            own = own_ids(c.source)
            meeting = next(
                (
                    o
                    for o in found
                    if o is not c
                    and o.target
                    and not ctx.place_only(o.target)
                    and ctx.cfg.plover(o.code) == "CONSULT"
                    and own & own_ids(o.source)
                ),
                None,
            )
            if meeting is not None:
                if meeting.place is None:
                    meeting.place = c.target[0][0]
                continue
        out.append(c)
    return out
