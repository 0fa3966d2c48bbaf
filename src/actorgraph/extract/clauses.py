"""Triggers in one another's clauses: which of them is the event.

"threatened to attack", "made to quit": the governing verb's event is the one, and takes the
complement's parties when it has none; "denied that X attacked Y": the attack is the event,
denied; "announced that it will withdraw": the withdrawal. Each such construction is a rule of
the chain ``clause`` (events.yaml); the first that applies to a candidate decides.

>>> # govern(ctx, found) -> the trigger indices of candidates that are not events of their own
"""

from __future__ import annotations

from spacy.tokens import Token

from actorgraph.extract.announced import code_for
from actorgraph.extract.context import Candidate, DocContext, own_ids
from actorgraph.extract.parties import OBJ, PASS_SUBJ, SUBJ, passive
from actorgraph.extract.rules import CODES, TYPES, WORDS, rule, run_chain
from actorgraph.extract.threats import CONDITIONS

ByTrigger = dict[int, Candidate]


def govern(ctx: DocContext, found: list[Candidate]) -> set[int]:
    """Run the clause rules over a sentence's candidates; return the triggers dropped."""
    by_trigger = {c.trigger.i: c for c in found}
    dropped: set[int] = set()
    for c in found:
        run_chain("clause", ctx.cfg.plover(c.code), None, ctx, c, by_trigger, dropped)
    return dropped


def _outer(c: Candidate, by_trigger: ByTrigger) -> Candidate | None:
    return by_trigger.get(c.trigger.head.i)


@rule("demanding-resolution")
def _demanding_resolution(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "adopted a resolution demanding X": the text's demand is the event."""
    for o in c.trigger.children:
        if o.dep_ not in OBJ:
            continue
        for a in o.children:
            demanding = a.dep_ == "acl" and a.tag_ == "VBG" and a.i in by_trigger
            if demanding and ctx.cfg.plover(by_trigger[a.i].code) in TYPES["addressed"]:
                dropped.add(c.trigger.i)
                return True
    return None


@rule("means-of-act")
def _means_of_act(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "waged a war using car bombs against X": using the means is the act itself."""
    t = c.trigger
    if t.dep_ not in {"acl", "advcl"} or t.lemma_.lower() not in WORDS["means_verbs"]:
        return None
    acts = [t.head, *(o for o in t.head.children if o.dep_ in OBJ)]  # "waged a war, using"
    if not any(a.i in by_trigger and a.i != t.i for a in acts):
        return None
    dropped.add(t.i)
    return True


def _governing_trigger(t: Token, by_trigger: ByTrigger) -> Token:
    up = t.head
    for _ in range(4):
        if up.i in by_trigger or up.head.i == up.i:
            break
        up = up.head
    return up


@rule("condition-of-another")
def _condition_of_another(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "warned it would act if they refused": the refusal is the warning's condition, not an
    event, when another event governs the clause."""
    t = c.trigger
    if not any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in t.children):
        return None
    up = _governing_trigger(t, by_trigger)
    if up.i in by_trigger and up.i != t.i:
        dropped.add(t.i)
        return True
    return None


@rule("announced-act")
def _announced_act(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "announced that it will withdraw": the act announced is the event."""
    outer = _outer(c, by_trigger)
    if c.trigger.dep_ != "ccomp" or outer is None:
        return None
    if ctx.cfg.plover(outer.code) != "STATEMENT":
        return None
    dropped.add(outer.trigger.i)
    if not c.source:
        c.source = outer.source
    return True


@rule("prevented-act")
def _prevented_act(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "prevented X from attacking": the prevention is the event."""
    if c.trigger.dep_ == "pcomp" and c.trigger.head.head.i in by_trigger:
        dropped.add(c.trigger.i)
        return True
    return None


@rule("promised-act")
def _promised_act(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "vowed to deliver a harsh response", "pledged to send troops": the promise is the
    event, coded by what is promised (a threat when it is hostile), with the complement's
    parties as complement-act gives them."""
    outer = _outer(c, by_trigger)
    if c.trigger.dep_ != "xcomp" or outer is None or outer is c:
        return None
    if outer.trigger.lemma_.lower() not in WORDS["announce_heads"]:
        return None
    kind = ctx.cfg.plover(c.code)
    if kind in TYPES["threatened"]:
        code = code_for(CODES["threat"], c.code)
    elif kind in TYPES["promised"]:
        code = code_for(CODES["promise"], c.code)
    else:
        return None
    if code is None or ctx.cfg.plover(outer.code) != "AGREE":
        return None
    outer.code = code
    return _complement_act(ctx, c, by_trigger, dropped)


@rule("catenative-complement")
def _catenative_complement(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "helped negotiate a truce", "summoned the envoy to complain": the complement is the act
    that counts, done by the governing verb's subject (words ``catenatives``, ``summons``).
    "helped X to rebuild": the help to X stands (the next rule)."""
    outer = _outer(c, by_trigger)
    if outer is None or outer is c or c.trigger.dep_ not in {"xcomp", "ccomp", "advcl"}:
        return None
    lemma = outer.trigger.lemma_.lower()
    # "helped X to rebuild", "helped the country patrol" (X parsed as the clause's subject)
    helped = any(o.dep_ in OBJ for o in outer.trigger.children) or any(
        s.dep_ in SUBJ | PASS_SUBJ for s in c.trigger.children
    )
    if lemma not in WORDS["summons"] and (lemma not in WORDS["catenatives"] or helped):
        return None
    dropped.add(outer.trigger.i)
    if outer.source:
        c.source = outer.source
    own = own_ids(c.source)
    c.target = [g for g in c.target if not set(g) & own] or [
        g for g in outer.target if not set(g) & own
    ]
    return True


@rule("complement-act")
def _complement_act(
    ctx: DocContext, c: Candidate, by_trigger: ByTrigger, dropped: set[int]
) -> bool | None:
    """ "threatened to shell X": the governing verb's event, with the complement's target."""
    outer = _outer(c, by_trigger)
    if c.trigger.dep_ not in {"xcomp", "ccomp"} or outer is None or outer is c:
        return None
    dropped.add(c.trigger.i)
    if not outer.target:
        outer.target = [g for g in c.target if not set(g) & own_ids(outer.source)]
    if not outer.source and not _has_subject(c.trigger) and not passive(outer.trigger):
        # "demanded that X leave": X is whom the demand is made of, never its author; "X was
        # forced to negotiate": X is whom it was done to.
        outer.source = c.source
    return True


def _has_subject(t: Token) -> bool:
    return t.dep_ == "ccomp" and any(s.dep_ in SUBJ | PASS_SUBJ for s in t.children)
