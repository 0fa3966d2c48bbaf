"""Events: triggers from the lexicon, parties by rules, then date, place, modality, merging.

The pipeline for one document (a :class:`DocContext` made per call, nothing kept between
calls): for each sentence, triggers -> party attachment (:mod:`attach`) -> threats and demands
(:mod:`threats`) -> which trigger of nested clauses is the event (:mod:`clauses`) -> what to
keep -> date, place and modality (:mod:`scene`); then document-level guesses (:mod:`guesses`)
and merging of repeated reports into one event with all its evidence.

>>> # EventExtractor(lexicon, modality, actor_lexicon).extract(doc, aset) -> list[Event]
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import TAG
from spacy.parts_of_speech import IDS
from spacy.tokens import Doc, Span, Token

from actorgraph.concepts import precision_of as _precision
from actorgraph.extract import guesses, parties
from actorgraph.extract.announced import announce
from actorgraph.extract.attach import (
    act_slot,
    demands,
    light_verb_of,
    noun_event,
    own_light_verb,
    particle,
    subject,
    verb_event,
)
from actorgraph.extract.casualties import accidental, act_of, named_toll, suffered
from actorgraph.extract.clauses import govern
from actorgraph.extract.context import Candidate, DocContext, EventConfig, own_ids
from actorgraph.extract.dates import DateMention, date_agrees
from actorgraph.extract.lexicon import CodeInfo, Lexicon, LightVerb
from actorgraph.extract.modality import ModalityLexicon
from actorgraph.extract.parties import OBJ, PASS_SUBJ, SUBJ, passive, pobjs
from actorgraph.extract.role_model import RoleModel
from actorgraph.extract.rules import CODES, MODALITIES, TYPES, WORDS
from actorgraph.extract.scene import date_for, finish, state_of
from actorgraph.extract.sides import choose_sides
from actorgraph.extract.threats import conditional_acts, consequence_threats
from actorgraph.records import Attribution, DateValue, Event
from actorgraph.records import Span as TextSpan
from actorgraph.resolve.actors import ActorSet, is_prose
from actorgraph.resolve.lexicon import ActorLexicon

SYMMETRIC = TYPES["symmetric"]
PLACE_MODES = WORDS["place_modes"]
INFLECTED = {"VBD", "VBN", "VBG", "VBZ"}
# Endings of inflected verbs and what may stand before them in the base form.
VERB_ENDINGS = (("ied", ("y",)), ("ed", ("e", "")), ("ing", ("", "e")), ("ies", ("y",)),
                ("es", ("", "e")), ("s", ("",)))  # fmt: skip


class EventExtractor:
    """Holds the lexicons; every call makes its own :class:`DocContext`, so it is thread-safe."""

    def __init__(
        self,
        lexicon: Lexicon,
        modality: ModalityLexicon,
        actor_lex: ActorLexicon,
        role_model: RoleModel | None = None,
    ) -> None:
        self.cfg = EventConfig(lexicon, modality, actor_lex)
        # The trained role scorer that re-chooses sides (None: the rules' sides stand).
        self.role_model = role_model
        self.lex = lexicon
        self.mod = modality
        self.actor_lex = actor_lex

    def context(self, doc: Doc, aset: ActorSet) -> DocContext:
        return DocContext.make(self.cfg, doc, aset)

    def extract(self, doc: Doc, aset: ActorSet, ctx: DocContext | None = None) -> list[Event]:
        ctx = ctx or self.context(doc, aset)
        cands: list[Candidate] = []
        for sent in ctx.sents:
            if is_prose(doc, sent.start):
                cands.extend(_sentence(ctx, sent))
        guesses.rebel_authors(ctx, cands)
        events = _merge(ctx, guesses.context_targets(ctx, cands))
        if self.role_model is not None:
            events = choose_sides(doc, events, self.role_model)
        return events


# ------------------------------------------------------------------ triggers
def _trigger(ctx: DocContext, t: Token) -> Candidate | None:
    lex, mod = ctx.cfg.lex, ctx.cfg.mod
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN":
        n_entry = lex.noun(lemma)
        return noun_event(ctx, t, n_entry) if n_entry is not None else None
    if t.pos_ != "VERB":
        return None
    if lemma and lemma.split()[0] not in lex.verb_heads:
        return None  # every path below needs the verb's entry: most verbs have none
    if lemma in mod.reporting_verbs and lemma not in WORDS["reporting_events"]:
        return _demand_said(ctx, t)
    lv = light_verb_of(ctx, t)
    if lv is not None and any(
        lex.noun(c.lemma_) is not None and lv.accepts(c.lemma_) for c in _light_objects(t, lv)
    ):
        return None  # the object noun carries the event
    if any(t.lower_ == p[0] for p in mod.attribution_phrases):
        return None  # "according to X" says who reports, not what happened
    if lemma in mod.denial_verbs and any(c.dep_ == "ccomp" for c in t.children):
        return None  # "denied that ...": a modality of the clause, not an event
    entry = lex.find_verb(lemma, particle(t))
    return verb_event(ctx, t, entry) if entry is not None else None


def _light_objects(verb: Token, lv: LightVerb) -> list[Token]:
    """The nouns a light verb hands its event to: its objects; after its preposition only when
    it takes any noun there ("engaged in talks"), as a verb with a list ("agreed to a truce")
    is an act of its own too."""
    if lv.prep is None:
        objs = OBJ | (PASS_SUBJ if passive(verb) else frozenset())  # "the raid was ordered by X"
        return [c for c in verb.children if c.dep_ in objs]
    return [] if lv.nouns else pobjs(verb, {lv.prep})


def _demand_said(ctx: DocContext, t: Token) -> Candidate | None:
    """A reporting verb is no event, but "said that X must leave" is a demand of X by the
    speaker (attach.demands), whatever the verb in the clause; not "said it must", which
    obliges no one else."""
    entry = ctx.cfg.lex.find_verb(t.lemma_.lower(), particle(t))
    if entry is None or not demands(t) or not _named_obligee(ctx, t):
        return None
    c = verb_event(ctx, t, entry)
    return c if c is not None and c.target else None


def _named_obligee(ctx: DocContext, t: Token) -> bool:
    """Whether the one who must act is named ("Norland must", "British forces must"), not a
    bare common noun ("armed forces should"), which names no one the speaker addresses."""
    return any(
        w.i in ctx.aset.token_actor and (w.pos_ == "PROPN" or w.ent_type_ == "NORP")
        for c in t.children
        if c.dep_ == "ccomp"
        for s in c.children
        if s.dep_ in SUBJ | PASS_SUBJ
        for w in s.subtree
    )


def _triggers(ctx: DocContext, sent: Span) -> list[Candidate]:
    found: list[Candidate] = []
    pos, doc, named = ctx.pos, ctx.doc, ctx.aset.token_actor
    for i in range(sent.start, sent.end):
        # Only verbs and nouns can be triggers: the other words are passed over without
        # making their Token.
        if pos[i] not in _TRIGGER_POS or i in named:
            continue
        c = _trigger(ctx, doc[i])
        if c is not None:
            found.append(c)
    if ctx.consequence_at and any(sent.start <= i < sent.end for i in ctx.consequence_at):
        found = consequence_threats(ctx, found, sent)
    return conditional_acts(ctx, found)


_TRIGGER_POS = frozenset({int(IDS["VERB"]), int(IDS["NOUN"])})


def _sentence(ctx: DocContext, sent: Span) -> list[Candidate]:
    """One sentence: triggers, nested clauses, what to keep, its scene; returns the dyads."""
    found = _triggers(ctx, sent)
    if not found:
        return []
    dropped = govern(ctx, found)
    guesses.retaliation_targets(ctx, found, dropped)
    found = [c for c in found if c.trigger.i not in dropped and _keep(ctx, c)]
    _described_objects(found)
    guesses.share_targets(found)
    guesses.aimed_at_acts(ctx, found)
    dates = ctx.sentence_dates(sent)
    for c in found:
        finish(ctx, c, dates)
        announce(ctx, c)
        if ctx.cfg.plover(c.code) in TYPES["patient_only"]:
            _hit_state(ctx, c)
    guesses.continue_scene(ctx, found, sent.start, sent.start_char)
    found = guesses.fold_visits(ctx, found)
    ctx.history.extend(found)
    ctx.last_found = (sent.start, found)
    return [d for c in found for d in guesses.dyads(c)]


def _described_objects(found: list[Candidate]) -> None:
    """ "shot down drones fired by X": a participle on what another act of the sentence acts
    on describes that thing; it names X's act again, if at all, not a new one."""
    acted_on = {o.i for c in found for o in c.trigger.children if o.dep_ in OBJ}
    for c in found:
        t = c.trigger
        if c.author_only and t.dep_ == "acl" and t.head.i in acted_on:
            c.author_only, c.report_only = False, True


