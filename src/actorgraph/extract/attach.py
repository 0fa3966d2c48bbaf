"""Party attachment: who acts and who is acted on, for one trigger, as chains of named rules.

A verb takes its source from the subject (the ``by`` agent in the passive, the noun a relative
clause hangs on, the subject of the verb it is the complement or conjunct of) and its target
from the object or from a preposition. A noun ("the meeting between X and Y", "X's transfer of
rifles to Y") takes them from its possessor, modifiers and prepositions as its lexicon entry
says; after a light verb ("held talks with") from the light verb's subject. Each way is a rule
registered here under the id that ``data/patterns/events.yaml`` gives its priority, the PLOVER
types it applies to and its example sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from actorgraph.extract.context import Candidate, DocContext, Groups, own_ids
from actorgraph.extract.lexicon import LightVerb, NounEntry, VerbEntry
from actorgraph.extract.parties import (
    OBJ,
    PASS_SUBJ,
    SUBJ,
    WH,
    agent,
    earlier_actor,
    earlier_party,
    giver,
    groups_of,
    main_pair,
    members,
    passive,
    pobjs,
    prep_objects,
    prep_objects_groups,
    state_of_organ,
    stray_conjuncts,
    word_in,
)
from actorgraph.extract.rules import CODES, TYPES, WORDS, rule, run_chain, run_steps
from actorgraph.resolve.model import UNNAMED_GROUP_KEY


@dataclass
class Attach:
    """One trigger being attached: what the rules read and fill."""

    trig: Token
    code: str
    plover: str
    mode: str | None
    source: Groups = field(default_factory=list)
    target: Groups = field(default_factory=list)
    verb_entry: VerbEntry | None = None
    noun_entry: NounEntry | None = None
    objs: list[Token] = field(default_factory=list)
    preps: list[Token] = field(default_factory=list)
    by_prep: dict[str, Groups] = field(default_factory=dict)
    # A light verb the noun is the object of, and that verb ("held talks").
    light: LightVerb | None = None
    light_verb: Token | None = None
    # The object a per-object rule is looking at.
    obj: Token | None = None
    # A noun rule found the act's author where a noun names none of its own ("the rebel raid").
    author_only: bool = False

    @property
    def own(self) -> set[int]:
        return own_ids(self.source)


def _info(ctx: DocContext, code: str) -> tuple[str, str | None]:
    info = ctx.cfg.lex.code_info(code)
    return info.plover, info.mode


def particle(verb: Token) -> str | None:
    """The verb's particle; the parser sometimes tags one as an adverb ("pressed ahead")."""
    for c in verb.children:
        if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in WORDS["adverb_particles"]):
            return c.lower_
    return None


def light_verb_of(ctx: DocContext, verb: Token) -> LightVerb | None:
    """The light verb a verb is, phrasal first ("carried out raids", "stepped up attacks")."""
    lex = ctx.cfg.lex
    prt = particle(verb)
    if prt is not None:
        got = lex.light_verb(f"{verb.lemma_} {prt}")
        if got is not None:
            return got
    return lex.light_verb(verb.lemma_)


def candidate(
    ctx: DocContext, trig: Token, code: str, source: Groups, target: Groups
) -> Candidate | None:
    src_ids = own_ids(source)
    target = [[a for a in g if a not in src_ids] for g in target]
    source = [g for g in source if g]
    target = [g for g in target if g]
    if not source and not target:
        return None
    return Candidate(trig, code, source, target, ctx.sent(trig))


# ================================================================== subjects
def subject(ctx: DocContext, verb: Token, depth: int = 0) -> Groups:
    """Who does what the verb says (rules of the chain ``subject``)."""
    got = run_chain("subject", None, None, ctx, verb, depth)
    return got if got is not None else []


