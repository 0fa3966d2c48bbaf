"""Violence known by its victims: who was hurt when no hand is named, and by whose act.

Reports of bombings often name the dead and the wounded but no attacker in the clause that
counts them: the act or the weapon is the subject ("the blast killed six", "a bomb exploded,
killing four"), the victims die ("scores died in the raids"),
or the author hangs on the act they fell in ("were killed in a Red Dawn Front attack"). The
first two keep their victims as the target of an event with no source (:func:`suffered`);
the last takes the act's author as the source (rule ``source-from-act``). The victims
themselves, named by a number or a common noun, are group actors (``parties.is_victim``).
An act told as what someone is blamed for ("accused X of killing Y", "the arrest of X for
killing Y") is X's alleged act (rule ``blamed-act``), not a clause that names no event.

>>> # suffered(ctx, verb) -> True for "killing" in "A bomb exploded, killing four people."
"""

from __future__ import annotations

from spacy.tokens import Token

from actorgraph.extract.attach import Attach, noun_event, particle
from actorgraph.extract.context import Candidate, DocContext, Groups
from actorgraph.extract.parties import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    WH,
    casualty_verb,
    groups_of,
    passive,
    prep_objects_groups,
    word_in,
)
from actorgraph.extract.rules import TYPES, WORDS, rule


def act_of(ctx: DocContext, verb: Token) -> Token | None:
    """The act or weapon a casualty verb reports the toll of ("the raid by X killed nine": the
    raid), through the clauses a participle or conjunct hangs on; None if there is none."""
    for _ in range(3):
        got = _done_by_act(ctx, verb)
        if got is not None:
            return got
        if verb.dep_ not in {"conj", "advcl"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def suffered(ctx: DocContext, verb: Token) -> bool:
    """Whether a verb with victims and no named hand is violence all the same: passive ("was
    killed"), its subject the victim ("died in the attack"), or its subject an act or a weapon,
    also that of the clause a participle hangs on ("a bomb exploded, killing four")."""
    if accidental(verb):
        return False
    if passive(verb) or _victim_subject(ctx, verb):
        return True
    for _ in range(3):
        if accidental(verb):
            return False
        if _done_by_act(ctx, verb) is not None:
            return True
        if verb.dep_ not in {"conj", "advcl"} or verb.head.i == verb.i:
            return False
        head = verb.head
        if verb.dep_ == "advcl" and _violent_verb(ctx, head):
            return True  # "exploded, killing four": the explosion is the act
        verb = head
    return False


def named_toll(ctx: DocContext, c: Candidate) -> bool:
    """ "the minister murdered in the capital", "relatives of the guards killed on Monday": a
    casualty participle on the people it hurt names the violence they suffered, with no hand
    named (not a thing harmed: "the depot burned" may name again an act told elsewhere)."""
    t = c.trigger
    return (
        not c.source
        and bool(c.target)
        and casualty_verb(t)
        and not accidental(t)
        and not ctx.place_only(c.target)
        and ctx.cfg.plover(c.code) in TYPES["patient_only"]
    )


def accidental(verb: Token) -> bool:
    """ "killed in an accidental blast", "went off by accident", "died in a car crash": a toll
    of mishap, not of violence."""
    near = [c for c in verb.children if c.dep_ == "advmod"]
    for p in verb.children:
        if p.dep_ == "prep":
            for o in p.children:
                near += [o, *(m for m in o.children if m.dep_ in {"amod", "compound"})]
    return any(word_in(t, "accident_words") for t in near)


def _victim_subject(ctx: DocContext, verb: Token) -> bool:
    entry = ctx.cfg.lex.find_verb(verb.lemma_.lower(), particle(verb))
    return (
        entry is not None
        and entry.subject_role == "target"
        and word_in(verb, "victim_subject_verbs")
    )


def _done_by_act(ctx: DocContext, verb: Token) -> Token | None:
    """The act or weapon that is the verb's subject, if it is one. Not through a relative
    pronoun ("an attack on a shrine that killed nine"): the parser hangs the clause on any noun
    of the act's phrase, and on the dev sets those tolls were more often counted with the act's
    own event than reported apart."""
    for c in verb.children:
        if c.dep_ in SUBJ and c.tag_ not in WH:
            return c if _act_or_weapon(ctx, c) else None
    return None


def _act_or_weapon(ctx: DocContext, noun: Token) -> bool:
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    entry = ctx.cfg.lex.noun(noun.lemma_.lower())
    if entry is not None and entry.code and ctx.cfg.plover(entry.code) == "ASSAULT":
        return True
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.i == noun.i - 1]
    words = {noun.lemma_.lower(), *(f"{m.lemma_.lower()} {noun.lemma_.lower()}" for m in mods)}
    return bool(words & WORDS["weapon_nouns"])