def _hit_state(ctx: DocContext, c: Candidate) -> None:
    """A place hit is hit as part of its state ("shelled the city"; "missiles struck the port
    in a city": the state whose ground was hit) -- unless that state is the attacker's own: a
    government shelling a town it holds does not attack itself, so the place stays the target."""
    own = ctx.kin(own_ids(c.source))

    def as_state(place: int) -> int:
        state = state_of(ctx, place)
        return place if state in own else state

    if not c.target and c.place is not None:
        c.target = [[as_state(c.place)]]
        if c.target[0][0] in own:
            c.target = []
    c.target = [[as_state(g[0])] if ctx.place_only([g]) else g for g in c.target]


# ------------------------------------------------------------------ what to keep
def _act_as_subject(ctx: DocContext, verb: Token) -> bool:
    """Whether the verb's subject names an act ("the bombing killed ...", "shelling hit")."""
    return any(
        c.dep_ in SUBJ and c.pos_ == "NOUN" and ctx.cfg.lex.noun(c.lemma_.lower()) is not None
        for c in verb.children
    )


def _after_light_verb(ctx: DocContext, noun: Token) -> bool:
    """ "staged a protest", "declared a ceasefire": the noun is the light verb's object (also
    as "a series of" acts), or follows its preposition where the verb is no event of its own
    ("remained on alert"; not "agreed to a truce", which is the agreement)."""
    if noun.pos_ != "NOUN":
        return False
    slot = act_slot(noun)
    if own_light_verb(ctx, slot, noun) is not None:
        return True  # "the raid carried out by X"
    if slot.dep_ in OBJ or (slot.dep_ in PASS_SUBJ and passive(slot.head)):
        lv = light_verb_of(ctx, slot.head)
        return lv is not None and lv.accepts(noun.lemma_)
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    lv = light_verb_of(ctx, prep.head)
    if lv is None or lv.prep != prep.lower_ or not lv.accepts(noun.lemma_):
        return False
    own = ctx.cfg.lex.find_verb(prep.head.lemma_.lower(), particle(prep.head))
    return own is None or own.code is None