@rule("subject-child")
def _subject_child(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    for c in verb.children:
        if c.dep_ in SUBJ or (c.dep_ in PASS_SUBJ and _stative(verb)):
            if c.tag_ in WH and verb.dep_ == "relcl":
                got = groups_of(ctx, verb.head)
                if not got or ctx.place_only(got):
                    got = _act_up_from(ctx, verb.head) or got
                return got
            got = groups_of(ctx, c)
            if not got and depth == 0 and ctx.cfg.lex.noun(c.lemma_.lower()) is not None:
                # "the strikes killed five fighters": whoever carried out the strikes.
                got = earlier_actor(ctx, c)
            return got
    return None


def _act_up_from(ctx: DocContext, noun: Token) -> Groups:
    """ "the attacks in the town of X, which killed ...": the relative clause the parser hung
    on a place is said of the act noun it follows, done by that act's author."""
    up = noun
    for _ in range(4):
        if up.dep_ != "pobj" or up.head.dep_ != "prep":
            return []
        up = up.head.head
        if up.pos_ == "NOUN" and ctx.cfg.lex.noun(up.lemma_.lower()) is not None:
            return groups_of(ctx, up) or earlier_actor(ctx, up)
    return []


@rule("subject-through-modifier")
def _subject_through_modifier(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    """ "he is prepared to lift", "committed to opening up": through the adjective or
    preposition to the clause's subject (never through a noun)."""
    if depth >= 4 or verb.dep_ not in {"acomp", "pcomp", "prep"} or verb.head.i == verb.i:
        return None
    head = verb.head
    if head.pos_ == "ADP" and head.head.pos_ == "VERB":
        # "prevented X from attacking": the object of the verb does the attacking.
        for c in head.head.children:
            if c.dep_ in OBJ:
                return groups_of(ctx, c)
    if head.pos_ in {"VERB", "AUX", "ADJ", "ADP"}:
        return subject(ctx, head, depth + 1)
    return None


def _controller(ctx: DocContext, verb: Token) -> Groups | None:
    """ "forced X to leave": the controller is the object of the head verb (or its passive
    subject: "X, which is believed to arm Y" takes the noun the clause is on)."""
    for c in verb.head.children:
        if c.dep_ in OBJ:
            return groups_of(ctx, c)
    for c in verb.head.children:
        if c.dep_ in PASS_SUBJ:
            if c.tag_ in WH and verb.head.dep_ == "relcl":
                return groups_of(ctx, verb.head.head)
            return groups_of(ctx, c)
    return None


def _nearest_verb_subject(ctx: DocContext, verb: Token) -> Groups:
    """ "..., when X crossed the border, killed two and ...": the parser hung the conjunct on
    the main verb; the nearest verb before it with an actor subject."""
    got: Groups = []
    for i in range(verb.i - 1, ctx.sent(verb).start - 1, -1):
        t = verb.doc[i]
        if t.pos_ == "VERB" and t.lemma_.lower() not in ctx.cfg.mod.reporting_verbs:
            for c in t.children:
                if c.dep_ in SUBJ and c.tag_ not in WH:
                    got = groups_of(ctx, c)
            if got:
                break
    return got


@rule("subject-of-head-clause")
def _subject_of_head(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    if depth >= 4 or verb.dep_ not in {"xcomp", "conj", "advcl"} or verb.head.i == verb.i:
        return None
    if verb.dep_ == "xcomp":
        got = _controller(ctx, verb)
        if got is not None:
            return got
    got = subject(ctx, verb.head, depth + 1)
    rep = ctx.cfg.representative
    head_subj = [c for c in verb.head.children if c.dep_ in SUBJ]
    if not got and verb.dep_ == "conj" and not any(c.lemma_.lower() in rep for c in head_subj):
        got = _nearest_verb_subject(ctx, verb)
    return got


@rule("subject-participle-head")
def _subject_participle_head(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    """ "the coalition conducting strikes against X": the noun the present participle is on."""
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return groups_of(ctx, verb.head) or None


@rule("subject-relative-head")
def _subject_relative_head(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    return groups_of(ctx, verb.head) if verb.dep_ == "relcl" else None


@rule("subject-lost")
def _subject_lost(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    """The parser lost the subject of a main clause (hung it on an opening phrase): the nearest
    actor named before the verb is the best guess in English word order."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    if any(c.dep_ in SUBJ | PASS_SUBJ | {"expl"} for c in verb.children):
        return None
    for i in range(verb.i - 1, ctx.sent(verb).start - 1, -1):
        tok = verb.doc[i]
        if i in ctx.aset.token_actor and tok.dep_ not in {"poss", "compound", "amod"}:
            return groups_of(ctx, tok)
    return []


@rule("subject-of-light-verb")
def _subject_of_light_verb(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    """ "the council made a decision to transfer ...": the subject of the light verb."""
    if verb.dep_ == "acl" and verb.tag_ != "VBN" and verb.head.dep_ in OBJ:
        return subject(ctx, verb.head.head, depth + 1)
    return None


# --- an act done with another's help, or as a party's effort --------------------------------
def _helping(ctx: DocContext, t: Token) -> bool:
    return t.lemma_.lower() in WORDS["helping_acts"]


def _helped_by(ctx: DocContext, act: Token) -> tuple[Groups, Groups] | None:
    """Whom a helping act helps and who helps: "backed X", "stood by X", "X's support for Y"
    (the helped first). None when the act names no one helped."""
    if act.pos_ in {"VERB", "AUX"}:
        helped = [g for c in act.children if c.dep_ in OBJ for g in groups_of(ctx, c)]
        helped = helped or prep_objects(ctx, act, WORDS["helped_preps"])
        return (helped, subject(ctx, act, 1)) if helped else None
    helped = prep_objects(ctx, act, WORDS["helped_preps"])
    if not helped:
        return None
    helper = [[a] for c in act.children if c.dep_ in {"poss", "compound", "amod"}
              if (a := ctx.aset.token_actor.get(c.i)) is not None]  # fmt: skip
    if not helper and act.dep_ in OBJ:
        helper = subject(ctx, act.head, 1)
    return helped, helper


def _helping_act_above(ctx: DocContext, t: Token) -> Token | None:
    """The helping act an act is the purpose or the field of: "backed X to defeat Y", "stood by
    X in its war on Y", "aid to X in its campaign to crush Y" (up to two nouns and
    prepositions between)."""
    cur = t
    for _ in range(5):
        if cur.dep_ not in {"advcl", "acl", "xcomp", "pobj", "prep"} or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.dep_ == "prep" or cur.pos_ == "ADP":
            continue
        if _helping(ctx, cur):
            return cur
        if cur.pos_ in {"VERB", "AUX"}:
            # "restated its support for X in the fight": the help is the verb's object
            return next((c for c in cur.children if c.dep_ in OBJ and _helping(ctx, c)), None)
    return None


def helped_parties(ctx: DocContext, t: Token) -> Groups | None:
    """Who does an act that another helps: the helped party, then the helper ("Norland stood
    by Tarkova to crush the Front": Tarkova, then Norland)."""
    act = _helping_act_above(ctx, t)
    if act is None:
        return None
    got = _helped_by(ctx, act)
    if got is None:
        return None
    helped, helper = got
    return helped + [g for g in helper if g not in helped]


def _acts_on_named(ctx: DocContext, verb: Token) -> bool:
    """The verb's object names an actor: only then is it worth an event whose source these
    rules find ("to destroy the group" named no one and stays no event)."""
    named = ctx.aset.token_actor
    for c in verb.children:
        if c.dep_ in OBJ and any(t.i in named for t in c.subtree):
            return True
        if c.dep_ == "prep" and any(t.i in named for t in c.subtree):
            return True
    return False


@rule("subject-helped-party")
def _subject_helped_party(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    """ "Norland backed Tarkova in its campaign to crush the Front": Tarkova (and Norland)."""
    if depth >= 2 or verb.dep_ not in {"advcl", "acl"} or not _acts_on_named(ctx, verb):
        return None
    return helped_parties(ctx, verb)


@rule("subject-of-effort")
def _subject_of_effort(ctx: DocContext, verb: Token, depth: int) -> Groups | None:
    """ "the Front's attempt to seize Vessa", "Norlandic efforts to train the army": whoever's
    effort the noun is."""
    head = verb.head
    if verb.dep_ != "acl" or head.pos_ != "NOUN" or head.lemma_.lower() not in WORDS["efforts"]:
        return None
    if not _acts_on_named(ctx, verb):
        return None
    got = [[a] for c in head.children if c.dep_ in {"poss", "compound", "amod"}
           if (a := ctx.aset.token_actor.get(c.i)) is not None]  # fmt: skip
    return got or None


# ================================================================== verbs
def _object_words(verb: Token) -> set[str]:
    """The lemmas a verb's entry may test as its object: objects, prepositional objects, an
    adverbial measure ("gave them one week"), and modifier + object ("armed group")."""
    objs = [c for c in verb.children if c.dep_ in OBJ]
    if passive(verb):
        # "a bomb was planted", "a bomb planted by X": the passive's subject, or the noun its
        # participle qualifies, is what the verb acts on.
        objs += [c for c in verb.children if c.dep_ in PASS_SUBJ and c.tag_ not in WH]
        if verb.dep_ == "acl" and verb.head.i != verb.i:
            objs.append(verb.head)
    words = {o.lemma_.lower() for o in objs}
    words |= {c.lemma_.lower() for c in verb.children if c.dep_ == "npadvmod"}
    words |= {
        o.lemma_.lower()
        for p in verb.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj"
    }
    words |= {
        f"{m.lemma_.lower()} {o.lemma_.lower()}"
        for o in objs
        for m in o.children
        if m.dep_ in {"amod", "compound"}
    }
    # "handed over two tonnes of food": the goods after a quantity noun.
    words |= {
        g.lemma_.lower()
        for o in objs
        if o.lemma_.lower() in WORDS["measure_nouns"]
        for p in o.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children
        if g.dep_ == "pobj"
    }
    return words


def _complement_words(verb: Token) -> set[str]:
    """ "declared the group a terrorist organisation": the complement's modifier says it, also
    when parsed as an apposition to the object."""
    comps = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp", "oprd", "acomp"}]
    words = {c.lemma_.lower() for c in comps}
    comps += [
        a
        for o in verb.children
        if o.dep_ in OBJ
        for a in o.children
        if a.dep_ == "appos" and a.pos_ == "NOUN"
    ]
    words |= {
        m.lemma_.lower()
        for c in comps
        if c.pos_ == "NOUN"
        for m in c.children
        if m.dep_ in {"amod", "compound"}
    }
    return words


def _verb_code(ctx: DocContext, verb: Token, entry: VerbEntry) -> str | None:
    """The CAMEO code of a verb, refined by its particle, prepositions, object, subject and
    complement words as its lexicon entry says."""
    if not entry.patterns:
        code = entry.code  # nothing to test the verb's words against
    else:
        code = entry.resolve(
            particle(verb),
            [p.lower_ for p in verb.children if p.dep_ == "prep"],
            _object_words(verb),
            subject_lemmas={c.lemma_.lower() for c in verb.children if c.dep_ in SUBJ | PASS_SUBJ},
            complement_lemmas=_complement_words(verb),
        )
    if code is not None and ctx.cfg.plover(code) == "STATEMENT" and demands(verb):
        code = str(CODES["demand"])  # "declared that X must withdraw": a statement that demands
    return code


def demands(verb: Token) -> bool:
    """ "said that X must withdraw": a clause under the verb with a modal of obligation."""
    return any(
        c.dep_ == "ccomp" and any(a.lower_ in WORDS["obligation"] for a in c.children)
        for c in verb.children
    )


def verb_event(ctx: DocContext, verb: Token, entry: VerbEntry) -> Candidate | None:
    code = _verb_code(ctx, verb, entry)
    if code is None:
        return None
    plover, mode = _info(ctx, code)
    att = Attach(verb, code, plover, mode, verb_entry=entry)
    att.preps = [c for c in verb.children if c.dep_ == "prep"]
    att.objs = ctx.structural("active-object", verb)
    voice_passive = passive(verb) and not _stative(verb)
    if voice_passive:
        _attach_passive(ctx, att)
    else:
        _attach_active(ctx, att)
    if entry.subject_role == "target":
        if voice_passive:
            att.source, att.target = att.target, att.source
        else:
            got = giver(ctx, verb, WORDS["author_preps"])
            got = got or run_chain("act-source", att.plover, att.mode, ctx, att) or []
            att.source, att.target = got, att.source
    return candidate(ctx, verb, att.code, att.source, att.target)


def _stative(verb: Token) -> bool:
    """ "is committed to", "is opposed to": a participle of stance after "be", with no "by"
    agent; its subject holds the stance (words ``stative_participles``)."""
    return (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in WORDS["stative_participles"]
        and any(c.dep_ == "auxpass" and c.lemma_.lower() == "be" for c in verb.children)
        and not any(c.dep_ == "agent" for c in verb.children)
    )


def _attach_passive(ctx: DocContext, att: Attach) -> None:
    att.source = agent(ctx, att.trig)
    att.target = run_chain("passive-target", att.plover, att.mode, ctx, att) or []
    if not att.source:
        att.source = run_chain("passive-source", att.plover, att.mode, ctx, att) or []
    if not att.source:
        att.source = run_chain("act-source", att.plover, att.mode, ctx, att) or []
    if not att.source and att.target:
        run_chain("passive-tie", att.plover, att.mode, ctx, att)


def _attach_active(ctx: DocContext, att: Attach) -> None:
    verb = att.trig
    att.source = subject(ctx, verb)
    for o in att.objs:
        att.obj = o
        att.target.extend(run_chain("object-target", att.plover, att.mode, ctx, att) or [])
    att.obj = None
    if att.target:
        att.target += [g for g in stray_conjuncts(ctx, verb) if g not in att.target]
    if not att.target:
        att.target = run_chain("verb-target", att.plover, att.mode, ctx, att) or []
    entry = att.verb_entry
    if entry is not None and entry.actor_object and any(groups_of(ctx, o) for o in att.objs):
        att.code = entry.actor_object


# --- passive ---------------------------------------------------------------------------------
@rule("passive-subject")
def _passive_subject(ctx: DocContext, att: Attach) -> Groups | None:
    verb = att.trig
    target: Groups = []
    for c in verb.children:
        if c.dep_ in PASS_SUBJ:
            if c.tag_ in WH and verb.dep_ == "relcl":
                target = groups_of(ctx, verb.head)  # "X, which was hit"
            else:
                target = groups_of(ctx, c)
    return target or None


@rule("passive-participle-head")
def _passive_participle_head(ctx: DocContext, att: Attach) -> Groups | None:
    """ "the convoy attacked near the border": the noun the participle qualifies."""
    return (groups_of(ctx, att.trig.head) or None) if att.trig.dep_ == "acl" else None


@rule("passive-head-subject")
def _passive_head_subject(ctx: DocContext, att: Attach) -> Groups | None:
    """ "fled and was captured", "was founded by X and funded by Y": the subject of the verb
    it is conjoined to."""
    if att.trig.dep_ in {"xcomp", "conj"}:
        head = att.trig.head
        shared = [c for c in head.children if c.dep_ in PASS_SUBJ]
        got = [g for c in shared for g in groups_of(ctx, c)] or subject(ctx, head)
        return got or None
    return None


@rule("passive-members")
def _passive_members(ctx: DocContext, att: Attach) -> Groups | None:
    """ "activists were detained, including X and Y": the members named, when the subject
    names no actor (the parser hangs "including" on the verb)."""
    got = members(ctx, att.trig)
    return [got] if got else None


@rule("passive-conjunct-agent")
def _passive_conjunct_agent(ctx: DocContext, att: Attach) -> Groups | None:
    """ "were trained and armed by X": the agent of the passive conjoined to this one (not
    when this verb names its own: "founded by exiles and funded by X")."""
    if any(c.dep_ == "agent" for c in att.trig.children):
        return None
    for c in att.trig.children:
        if c.dep_ == "conj" and passive(c) and not any(s.dep_ in PASS_SUBJ for s in c.children):
            got = agent(ctx, c)
            if got:
                return got
    return None


@rule("passive-made-to")
def _passive_made_to(ctx: DocContext, att: Attach) -> Groups | None:
    """ "was made to leave the country": the country left is the one that expelled him."""
    source: Groups = []
    for c in att.trig.children:
        if c.dep_ == "xcomp":
            for o in c.children:
                if o.dep_ in OBJ:
                    source = groups_of(ctx, o)
    if source:
        source += [g for g in stray_conjuncts(ctx, att.trig) if g not in source]
    return source or None


@rule("passive-tie")
def _passive_tie(ctx: DocContext, att: Attach) -> bool | None:
    """ "the branch will be attached to X's headquarters": a tie between the two, the
    passive's subject on one side and the preposition's object on the other."""
    if not any(p.lower_ in WORDS["tie_preps"] for p in att.preps):
        return None
    att.source, att.target = att.target, prep_objects(ctx, att.trig, WORDS["tie_preps"])
    return True


# --- active: each object -------------------------------------------------------------------
def _obj(att: Attach) -> Token:
    assert att.obj is not None
    return att.obj


@rule("object-freed-from")
def _object_freed_from(ctx: DocContext, att: Attach) -> Groups | None:
    """ "liberated the town from the Front's control": the act is against whom the place is
    freed from, not against the place."""
    verb = att.trig
    if verb.lemma_.lower() not in WORDS["freeing_verbs"]:
        return None
    for o in pobjs(verb, {"from"}):
        got = [g for g in groups_of(ctx, o) if not ctx.place_only([g])]
        if not got:
            got = [[a] for c in o.children if c.dep_ in {"poss", "compound"}
                   if (a := ctx.aset.token_actor.get(c.i)) is not None]  # fmt: skip
        got = [g for g in got if not ctx.place_only([g])]
        if got:
            return [g for g in got if g not in att.target]  # once for several objects
    return None


@rule("object-actors")
def _object_actors(ctx: DocContext, att: Attach) -> Groups | None:
    """The object's own actors, not the subject's ("suspended its support to X")."""
    o, own = _obj(att), att.own
    if o.i not in ctx.aset.token_actor and any(
        c.dep_ == "poss" and c.lower_ in {"its", "their"} and c.i not in ctx.aset.token_actor
        for c in o.children
    ):
        return None  # "boosted its power": an unresolved its/their is the subject's
    got = [g for g in groups_of(ctx, o) if not set(g) <= own]
    if got and all(_unnamed(ctx, g) for g in got):
        to = prep_objects(ctx, att.trig, WORDS["recipient_preps"])
        if to:
            # "sent troops to X", "handed the prisoners over to X": what is sent goes to X.
            return to
        if att.plover in TYPES["deploying"]:
            return None  # "deployed its fighters in X": the fighters are the means
    return got or None


def _unnamed(ctx: DocContext, g: list[int]) -> bool:
    return all(ctx.aset.actors[a].key.startswith(UNNAMED_GROUP_KEY) for a in g)


@rule("object-recipient")
def _object_recipient(ctx: DocContext, att: Attach) -> Groups | None:
    """ "supplied rifles to X": the recipient hangs on the object."""
    return prep_objects(ctx, _obj(att), WORDS["target_preps"]) or None


@rule("object-names-act")
def _object_names_act(ctx: DocContext, att: Attach) -> Groups | None:
    """ "condemned the launch": the one who launched it, named before."""
    return earlier_actor(ctx, _obj(att), att.own) or None


@rule("object-act-after")
def _object_act_after(ctx: DocContext, att: Attach) -> Groups | None:
    """ "demanded an end to the attacks": the act named after the object."""
    preps = WORDS["target_preps"] | {"of", "for"}
    for p in _obj(att).children:
        if p.dep_ == "prep" and p.lower_ in preps:
            for po in p.children:
                if po.dep_ == "pobj":
                    got = earlier_actor(ctx, po, att.own)
                    if got:
                        return got
    return None


@rule("object-owner")
def _object_owner(ctx: DocContext, att: Attach) -> Groups | None:
    """ "renounced the path of X", "struck the headquarters of X": X's thing."""
    if prep_objects(ctx, att.trig, WORDS["target_preps"]):
        return None
    obj = _obj(att)
    act = ctx.cfg.lex.noun(obj.lemma_.lower())
    if act is not None and act.code and ctx.cfg.plover(act.code) in TYPES["patient_only"]:
        return None  # "condemned the kidnapping of X": X suffered it, and is not condemned
    own = att.own
    for p in obj.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            for po in p.children:
                if po.dep_ == "pobj":
                    got = [g for g in groups_of(ctx, po) if not own & set(g)]
                    if got:
                        return got
    return None


@rule("object-weapon-owner")
def _object_weapon_owner(ctx: DocContext, att: Attach) -> Groups | None:
    """ "shot down drones fired by X": X's weapons, so X is hit."""
    o, own = _obj(att), att.own
    for n in [o, *(c for c in o.children if c.dep_ == "conj")]:
        for acl in n.children:
            if acl.dep_ == "acl" and acl.tag_ == "VBN":
                got = [g for g in agent(ctx, acl) if not set(g) <= own]
                if got:
                    return got
    return None


@rule("object-author")
def _object_author(ctx: DocContext, att: Attach) -> Groups | None:
    """ "rejected a request by X", "welcomed the plan proposed by X": a reaction to a thing is
    aimed at its author."""
    o, own = _obj(att), att.own
    for c in o.children:
        if c.dep_ == "prep" and c.lower_ in WORDS["author_preps"]:
            got = [g for p in c.children if p.dep_ == "pobj" for g in groups_of(ctx, p)]
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            got = agent(ctx, c)
        else:
            continue
        got = [g for g in got if not set(g) <= own]
        if got:
            return got
    return None


@rule("object-participle-target")
def _object_participle_target(ctx: DocContext, att: Attach) -> Groups | None:
    """ "lifted a ban imposed on X", "recalled troops sent to X": the party the object's
    participle names."""
    own = att.own
    for c in _obj(att).children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            got = [g for g in prep_objects(ctx, c, WORDS["target_preps"]) if not set(g) <= own]
            if got:
                return got
    return None


# --- active: the verb itself -----------------------------------------------------------------
@rule("verb-prep-target")
def _verb_prep_target(ctx: DocContext, att: Attach) -> Groups | None:
    """ "fought against X", "met with X"."""
    return prep_objects(ctx, att.trig, WORDS["target_preps"]) or None


@rule("bare-clause-subject")
def _bare_clause_subject(ctx: DocContext, att: Attach) -> Groups | None:
    """ "helped Norland rebuild its army", "let the envoy leave": the subject of a bare
    infinitive clause is whom the act is done to (a that-clause reports, and is not this)."""
    for c in att.trig.children:
        if c.dep_ not in {"ccomp", "xcomp"} or c.tag_ != "VB" or c.i < att.trig.i:
            continue
        if any(a.dep_ in {"mark", "aux", "auxpass"} for a in c.children):
            continue
        got = [g for s in c.children if s.dep_ in SUBJ for g in groups_of(ctx, s)]
        got = [g for g in got if not set(g) <= att.own]
        if got:
            return got
    return None


@rule("helped-in-compound")
def _helped_in_compound(ctx: DocContext, att: Attach) -> Groups | None:
    """ "helping Norland project power", parsed as one noun whose first word is Norland: the
    party named first is the one helped."""
    if not word_in(att.trig, "helping_acts"):
        return None
    named = ctx.aset.token_actor
    for c in att.trig.children:
        if c.dep_ not in {"ccomp", "dobj"} or c.pos_ != "NOUN" or c.i in named:
            continue
        first = c.left_edge
        while first.dep_ == "det" and first.i < c.i:
            first = first.nbor()
        if first.dep_ == "compound" and first.head.i == c.i and first.i in named:
            got = [g for g in groups_of(ctx, first) if not set(g) <= att.own]
            if got:
                return got
    return None


@rule("verb-idiom-target")
def _verb_idiom_target(ctx: DocContext, att: Attach) -> Groups | None:
    """ "stood shoulder to shoulder with X", "fought side by side with X": the preposition
    hangs on the idiom's nouns, not on the verb."""
    verb = att.trig
    for p in verb.subtree:
        if p.dep_ != "prep" or p.lower_ not in WORDS["target_preps"] or p.head.i == verb.i:
            continue
        up = p.head
        while (
            up.i != verb.i
            and (up.lemma_.lower() in WORDS["idiom_nouns"] or up.pos_ == "ADP")
            and up.head.i != up.i
        ):
            up = up.head
        if up.i == verb.i:
            got = prep_objects(ctx, p.head, {p.lower_})
            if got:
                return got
    return None


def _that_clauses(verb: Token) -> list[Token]:
    """A verb's that-clauses, also one misparsed as a relative clause on a noun ("warned in a
    speech that ...")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [
        r
        for p in verb.children
        if p.dep_ == "prep"
        for o in p.children
        if o.dep_ == "pobj"
        for r in o.children
        if r.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in r.children)
    ]
    return clauses


@rule("verb-that-clause")
def _verb_that_clause(ctx: DocContext, att: Attach) -> Groups | None:
    """ "warned that X would pay": whom the warning is about."""
    for c in _that_clauses(att.trig):
        got = [g for s in c.children if s.dep_ in SUBJ | PASS_SUBJ for g in groups_of(ctx, s)]
        if got:
            return got
    return None


@rule("statement-topic")
def _statement_topic(ctx: DocContext, att: Attach) -> Groups | None:
    """ "expressed concern over X's health", "voiced hope that X would change", "offered
    condolences to X": whom the words are about or for."""
    for o in att.objs:
        got = prep_objects(ctx, o, WORDS["topic_preps"])
        if not got:
            # "concern about the programme of X": whose programme
            got = [g for t in pobjs(o, WORDS["topic_preps"]) for g in prep_objects(ctx, t, {"of"})]
        for c in o.children:
            if not got and c.dep_ in {"acl", "ccomp"}:
                got = [
                    g for s in c.children if s.dep_ in SUBJ | PASS_SUBJ for g in groups_of(ctx, s)
                ]
        if got:
            return got
    return None


@rule("protest-site")
def _protest_site(ctx: DocContext, att: Attach) -> Groups | None:
    """ "rallied outside the embassy of X": whose building it is."""
    return prep_objects(ctx, att.trig, WORDS["protest_preps"]) or None


@rule("retreat-from")
def _retreat_from(ctx: DocContext, att: Attach) -> Groups | None:
    """ "pulled its troops out of X", "evacuating its citizens from X"."""
    return prep_objects_groups(ctx, att.trig, WORDS["retreat_preps"]) or None


@rule("visit-place")
def _visit_place(ctx: DocContext, att: Attach) -> Groups | None:
    """ "arrived in the capital": the place visited is the visit's target."""
    return prep_objects_groups(ctx, att.trig, WORDS["visit_preps"]) or None


@rule("earlier-party")
def _earlier_party(ctx: DocContext, att: Attach) -> Groups | None:
    """ "denied they had agreed to any truce": the other party of the truce."""
    own = att.own
    for p in att.trig.children:
        if p.dep_ == "prep" and p.lower_ in WORDS["target_preps"]:
            for o in p.children:
                if o.dep_ == "pobj":
                    got = earlier_party(ctx, o, own)
                    if got:
                        return got
    return None


# ================================================================== nouns
def _noun_preps(noun: Token, entry: NounEntry) -> list[Token]:
    preps = [c for c in noun.children if c.dep_ == "prep"]
    # "the rift caused in 2011 by X with Y": the participle's phrases are the noun's.
    preps += [
        p
        for c in noun.children
        if c.dep_ == "acl" and c.tag_ == "VBN"
        for p in c.children
        if p.dep_ in {"prep", "agent"}
    ]
    # "... by X with Y", with Y hung on X's name.
    preps += [
        q
        for p in preps
        if p.lower_ == "by"
        for o in p.children
        if o.dep_ == "pobj"
        for q in o.children
        if q.dep_ == "prep" and entry.role_of_prep(q.lower_) == "target"
    ]
    return preps


def _by_prep(ctx: DocContext, att: Attach, entry: NounEntry) -> None:
    """The parties after the noun's prepositions, by the role its entry gives each."""
    by_prep: dict[str, Groups] = {"source": [], "target": [], "pair": []}
    # "talks with X and with Y": the second preposition is a conjunct of the first.
    att.preps += [c for p in att.preps for c in p.children if c.dep_ == "conj" and c.pos_ == "ADP"]
    for p in att.preps:
        role = entry.role_of_prep(p.lower_)
        if role is None:
            continue
        for o in p.children:
            if o.dep_ != "pobj":
                continue
            got = groups_of(ctx, o)
            if p.lower_ in ctx.cfg.place_preps and ctx.place_only(got):
                continue
            by_prep[role].extend(g for g in got if g not in by_prep[role])
    att.by_prep = by_prep


def _possessor(ctx: DocContext, noun: Token) -> list[int]:
    from actorgraph.extract.parties import org_antecedent

    possessor: list[int] = []
    for c in noun.children:
        if c.dep_ not in {"poss", "compound", "amod", "nmod"}:
            continue
        owner = ctx.aset.token_actor.get(c.i)
        if owner is None and c.lower_ in {"its", "their"}:
            owner = org_antecedent(ctx, c)
        if owner is None and c.dep_ == "poss" and c.pos_ == "NOUN":
            # "the Norland regime's attacks": the actor that modifies the possessor
            owner = next(
                (
                    ctx.aset.token_actor[m.i]
                    for m in c.children
                    if m.dep_ in {"amod", "compound", "nmod"} and m.i in ctx.aset.token_actor
                ),
                None,
            )
        if owner is None and c.dep_ == "amod" and c.lemma_.lower() in WORDS["author_modifiers"]:
            # "the Red Dawn Front-led raid": who led it carried it out
            owner = next(
                (ctx.aset.token_actor[m.i] for m in c.children if m.i in ctx.aset.token_actor),
                None,
            )
        if owner is None or owner in possessor:
            continue
        if ctx.type(owner) == "place" and c.dep_ != "poss":
            continue
        possessor.append(owner)
        possessor += [s for s in state_of_organ(ctx, owner) if s not in possessor]
    return possessor


def noun_event(ctx: DocContext, noun: Token, entry: NounEntry) -> Candidate | None:
    preps = _noun_preps(noun, entry)
    obj_lemmas = {o.lemma_.lower() for p in preps for o in p.children if o.dep_ == "pobj"}
    mods = {c.lemma_.lower() for c in noun.children if c.dep_ in {"amod", "compound"}}
    code = entry.resolve([p.lower_ for p in preps], obj_lemmas, mods)
    if code is None:
        return None
    plover, mode = _info(ctx, code)
    att = Attach(noun, code, plover, mode, noun_entry=entry, preps=preps)
    _by_prep(ctx, att, entry)
    pair = att.by_prep["pair"]
    # "a raid by X": the author stated as a passive's agent is (unlike "its raids") one act.
    att.author_only = bool(att.by_prep["source"])
    att.source = pair[:1] + att.by_prep["source"]
    att.target = pair[1:] + att.by_prep["target"]
    possessor = _possessor(ctx, noun)
    if possessor:
        role = entry.possessor
        # "the army's destruction of the bridge": with an object, the possessor acts.
        if role == "target" and att.target:
            role = "source"
        if role == "source":
            att.source = [possessor, *att.source]
        elif role == "target":
            att.target = [possessor, *att.target]
    _find_light_verb(ctx, att)
    done = run_steps("noun", plover, mode, ctx, att)
    if isinstance(done, Finished):
        return done.candidate
    got = candidate(ctx, noun, att.code, att.source, att.target)
    if got is not None:
        got.author_only = att.author_only
    return got


@dataclass
class Finished:
    """A noun rule's final answer (a candidate, or none at all)."""

    candidate: Candidate | None
    final: bool = True


def act_slot(noun: Token) -> Token:
    """Where an act noun stands in its clause: "began a series of attacks" puts the measure of
    the acts where the act would stand; "received training, arms and support" the first of
    the list."""
    while noun.dep_ == "conj" and noun.head.i != noun.i and noun.head.pos_ == "NOUN":
        noun = noun.head
    head = noun.head
    if head.lower_ == "of" and head.head.lemma_.lower() in WORDS["act_measures"]:
        return head.head
    return noun


def own_light_verb(ctx: DocContext, noun: Token, act: Token) -> tuple[Token, LightVerb] | None:
    """ "the raid carried out by X", "an attack, which was perpetrated by X": a passive light
    verb on the act noun itself, whose agent is the author."""
    for c in noun.children:
        if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB" and passive(c):
            lv = light_verb_of(ctx, c)
            if lv is not None and lv.subject_role == "source" and lv.accepts(act.lemma_):
                return c, lv
    return None


def _find_light_verb(ctx: DocContext, att: Attach) -> None:
    """The light verb whose object (or prepositional object) the noun is."""
    noun = act_slot(att.trig)
    head = noun.head
    own = own_light_verb(ctx, noun, att.trig)
    if own is not None:
        att.light_verb, att.light = own
        return
    if noun.dep_ in PASS_SUBJ and passive(head) and head.pos_ == "VERB":
        # "the raid was ordered by X": the light verb in the passive, its agent the author.
        lv = light_verb_of(ctx, head)
        if lv is not None and lv.subject_role == "source" and lv.accepts(att.trig.lemma_):
            att.light_verb, att.light = head, lv
        return
    if noun.dep_ == "conj" and head.pos_ == "VERB" and noun.i > head.i:
        # "received arms from X, and money from Y": the verb left out of the second clause.
        lv = light_verb_of(ctx, head)
        if lv is not None and lv.accepts(att.trig.lemma_):
            att.light_verb, att.light = head, lv
        return
    if noun.dep_ not in OBJ | {"pobj"} or head.i == noun.i:
        return
    verb = head if noun.dep_ in OBJ else head.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return
    att.light_verb = verb
    lv = light_verb_of(ctx, verb)
    if lv is not None and not lv.accepts(att.trig.lemma_):
        lv = None  # "received help ... as a mediator": not the noun's light verb
    if lv is None and noun.dep_ == "pobj":
        # The parser hung "as a mediator" on another verb: the light verb that takes this
        # noun after this preposition, earlier in the sentence.
        for k in range(head.i - 1, ctx.sent(noun).start - 1, -1):
            cand = light_verb_of(ctx, noun.doc[k])
            if (
                cand is not None
                and cand.prep == head.lower_
                and cand.nouns
                and cand.accepts(att.trig.lemma_)
            ):
                lv, att.light_verb = cand, noun.doc[k]
                # Its modality is that verb's, not that of the verb the noun was hung on.
                ctx.modal_anchor[att.trig.i] = noun.doc[k]
                break
    att.light = lv


@rule("light-verb-parties")
def _light_verb_parties(ctx: DocContext, att: Attach) -> bool | None:
    """ "held talks with X", "came under attack", "imposed sanctions on X"."""
    verb, lv, noun = att.light_verb, att.light, att.trig
    if verb is None:
        return None
    if lv is not None and lv.subject_role == "target" and not att.target:
        att.target = subject(ctx, verb)
        if not att.source:
            # "received training from X": the giver hangs on the light verb.
            att.source = giver(ctx, verb, WORDS["author_preps"])
    elif lv is not None and not att.source and (noun.dep_ in PASS_SUBJ or verb.head == noun):
        att.source = agent(ctx, verb)
    elif lv is not None and not att.source:
        att.source = subject(ctx, verb)
        if not att.target:
            # "imposed sanctions on X": the target hangs on the light verb; "gave X a
            # warning", "offered X help": the one it is given to.
            att.target = prep_objects(ctx, verb, WORDS["target_preps"]) or [
                g for c in verb.children if c.dep_ == "dative" for g in groups_of(ctx, c)
            ]
    elif noun.dep_ != "pobj" or not att.source or att.target:
        return None
    elif noun.head.lower_ in WORDS["request_preps"] and att.plover == "REQUEST":
        # "accepted a pause at a mediator's request": asked of whoever accepted.
        att.target = subject(ctx, verb)
    elif noun.head.lower_ == "with":
        # "built up its force with an ally's help": the helped is the verb's subject.
        att.target = subject(ctx, verb)
    else:
        return None
    return True


def _means_verbs(att: Attach) -> list[Token]:
    """ "a war using car bombs", "waged a war, using car bombs": the verb of the means, on the
    act noun or on its light verb."""
    heads = [att.trig] + ([att.light_verb] if att.light_verb is not None else [])
    return [
        c
        for h in heads
        for c in h.children
        if c.dep_ in {"acl", "advcl"} and c.lemma_.lower() in WORDS["means_verbs"]
    ]


def _means_targets(ctx: DocContext, m: Token) -> Groups:
    """Whom a means noun is aimed at, by its own target prepositions ("car bombs against X")."""
    entry = ctx.cfg.lex.noun(m.lemma_.lower())
    if entry is None:
        return []
    preps = {p.lower_ for p in m.children if p.dep_ == "prep"}
    return prep_objects(ctx, m, {p for p in preps if entry.role_of_prep(p) == "target"})


@rule("means-target")
def _means_target(ctx: DocContext, att: Attach) -> bool | None:
    """ "waged a war using car bombs against X", "a campaign with rocket attacks on X": the
    act is aimed where its means are."""
    if att.target:
        return None
    got: Groups = []
    for mv in _means_verbs(att):
        got = prep_objects(ctx, mv, WORDS["target_preps"]) or [
            g for o in mv.children if o.dep_ in OBJ for g in _means_targets(ctx, o)
        ]
        if got:
            break
    if not got:
        got = [
            g
            for p in att.trig.children
            if p.dep_ == "prep" and p.lower_ in WORDS["means_preps"]
            for o in p.children
            if o.dep_ == "pobj"
            for g in _means_targets(ctx, o)
        ]
    got = [g for g in got if not set(g) <= att.own]
    if not got:
        return None
    att.target = got
    return True


@rule("claimed-responsibility")
def _claimed_responsibility(ctx: DocContext, att: Attach) -> Finished | None:
    """ "X claimed responsibility for the bombing": X carried it out."""
    noun, head, lex = att.trig, att.trig.head, ctx.cfg.lex
    if att.source or noun.dep_ != "pobj" or head.lower_ != "for":
        return None
    claim = head.head
    if claim.lemma_.lower() not in lex.responsibility_nouns or claim.dep_ not in OBJ:
        return None
    if claim.head.lemma_.lower() not in lex.responsibility_verbs:
        return None
    att.source = subject(ctx, claim.head)
    if not att.source:
        return None
    claimed = candidate(ctx, noun, att.code, att.source, att.target)
    if claimed is not None:
        claimed.claimed = True
    return Finished(claimed)


@rule("claimed-in-clause")
def _claimed_in_clause(ctx: DocContext, att: Attach) -> Finished | None:
    """ "the bombing, for which X claimed responsibility", "the raid that X claimed": X did it.
    The relative clause may hang on a noun inside the act's phrase ("the attacks in the town,
    for which ...")."""
    noun, lex = att.trig, ctx.cfg.lex
    if att.source:
        return None
    for v in noun.subtree:
        if v.dep_ != "relcl" or v.lemma_.lower() not in lex.responsibility_verbs:
            continue
        if v.head.i != noun.i and lex.noun(v.head.lemma_.lower()) is not None:
            continue  # the clause is about another act in the phrase
        if not (_claims_responsibility(ctx, v) or _claims_the_act(v)):
            continue
        att.source = subject(ctx, v)
        if not att.source:
            return None
        claimed = candidate(ctx, noun, att.code, att.source, att.target)
        if claimed is not None:
            claimed.claimed = True
        return Finished(claimed)
    return None


def _claims_responsibility(ctx: DocContext, v: Token) -> bool:
    """ "for which X has claimed responsibility" (the "for" on the verb or its object)."""
    objs = [o for o in v.children if o.dep_ in OBJ]
    if not any(o.lemma_.lower() in ctx.cfg.lex.responsibility_nouns for o in objs):
        return False
    return any(w.lower_ in {"which", "that", "whom"} for w in pobjs(v, {"for"})) or any(
        w.lower_ in {"which", "that"} for o in objs for w in pobjs(o, {"for"})
    )


def _claims_the_act(v: Token) -> bool:
    """ "the raid that X claimed": the relative pronoun is what was claimed."""
    if v.lemma_.lower() != "claim":
        return False
    objs = [o for o in v.children if o.dep_ in OBJ]
    # The pronoun is the object, or parsed as a mark and the verb left without one.
    return all(o.lower_ in {"which", "that"} for o in objs)


@rule("blamed-author")
def _blamed_author(ctx: DocContext, att: Attach) -> Finished | None:
    """ "X blamed Y for the bombing", "Y was held responsible for the murder", "the attack was
    attributed to Y": Y is said to have done it. The act is an allegation (hedged)."""
    if att.source:
        return None
    att.source = _blamed(ctx, att.trig)
    if not att.source:
        return None
    alleged = candidate(ctx, att.trig, att.code, att.source, att.target)
    if alleged is not None:
        alleged.alleged = alleged.author_only = True
    return Finished(alleged)


def _blamed(ctx: DocContext, noun: Token) -> Groups:
    """Who a blaming phrase around an act noun names as its author."""
    head = noun.head
    if noun.dep_ in OBJ | PASS_SUBJ and head.lemma_.lower() in WORDS["ascribe_words"]:
        return prep_objects(ctx, head, WORDS["ascribe_preps"])  # "attributed the raid to X"
    if noun.dep_ == "pobj" and head.lower_ in WORDS["behind_preps"]:
        gov = head.head  # "X is behind the raid", "the men behind the raid"
        return subject(ctx, gov) if gov.pos_ in {"AUX", "VERB"} else groups_of(ctx, gov)
    if noun.dep_ != "pobj" or head.lower_ not in WORDS["blame_preps"]:
        return []
    gov = head.head
    word = gov.lemma_.lower()
    if word in WORDS["culpable_words"]:
        if gov.dep_ == "amod":
            return groups_of(ctx, gov.head)  # "the men responsible for the raid"
        own = [c for c in gov.children if c.dep_ in SUBJ]
        if own:
            return groups_of(ctx, own[0])  # "holds X responsible", parsed as a small clause
        verb = gov.head
        objs = [c for c in verb.children if c.dep_ in OBJ and c.i < gov.i]
        return groups_of(ctx, objs[0]) if objs else subject(ctx, verb)
    if gov.dep_ in OBJ | PASS_SUBJ and gov.head.lemma_.lower() in WORDS["blame_words"]:
        return groups_of(ctx, gov)  # "accused X of the raid", the phrase hung on X
    if word not in WORDS["blame_words"]:
        return []
    if gov.pos_ == "NOUN":
        return prep_objects_groups(ctx, gov, {"of"})  # "the arrest of X for the raid"
    if passive(gov):
        if gov.dep_ == "acl":
            return groups_of(ctx, gov.head)  # "the officers implicated in the murder"
        return [g for c in gov.children if c.dep_ in PASS_SUBJ for g in groups_of(ctx, c)]
    return [g for c in gov.children if c.dep_ in OBJ for g in groups_of(ctx, c)]


@rule("after-talks")
def _after_talks(ctx: DocContext, att: Attach) -> bool | None:
    """ "X set the date after talks with Y", "X raised it in a call with Y": the clause's
    subject held the talks."""
    noun, head = att.trig, att.trig.head
    preps = WORDS["time_preps"] | (WORDS["meeting_preps"] if att.plover == "CONSULT" else set())
    if att.source or noun.dep_ != "pobj" or head.lower_ not in preps:
        return None
    if head.head.pos_ == "VERB" and (att.target or att.by_prep["pair"]):
        att.source = subject(ctx, head.head)
        return True
    return None


@rule("talks-between-sides")
def _talks_between_sides(ctx: DocContext, att: Attach) -> Finished | None:
    """ "peace talks that began in the capital": talks between the sides of the conflict."""
    noun, negations = att.trig, ctx.cfg.mod.negations
    if att.source or att.target or noun.tag_ != "NNS":
        return None
    if any(c.dep_ == "poss" for c in noun.children):
        return None
    if any(t.lower_ in negations for t in noun.doc[noun.left_edge.i : noun.i]):
        return None
    if any(c.dep_ == "neg" for c in noun.head.children):
        return None
    told = ctx.told()
    # "Those talks came to nothing": the talks last reported, else the conflict's two sides.
    last = next((c for c in reversed(told) if c.trigger.lemma_ == noun.lemma_), None)
    pair = (
        [last.source[0], last.target[0]]
        if last is not None
        else main_pair(ctx, told, set()) or main_pair(ctx, told, set(), hostile=False)
    )
    if not pair:
        return None
    guessed = candidate(ctx, noun, att.code, pair[:1], pair[1:])
    if guessed is not None:
        # Guessed, but "the talks" are most often the talks already reported: these may join
        # them as another mention.
        guessed.target_from_context = guessed.joins_known = True
    return Finished(guessed)


@rule("helped-party-acts")
def _helped_party_acts(ctx: DocContext, att: Attach) -> bool | None:
    """ "voiced support for Tarkova in the long fight against the Front": Tarkova fights (with its
    helper)."""
    if att.source or not att.target:
        return None
    got = helped_parties(ctx, att.trig)
    if not got:
        return None
    att.source = got
    return True


@rule("support-for-act")
def _support_for_act(ctx: DocContext, att: Attach) -> bool | None:
    """ "provided support for the operation": aimed at whoever carried it out."""
    if att.target or not att.source or att.noun_entry is None:
        return None
    own = att.own
    for p in att.preps:
        if att.noun_entry.role_of_prep(p.lower_) != "target":
            continue
        for o in p.children:
            if o.dep_ == "pobj" and not att.target:
                att.target = earlier_actor(ctx, o, own)
    return bool(att.target) or None


@rule("author-modifier")
def _author_modifier(ctx: DocContext, att: Attach) -> bool | None:
    """ "the rebel ambush", "terrorist attacks": an armed group's word before the act names its
    author, a group of its own when nothing else does."""
    if att.source:
        return None
    armed = WORDS["armed_group_modifiers"]
    for c in att.trig.children:
        modifier = c.dep_ in {"amod", "compound"} and c.i < att.trig.i
        if (
            modifier
            and c.i not in ctx.aset.token_actor
            and (c.lower_ in armed or c.lemma_.lower() in armed)
        ):
            # The group is named as its members are ("rebels"), one actor with them.
            plural = c.lower_ + "s" if c.lower_ + "s" in armed else None
            att.source = [[ctx.unnamed_group(c, [c], plural)]]
            att.author_only = True
            return True
    return None


__all__ = ["TYPES"]