def _violent_verb(ctx: DocContext, verb: Token) -> bool:
    if verb.pos_ != "VERB":
        return False
    entry = ctx.cfg.lex.find_verb(verb.lemma_.lower(), particle(verb))
    return entry is not None and entry.code is not None and ctx.cfg.plover(entry.code) == "ASSAULT"


@rule("source-from-act")
def _source_from_act(ctx: DocContext, att: Attach) -> Groups | None:
    """ "were killed in a Red Dawn Front attack", "died after an ambush by X": the author of
    the act the victims fell in."""
    lex = ctx.cfg.lex
    for p in att.trig.children:
        if p.dep_ != "prep" or p.lower_ not in WORDS["act_preps"]:
            continue
        for o in p.children:
            entry = lex.noun(o.lemma_.lower()) if o.dep_ == "pobj" else None
            if entry is None or o.i in ctx.aset.token_actor:
                continue
            act = noun_event(ctx, o, entry)
            if act is not None and act.source and ctx.cfg.plover(act.code) == att.plover:
                return [list(dict.fromkeys(g)) for g in act.source]
    return None


@rule("blamed-act")
def _blamed_act(
    ctx: DocContext, c: Candidate, by_trigger: dict[int, Candidate], dropped: set[int]
) -> bool | None:
    """ "accused X of killing Y", "X was charged with kidnapping Y", "the arrest of X for
    killing Y": the act after the preposition of blame is X's, alleged -- not an act someone
    was kept from ("prevented X from attacking"), which names no event of its own."""
    blamed = blamed_for(ctx, c.trigger)
    if blamed is None:
        return None
    c.source = c.source or blamed
    if not c.source:
        return None
    c.alleged = True
    return True


@rule("subject-blamed")
def _subject_blamed(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    """ "the arrest of X for killing Y": X, whom the blame names, does the act."""
    return blamed_for(ctx, verb) or None


def blamed_for(ctx: DocContext, verb: Token) -> Groups | None:
    """Whom a phrase of blame names as the author of the verb after its preposition
    ("accused X of killing", "the arrest of X for killing", "X was charged with killing");
    None when the verb is not in such a phrase."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in WORDS["blame_preps"]:
        return None
    gov = prep.head
    if gov.dep_ in OBJ | PASS_SUBJ and gov.head.lemma_.lower() in WORDS["blame_words"]:
        return groups_of(ctx, gov)  # "accused X of killing Y", the clause hung on X
    top = gov
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    of = top.head
    if top.dep_ == "pobj" and of.lower_ == "of" and _blame_noun(of.head):
        return groups_of(ctx, top)  # "the arrest of X and Y for killing Z", hung on Y
    if gov.lemma_.lower() not in WORDS["blame_words"]:
        return None
    if gov.pos_ == "NOUN":
        return prep_objects_groups(ctx, gov, {"of"})
    deps = PASS_SUBJ if passive(gov) else OBJ
    return [g for c in gov.children if c.dep_ in deps for g in groups_of(ctx, c)]


def _blame_noun(t: Token) -> bool:
    return t.pos_ == "NOUN" and t.lemma_.lower() in WORDS["blame_words"]


__all__ = ["accidental", "act_of", "blamed_for", "named_toll", "suffered"]