def _reciprocal(verb: Token) -> bool:
    """ "fought each other", "accused one another": the object is the subjects themselves."""
    near = [o for c in verb.children for o in (c, *c.children)]  # "fought with each other"
    return any(
        o.dep_ in OBJ | {"pobj"}
        and o.i > 0
        and f"{o.doc[o.i - 1].lower_} {o.lower_}" in WORDS["reciprocal_objects"]
        for o in near
    )


def _patient_of(ctx: DocContext, c: Candidate) -> bool:
    """Whether the noun's target is named in its "of" object ("the murder of X", "the murder
    of six of its members, including X")."""
    targets = own_ids(c.target)
    named = ctx.aset.token_actor
    return any(
        p.dep_ == "prep"
        and p.lower_ == "of"
        and any(
            named.get(t.i) in targets for o in p.children if o.dep_ == "pobj" for t in o.subtree
        )
        for p in c.trigger.children
    )


def _keep(ctx: DocContext, c: Candidate) -> bool:
    """A place does not act (it can be attacked, not attack), so an event needs a source that
    is not a place. A verb's event may lack a target ("agreed to resign", "imposed a curfew"),
    as PLOVER codes them; a noun's may not ("the attacks", "the agreement" name no event of
    their own without their parties), nor a meeting or cooperation, which takes two."""
    kind = ctx.cfg.plover(c.code)
    symmetric = kind in SYMMETRIC
    if kind in TYPES["party_targeted"] and ctx.cfg.lex.code_info(c.code).mode not in PLACE_MODES:
        # A town is not agreed with, accused or helped: its people or its state are.
        c.target = [g for g in c.target if not ctx.place_only([g])]
    t = c.trigger
    mutual = symmetric or c.code in CODES["mutual"] or _reciprocal(t)
    if mutual and not c.target and len(c.source) > 1:
        # "X and Y renewed talks", "X and Y fought each other": each other's counterpart.
        c.source, c.target = c.source[:1], c.source[1:]
    verbal = t.pos_ == "VERB" or c.claimed or _after_light_verb(ctx, t)
    authored = kind in TYPES["authored_violence"] and bool(c.source) and not c.target
    if t.dep_ == "acl" and t.tag_ == "VBN" and passive(t) and not (c.source and c.target):
        # "the depot burned by ...": the patient is a thing, so this names again an event
        # reported elsewhere or none at all -- unless it is violence to people or with a
        # weapon ("the guards shot by X", "a bomb planted by X").
        c.author_only = authored and c.code not in CODES["property_harm"]
        c.report_only = bool(c.source) and not c.author_only
        return bool(c.source) or named_toll(ctx, c)
    if not c.source:
        # "Three soldiers were killed by a roadside bomb": violence without its agent.
        agentless = passive(t) or _act_as_subject(ctx, t) or suffered(ctx, t)
        agentless = agentless and not accidental(t)
        if t.pos_ == "NOUN" and _patient_of(ctx, c):
            # "the assassination of X", "the kidnapping of X": violence named by its victim.
            return kind in TYPES["patient_only"] and not ctx.place_only(c.target)
        return bool(c.target) and verbal and agentless and kind in TYPES["patient_only"]
    if all(ctx.type(a) == "place" for g in c.source for a in g):
        return False
    if not c.target and kind == "STATEMENT" and c.code not in CODES["untargeted_statements"]:
        return False  # a statement about no one is no event between actors
    if authored and not verbal:
        # "the guerrilla attack", "blamed X for the bombing": its author is named by a noun
        # rule (not by a possessive: "its attacks" names no act of its own), its victim a thing.
        return c.author_only
    c.author_only = authored and c.author_only
    return bool(c.target) or (verbal and not symmetric)


