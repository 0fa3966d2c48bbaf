"""Acts announced for later: a promise, a threat or a refusal, not the act itself.

"Spain said it would send aid to Norland" reports no aid sent; PLOVER and CAMEO code what was
said: a promise (AGREE, CAMEO's "express intent" codes), a threat when the act is hostile
(THREATEN) and a refusal when the announcement is negative ("will not accept", REJECT). The
act's own type follows from the tables ``codes.promise``, ``codes.threat`` and
``codes.refusal`` of events.yaml (keys: CAMEO code prefixes of the act; the longest that
matches wins). Each construction is a rule of the chain ``announced``; acts of other types
("the minister will resign") keep their type with a future modality.

>>> # announce(ctx, cand) recodes a kept candidate whose modality is already known
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Token

from actorgraph.extract.attach import subject
from actorgraph.extract.context import Candidate, DocContext, own_ids
from actorgraph.extract.parties import OBJ
from actorgraph.extract.rules import CODES, WORDS, rule, run_chain
from actorgraph.extract.scene import own_date
from actorgraph.extract.threats import speaker_verb

# Clauses that describe or time something else ("troops who will deploy", "when talks will
# resume"): what they hold is not announced by anyone.
NOT_ANNOUNCING = frozenset({"relcl", "advcl", "acl", "pcomp", "pobj", "csubj", "amod", "prep"})
# Links through which an announcement reaches the act ("said it would", "plans to").
ANNOUNCING_LINKS = frozenset({"ccomp", "xcomp", "conj"})
# Modalities an announced act can have: "would" after "said" reads as reported, "plans to" as
# intended; a hypothetical ("would, if ...") or hedged act is not announced.
LATER = frozenset({"future", "intended", "reported", "asserted"})


def announce(ctx: DocContext, c: Candidate) -> None:
    """Recode ``c`` if it is an act announced for later by its own source."""
    if c.threat or not c.source or c.report_only:
        return
    code = run_chain("announced", ctx.cfg.plover(c.code), None, ctx, c)
    if code is not None:
        # The promise, threat or refusal is made now; who reports it making it stays.
        c.code = code
        if c.modality in {"future", "negated"}:
            c.modality = "asserted"


def code_for(table: Mapping[str, str], act: str) -> str | None:
    """The code of the longest prefix of ``act`` in ``table``.

    >>> code_for({"07": "033", "073": "0333"}, "0731")
    '0333'
    """
    for n in range(len(act), 0, -1):
        got = table.get(act[:n])
        if got is not None:
            return str(got) or None  # "": this act keeps its own code
    return None


def _act_verb(c: Candidate) -> Token | None:
    """The verb that states the act: the trigger, or the light verb of a noun trigger."""
    t = c.trigger
    if t.pos_ == "VERB":
        return t
    if t.dep_ in OBJ and t.head.pos_ in {"VERB", "AUX"}:
        return t.head
    return None


def _said_by_source(ctx: DocContext, c: Candidate, v: Token, stated: bool) -> bool:
    """Whether the act is announced by its own source: in the clause of a verb of saying whose
    speaker is the source or no actor ("Spain said it would", "a statement said"), or after
    an intention word of the source ("pledged to send", "is willing to hold talks"). A bare future
    ("the ministers will meet on Monday") is a schedule, not an announcement."""
    u = v
    for _ in range(5):
        if u.dep_ in NOT_ANNOUNCING:
            return False
        if u.dep_ not in ANNOUNCING_LINKS or u.head.i == u.i:
            break
        u = u.head
    said = speaker_verb(v, ctx.cfg.mod.reporting_verbs)
    if said is None:
        return stated
    speakers = own_ids(subject(ctx, said))
    return not speakers or bool(_sides(ctx, speakers) & _sides(ctx, own_ids(c.source)))


def _sides(ctx: DocContext, ids: set[int]) -> set[int]:
    """Actors and whom they speak for: their bodies by the KB, and the bodies a title names
    ("the Spanish foreign minister" speaks for Spain)."""
    out = set(ids) | {r.org for r in ctx.aset.roles if r.person in ids and not r.ended}
    return ctx.kin(out)


def _future_aux(ctx: DocContext, v: Token) -> bool:
    return any(a.dep_ == "aux" and a.lower_ in ctx.cfg.future_modals for a in v.children)


def _announced_later(ctx: DocContext, c: Candidate) -> Token | None:
    """The act's verb if the act is announced for later: a future ("will send", "said it would
    send") or an intention stated ("pledged to send", "is willing to hold talks")."""
    v = _act_verb(c)
    if v is None or c.modality not in LATER:
        return None
    stated = v.dep_ == "xcomp" and v.head.lemma_.lower() in WORDS["announce_heads"]
    if not (stated or _future_aux(ctx, v)) or not _said_by_source(ctx, c, v, stated):
        return None
    return v


@rule("announced-promise")
def _promise(ctx: DocContext, c: Candidate) -> str | None:
    """ "Spain said it would send aid to Norland": a promise of aid (AGREE). An act with its
    own day ("will free the sailors on Friday") is a schedule, and stays the act; a period
    ("will lend X money over the next three years") is how long the promise runs."""
    v = _announced_later(ctx, c)
    if v is None:
        return None
    when = own_date(ctx, v, ctx.sentence_dates(c.sent))
    if when is not None and when.precision != "range":
        return None
    return code_for(CODES["promise"], c.code)


@rule("announced-threat")
def _threat(ctx: DocContext, c: Candidate) -> str | None:
    """ "The Red Dawn Front said it would attack the convoys": a threat (THREATEN)."""
    if _announced_later(ctx, c) is None:
        return None
    return code_for(CODES["threat"], c.code)


@rule("announced-refusal")
def _refusal(ctx: DocContext, c: Candidate) -> str | None:
    """ "Norland said it will not accept any observers": a refusal (REJECT)."""
    v = _act_verb(c)
    if c.modality != "negated" or v is None or not _future_aux(ctx, v):
        return None
    if not _said_by_source(ctx, c, v, True):
        return None
    return code_for(CODES["refusal"], c.code)