# ------------------------------------------------------------------ merging
Kept = tuple[str, set[int], set[int], str | None]


def _same_event(
    ctx: DocContext, c: Candidate, k: Kept, guessed: bool, denied: bool, in_sentence: bool = False
) -> bool:
    """Whether a candidate reports again the event kept as ``k`` (``in_sentence``: that event
    was reported in the candidate's sentence)."""
    ktype, ks, kt, kdate = k
    etype = ctx.cfg.plover(c.code)
    if ktype != etype:
        return False
    loose = c.report_only or c.author_only
    if not loose and ((c.target_from_context and not c.joins_known) or guessed):
        return False  # a guessed target says nothing about which event it is
    if not c.report_only and (c.modality in MODALITIES["negative"]) != denied:
        return False  # a claim and its denial are kept side by side
    src = set(c.source[0]) if c.source else set()
    tgt = set(c.target[0]) if c.target else set()
    if loose:
        same = bool(ctx.kin(ks) & ctx.kin(src))
    elif not src and in_sentence:
        # "X shelled the town, killing two and wounding five": the victims counted with no
        # hand named belong to the act the same sentence reports on them.
        same = bool(kt & tgt)
    else:
        same = bool(ks & src and kt & tgt) or bool(etype in SYMMETRIC and ks & tgt and kt & src)
    date_val = c.date.value if c.date else None
    return same and not (kdate and date_val and not date_agrees(kdate, date_val))


def _told_at(ev: Event, start: int) -> bool:
    """Whether one of the event's mentions is the sentence starting at ``start``."""
    return any(m.start == start for m in ev.mentions)


def _toll_of(ctx: DocContext, c: Candidate, events: list[Event]) -> int | None:
    """The event of the act whose toll an agentless casualty counts ("X claimed a bombing that
    killed 20 people": the bombing's event), when that act is an event of the same type."""
    act = act_of(ctx, c.trigger) if c.trigger.pos_ == "VERB" else None
    if act is None:
        return None
    etype = ctx.cfg.plover(c.code)
    return next(
        (
            n
            for n, ev in enumerate(events)
            if ev.type == etype and ev.trigger is not None and ev.trigger.start == act.idx
        ),
        None,
    )


def _add_mention(ev: Event, k: Kept, c: Candidate) -> Kept:
    ev.mentions.extend(c.evidence)
    if c.modality == "asserted" and ev.modality in MODALITIES["uncertain"]:
        ev.modality = "asserted"  # said plainly elsewhere in the article: it happened
    date_val = c.date.value if c.date else None
    kdate = k[3]
    if c.date is not None and date_val and (kdate is None or _finer(date_val, kdate)):
        # A later report may date the event more precisely ("on 20 October").
        ev.date = c.date.to_value("text")
        return (k[0], k[1], k[2], date_val)
    return k


def _merge(ctx: DocContext, cands: list[Candidate]) -> list[Event]:
    """One event per real-world event: same type, overlapping parties, agreeing dates."""
    events: list[Event] = []
    kept: list[Kept] = []
    guessed: list[bool] = []
    denial: list[bool] = []
    series: list[bool] = []
    for c in cands:
        here = c.evidence[0].start if c.evidence else -1
        many = _series(c.trigger)
        match = (
            None
            if _another_act(c.trigger)
            else next(
                (
                    n
                    for n, k in enumerate(kept)
                    if series[n] == many
                    and _same_event(ctx, c, k, guessed[n], denial[n], _told_at(events[n], here))
                ),
                None,
            )
        )
        if match is None and not c.source:
            match = _toll_of(ctx, c, events)
        if match is not None:
            kept[match] = _add_mention(events[match], kept[match], c)
            continue
        if c.report_only:
            continue
        info = ctx.cfg.lex.code_info(c.code)
        events.append(_event(ctx, len(events) + 1, c, info))
        src = set(c.source[0]) if c.source else set()
        tgt = set(c.target[0]) if c.target else set()
        kept.append((info.plover, src, tgt, c.date.value if c.date else None))
        guessed.append(c.target_from_context)
        denial.append(c.modality in MODALITIES["negative"])
        series.append(many)
    return events


def _another_act(trig: Token) -> bool:
    """ "X also shelled the port", "struck other targets", "launched another raid": the text
    says this is an act besides the one told before, not that one again."""
    if any(c.dep_ == "advmod" and c.lower_ in WORDS["another_adverbs"] for c in trig.children):
        return True
    things = [trig, *(c for c in trig.children if c.dep_ in OBJ)]
    return any(
        m.dep_ in {"amod", "det"} and m.lower_ in WORDS["another_modifiers"]
        for t in things
        for m in t.children
    )


def _series(trig: Token) -> bool:
    """ "numerous attacks", "repeated raids": many acts over time, told apart from any one of
    them that the text dates ("the attack of 3 May")."""
    return trig.tag_ == "NNS" and any(
        c.dep_ in {"amod", "nummod"} and c.lower_ in WORDS["series_words"] for c in trig.children
    )


def _event(ctx: DocContext, n: int, c: Candidate, info: CodeInfo) -> Event:
    aset, published = ctx.aset, ctx.published
    if c.date is not None:
        date = c.date.to_value("text")
    elif published:
        date = DateValue(
            value=published, precision=_precision(published), text=None, basis="publication"
        )
    else:
        date = DateValue(value=None)
    attribution = None
    if c.attribution is not None:
        actor = aset.actors[c.attribution_actor].id if c.attribution_actor is not None else None
        attribution = Attribution(text=c.attribution.text, actor=actor)
    trig = c.trigger
    return Event(
        id=f"e{n}",
        type=info.plover,
        mode=info.mode,
        cameo=c.code,
        goldstein=info.goldstein,
        trigger=TextSpan(start=trig.idx, end=trig.idx + len(trig), text=trig.text),
        source=[aset.actors[a].id for a in c.source[0]] if c.source else [],
        target=[aset.actors[a].id for a in c.target[0]] if c.target else [],
        date=date,
        place=aset.actors[c.place].id if c.place is not None else None,
        modality=c.modality,  # type: ignore[arg-type]
        attribution=attribution,
        evidence=c.evidence[0],
        mentions=list(c.evidence),
        confidence=0.4 if c.target_from_context else 0.6,
    )


def repair_verb_lemmas(doc: Doc, lex: Lexicon) -> None:
    """Inflected verbs the model lemmatises wrongly ("staged" -> "stag"): when the lemma is no
    verb of the lexicon but the word stripped of its ending is, take that."""
    known = lex.verb_lemmas
    if not len(doc):
        return
    tags = doc.to_array(TAG)
    wanted = np.array([doc.vocab.strings[tag] for tag in INFLECTED], dtype="uint64")
    for i in np.flatnonzero(np.isin(tags, wanted)).tolist():  # inflected verbs alone
        t = doc[i]
        if t.lemma_.lower() in known:
            continue
        hit = _base_form(t.lower_, known)
        if hit is not None:
            t.lemma_ = hit


def _base_form(w: str, known: object) -> str | None:
    for ending, stems in VERB_ENDINGS:
        if w.endswith(ending) and len(w) > len(ending) + 2:
            base = w[: -len(ending)]
            hit = next((c for c in (base + s for s in stems) if c in known), None)  # type: ignore[operator]
            if hit is None and len(base) > 3 and base[-1] == base[-2]:
                hit = base[:-1] if base[:-1] in known else None  # type: ignore[operator]  # "stopped"
            return hit
    return None


def _finer(a: str, b: str) -> bool:
    """Whether date value a is more precise than b (a range is the least precise)."""

    def rank(v: str) -> int:
        return 0 if "/" in v else len(v)

    return rank(a) > rank(b)


__all__ = ["SYMMETRIC", "EventExtractor", "own_ids", "repair_verb_lemmas"]


class PartiesView:
    """The party rules bound to one document, for the relation extractor.

    >>> # PartiesView(ctx).groups_of(token, aset) is parties.groups_of(ctx, token)
    """

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.mod = ctx.cfg.mod
        self.actor_lex = ctx.cfg.actor_lex

    def _passive(self, verb: Token) -> bool:
        return passive(verb)

    def groups_of(self, tok: Token, aset: ActorSet) -> list[list[int]]:
        return parties.groups_of(self.ctx, tok)

    def _subject(self, verb: Token, aset: ActorSet) -> list[list[int]]:
        return subject(self.ctx, verb)

    def _np_actors(self, tok: Token, aset: ActorSet, depth: int) -> list[int]:
        return parties.np_actors(self.ctx, tok, depth)

    def _prep_objects_all(self, head: Token, preps: set[str], aset: ActorSet) -> list[int]:
        return parties.prep_objects_all(self.ctx, head, preps)

    def _date_for(self, trig: Token, dates: list[DateMention]) -> DateMention | None:
        return date_for(self.ctx, trig, dates)
