"""Which actors a phrase names, and who the subject of a verb is.

Every function takes the document's :class:`DocContext` and a token, reads the resolver's
mentions (``aset.token_actor``) and the parse, and returns actor indices grouped by conjunct
(``Groups``: one group per party, alternatives for one party inside a group).

>>> # groups_of(ctx, tok): "X and then Y" -> [[x], [y]]
"""

from __future__ import annotations

from spacy.tokens import Token

from actorgraph.extract.context import Candidate, DocContext, Groups, own_ids
from actorgraph.extract.rules import TYPES, WORDS
from actorgraph.resolve.model import ORG_TYPES as ORG_LIKE

SUBJ = frozenset({"nsubj", "csubj"})
PASS_SUBJ = frozenset({"nsubjpass", "csubjpass"})
OBJ = frozenset({"dobj", "obj", "dative", "attr"})
# A preposition, or "to" parsed as a dative ("offered condolences to X").
PREP_DEPS = frozenset({"prep", "dative"})
WH = frozenset({"WDT", "WP"})
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "JUD", "LEG", "COP"})  # CAMEO state agents


# ------------------------------------------------------------------ actors of a noun phrase
def groups_of(ctx: DocContext, tok: Token) -> Groups:
    """Actors a noun phrase names, one group per conjunct ("X and then Y").

    Within a group are the alternatives for one party: a title's person and organisation
    ("the movement's chairman, Karim Osei").
    """
    out: Groups = []
    if tok.i not in ctx.aset.token_actor and _pair_phrase(ctx, tok):
        # "both sides", "the two generals": the two sides of the conflict reported so far
        return main_pair(ctx, ctx.told(), set())
    first = np_actors(ctx, tok, 0)
    if first:
        first += [s for a in first for s in state_of_organ(ctx, a) if s not in first]
        out.append(first)
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(g for g in groups_of(ctx, c) if g not in out)
    return out


def actors_of(ctx: DocContext, tok: Token) -> list[int]:
    return [a for g in groups_of(ctx, tok) for a in g]


def _pair_phrase(ctx: DocContext, tok: Token) -> bool:
    cfg = ctx.cfg
    if tok.lower_ not in cfg.pair_nouns and tok.lemma_.lower() not in cfg.pair_nouns:
        return False
    return any(
        c.dep_ in {"det", "predet", "nummod", "amod", "preconj"} and c.lower_ in cfg.pair_markers
        for c in tok.children
    )


def stray_conjuncts(ctx: DocContext, verb: Token) -> Groups:
    """Names the parser hung on the verb as conjuncts ("leave X and then Y" parsed
    with the second name coordinated to the verb): they belong with the verb's object."""
    out: Groups = []
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in {"PROPN", "NOUN"}:
            got = np_actors(ctx, c, 0)
            if got:
                out.append(got)
    return out


def _named(ctx: DocContext, tok: Token) -> int | None:
    """The actor a token names itself: a mention, a title's person, a pronoun, a description."""
    a = ctx.aset.token_actor.get(tok.i)
    if a is None:
        a = ctx.aset.title_person.get(tok.i)
    if a is None and tok.lower_ in WORDS["org_pronouns"]:
        a = org_antecedent(ctx, tok)
    if a is None:
        a = described_org(ctx, tok)
    if a is None:
        a = bare_state_body(ctx, tok)
    if a is None and tok.lower_ in WORDS["we_pronouns"]:
        a = first_person(ctx, tok)
    return a


def first_person(ctx: DocContext, tok: Token) -> int | None:
    """Whom "we" / "our" stands for: the speaker of the verb of saying whose clause holds it
    ("'We will strike again,' the spokesman said"), a body before its person; else the
    document's own voice, the body or state that opens a statement ("Spain condemns ...
    We call on ...")."""
    said = _saying_verb(ctx, tok)
    if said is not None:
        for s in said.children:
            a = ctx.aset.token_actor.get(s.i) if s.dep_ in SUBJ else None
            if a is not None:
                return _body_of(ctx, a)
        return None
    return ctx.voice(_opening_voice)


def _saying_verb(ctx: DocContext, tok: Token) -> Token | None:
    reporting = ctx.cfg.mod.reporting_verbs
    t = tok.head
    for _ in range(6):
        if t.lemma_.lower() in reporting and t.i != tok.head.i:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _body_of(ctx: DocContext, a: int) -> int:
    """A person speaking as "we" speaks for the body a title in the text ties them to."""
    if ctx.type(a) != "person":
        return a
    return next((r.org for r in ctx.aset.roles if r.person == a and not r.ended), a)


def _opening_voice(ctx: DocContext) -> int | None:
    """The state or body whose statement opens the text ("Spain condemns ...", "The council
    welcomed ..."): the subject of the first sentence's verb when that verb states, reacts or
    asks (types.voiced), not any act."""
    for sent in ctx.sents[:2]:
        root = sent.root
        if root.pos_ not in {"VERB", "AUX"}:
            continue
        entry = ctx.cfg.lex.verb(root.lemma_.lower())
        stated = root.lemma_.lower() in ctx.cfg.mod.reporting_verbs or (
            entry is not None and entry.code and ctx.cfg.plover(entry.code) in TYPES["voiced"]
        )
        for s in root.children if stated else ():
            a = ctx.aset.token_actor.get(s.i) if s.dep_ in SUBJ else None
            if a is not None and ctx.type(a) in ORG_LIKE:
                return a
        return None
    return None


def bare_state_body(ctx: DocContext, tok: Token) -> int | None:
    """ "The army shelled the town", "police detained three men": a state's body named without
    its state is the state the text is about. It becomes a mention of that state."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in {"amod", "compound"}]
    phrase = " ".join([*(m.lemma_.lower() for m in mods), tok.lemma_.lower()])
    if phrase not in WORDS["state_bodies"]:
        return None
    if any(
        c.dep_ in {"poss", "prep", "appos", "nmod"}
        or (c.dep_ == "det" and c.lower_ not in WORDS["described_determiners"])
        for c in tok.children
    ):
        return None  # "its army", "the army of X", "an army": not the state in the news
    state = _state_in_view(ctx, tok)
    if state is not None:
        first = mods[0].i if mods else tok.i
        ctx.add_mention(state, first, tok.i + 1, "subunit")
    return state


def _state_in_view(ctx: DocContext, tok: Token) -> int | None:
    """The state the text is about: the one named most often in the whole text (a tie goes
    to the one named first), but not one the sentence acts on ("the army shelled X": not X's
    army). The nearest state named is often a foreign one, so nearness does not decide."""
    named = ctx.aset.token_actor
    sent = ctx.sent(tok)
    acted_on = {
        named[i]
        for i in range(sent.start, sent.end)
        if i in named and tok.doc[i].dep_ in OBJ | {"pobj", "conj"}
    }
    return next((a for a in ctx.states_ranked() if a not in acted_on), None)


def np_actors(ctx: DocContext, tok: Token, depth: int) -> list[int]:
    """The actors of one conjunct: the head's own, else an apposition's or a modifier's, else
    (for "the forces of X", "students across X") the actors after a preposition."""
    a = _named(ctx, tok)
    if a is not None:
        return [a]
    if depth >= 3:
        return []
    out: list[int] = []
    for c in tok.children:
        if c.dep_ == "appos" and c.lower_ not in WORDS["quantifiers"]:
            out.extend(np_actors(ctx, c, depth + 1))
    _modifier_actor(ctx, tok, out)
    if not out and _stands_for_part(ctx, tok):
        # "the forces of X", "many of X's rockets", "two of them"
        out.extend(a for o in pobjs(tok, {"of"}) for a in np_actors(ctx, o, depth + 1))
    if not out and tok.pos_ == "NOUN" and _representative(ctx, tok):
        # "students across Norland", "workers from Norland": people of a state; but
        # "militants in Norland" are only there ("rebels from the Front" are the Front's).
        armed = tok.lemma_.lower() in WORDS["armed_groups"] or tok.lower_ in WORDS["armed_groups"]
        kinds = ORG_LIKE - {"state"} if armed else ORG_LIKE
        for o in pobjs(tok, WORDS["origin_preps"]):
            out.extend(a for a in np_actors(ctx, o, depth + 1) if ctx.type(a) in kinds)
    if not out:
        out.extend(_title_anaphor(ctx, tok))
    if not out:
        # "several activists, including X and Y": the named members stand for the party.
        out.extend(members(ctx, tok))
    if not out:
        out.extend(_unnamed_group(ctx, tok))
    return out


def _title_anaphor(ctx: DocContext, tok: Token) -> list[int]:
    """ "the secretary", "the prime minister": the person last given that title before."""
    if tok.pos_ not in {"NOUN", "PROPN"} or not any(
        c.dep_ == "det" and c.lower_ == "the" for c in tok.children
    ):
        return []
    earlier = [person for i, person in ctx.titled(tok.lower_) if i < tok.i]
    return earlier[-1:]


def _unnamed_group(ctx: DocContext, tok: Token) -> list[int]:
    """An unnamed party that acts or is acted on ("gunmen opened fire", "killed three
    civilians", "kidnapped by armed men") is a group actor of its own, named by its words."""
    victim = is_victim(tok)
    if not victim and (tok.pos_ != "NOUN" or tok.tag_ not in {"NNS", "NNPS", "NN"}):
        return []
    lemma = tok.lemma_.lower()
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound"} and c.i < tok.i]
    phrase = f"{mods[-1].lemma_.lower()} {lemma}" if mods else ""  # "death squad"
    if not victim and not word_in(tok, "unnamed_groups") and phrase not in WORDS["unnamed_groups"]:
        hostile = any(m.lower_ in WORDS["armed_modifiers"] for m in mods)
        if not ((hostile or _described_people(tok)) and lemma in WORDS["unnamed_people"]):
            return []
    if victim and (tok.like_num or word_in(tok, "elliptical_victims")):
        # "killed two guards and wounded five", "... and 23 others were hurt": the victims
        # counted before, when the sentence names them.
        earlier = _earlier_victims(ctx, tok)
        if earlier:
            ctx.add_mention(earlier[0], tok.i, tok.i + 1, "pronoun")
            return earlier[:1]
    if not mods:
        owner = _owner_named_before(ctx, tok)
        if owner is not None:
            ctx.add_mention(owner, tok.i, tok.i + 1, "pronoun")
            return [owner]
    words = [
        m
        for m in mods
        if m.pos_ in {"ADJ", "NOUN", "PROPN", "VERB"} and m.lower_ not in WORDS["group_name_skip"]
    ]
    return [ctx.unnamed_group(tok, [*words, tok])]


# How far back "the soldiers" looks for "two Norlandic soldiers" (tokens: a few paragraphs).
_DEFINITE_REACH = 400


def _owner_named_before(ctx: DocContext, tok: Token) -> int | None:
    """ "Two Norlandic soldiers were seized ... the soldiers were freed": a bare definite group
    noun is the same people as the last mention of that noun whose state or body was named."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
        return None
    lemma, named = tok.lemma_.lower(), ctx.aset.token_actor
    for i in range(tok.i - 1, max(tok.i - _DEFINITE_REACH, 0) - 1, -1):
        t = tok.doc[i]
        if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
            continue
        for m in t.children:
            a = named.get(m.i)
            if m.dep_ in {"amod", "compound"} and a is not None and ctx.type(a) != "person":
                return a
    return None


def _earlier_victims(ctx: DocContext, tok: Token) -> list[int]:
    """The party named as the victims of a casualty verb earlier in the sentence."""
    for i in range(tok.i - 1, ctx.sent(tok).start - 1, -1):
        t = tok.doc[i]
        verb = t.head
        if t.pos_ not in {"NOUN", "PROPN", "NUM"} or t.dep_ not in OBJ | PASS_SUBJ | SUBJ:
            continue
        if casualty_verb(verb) or (t.dep_ in SUBJ and word_in(verb, "victim_subject_verbs")):
            return np_actors(ctx, t, 1)
    return []


def members(ctx: DocContext, head: Token) -> list[int]:
    """The actors named after "including" on a noun or a verb ("were detained, including X,
    the poet Y and Z"), every one in the list, however the parser nested it."""
    out: list[int] = []
    for o in pobjs(head, WORDS["member_preps"]):
        for t in o.subtree:
            a = ctx.aset.token_actor.get(t.i)
            if a is not None and a not in out and ctx.type(a) != "place":
                out.append(a)
    return out


def is_victim(tok: Token) -> bool:
    """Whether a number or a common noun names the victims of a casualty verb or noun ("a man
    was killed", "wounded 71", "scores died", "the slaughter of men and boys")."""
    if not (tok.like_num or (tok.pos_ == "NOUN" and word_in(tok, "victim_nouns"))):
        return False
    head = tok
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "a man and two women were hurt": the first conjunct's role
    verb = head.head
    if head.dep_ in OBJ | PASS_SUBJ and casualty_verb(verb):
        return True
    if head.dep_ in SUBJ and word_in(verb, "victim_subject_verbs"):
        return True
    return (
        head.dep_ == "pobj"
        and verb.lower_ == "of"
        and word_in(verb.head, "casualty_nouns")
        and verb.head.pos_ == "NOUN"
    )


def casualty_verb(verb: Token) -> bool:
    """A verb that hurts people ("killed", "shot"), not in a phrasal sense that hits things
    ("shot down two drones", words ``non_casualty_phrasals``)."""
    if not word_in(verb, "casualty_verbs"):
        return False
    lemma = verb.lemma_.lower()
    return not any(
        c.dep_ == "prt" and f"{lemma} {c.lower_}" in WORDS["non_casualty_phrasals"]
        for c in verb.children
    )


def word_in(tok: Token, words: str) -> bool:
    """Whether the token's lemma or word is in the word list ``words`` of events.yaml."""
    return tok.lemma_.lower() in WORDS[words] or tok.lower_ in WORDS[words]


def _described_people(tok: Token) -> bool:
    """ "two men", "men wearing masks", "individuals who fled", "killed by men": people told
    apart by a count, a clause or the act they are the agent of are a party, not "people"
    in general."""
    counted = WORDS["counted_people"]
    if tok.lemma_.lower() not in counted and tok.lower_ not in counted:
        return False  # "a group based in X" is no party by its clause alone
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True
    return any(
        c.dep_ == "nummod" or (c.dep_ in {"acl", "relcl"} and c.pos_ in {"VERB", "AUX"})
        for c in tok.children
    )


def pobjs(head: Token, preps: frozenset[str] | set[str]) -> list[Token]:
    """The objects of these prepositions on ``head`` ("to" parsed as a dative too)."""
    return [
        o
        for p in head.children
        if p.dep_ in PREP_DEPS and p.lower_ in preps
        for o in p.children
        if o.dep_ == "pobj"
    ]


def _representative(ctx: DocContext, tok: Token) -> bool:
    rep = ctx.cfg.representative
    return tok.lemma_.lower() in rep or tok.lower_ in rep  # "thousands" (lemma "thousand")


def _stands_for_part(ctx: DocContext, tok: Token) -> bool:
    return (
        _representative(ctx, tok)
        or tok.pos_ in {"NUM", "DET", "PRON"}
        or tok.lower_ in WORDS["quantifiers"]
        or tok.lemma_.lower() in ctx.cfg.place_parts
    )


def _modifier_owner(ctx: DocContext, c: Token) -> int | None:
    """The actor a possessive, compound or adjective names ("its", "the country's", "Russian")."""
    named = ctx.aset.token_actor
    got = named.get(c.i)
    if got is None and c.dep_ == "poss" and c.lower_ in {"its", "their"}:
        got = org_antecedent(ctx, c)
    if got is None and c.dep_ == "poss":
        got = described_org(ctx, c)  # "the country's status"
    if got is None and c.dep_ == "compound":
        # "Russian Kalibr missiles": the demonym modifies the compound.
        got = next(
            (
                named[g.i]
                for g in c.children
                if g.dep_ in {"amod", "compound", "poss"} and g.i in named
            ),
            None,
        )
    return got


def _modifier_actor(ctx: DocContext, tok: Token, out: list[int]) -> None:
    """The first modifier that names an actor; "his men" are the body he leads."""
    for c in tok.children:
        if c.dep_ not in {"poss", "compound", "amod", "nmod"}:
            continue
        got = _modifier_owner(ctx, c)
        if got is None or got in out:
            continue
        out.append(got)
        led_noun = tok.lower_ in ctx.cfg.led_nouns or tok.lemma_.lower() in ctx.cfg.led_nouns
        if c.dep_ == "poss" and ctx.type(got) == "person" and led_noun:
            led = led_by(ctx, got)
            if led is not None:
                out.insert(0, led)
        break


def led_by(ctx: DocContext, person: int) -> int | None:
    """The organisation or state a person leads, by a title in the text, else the KB."""
    aset = ctx.aset
    for rel in ("leader_of", "deputy_leader_of"):
        for r in aset.roles:
            if r.person == person and r.relation == rel and not r.ended:
                return r.org
    kb = aset.actors[person].kb
    if kb is None:
        return None
    for role in kb.roles:
        if role.relation == "leader_of" and role.end is None and role.org in ctx.by_kb:
            return ctx.by_kb[role.org]
    return None


def state_of_organ(ctx: DocContext, a: int) -> list[int]:
    """The state an organ belongs to by the KB (a ministry, an army), when the document names
    it: the organ acts for its state, so either name stands for the party."""
    kb = ctx.aset.actors[a].kb
    if kb is None or kb.parent is None or not kb.parent.startswith("state/"):
        return []
    return [x.index for x in ctx.aset.actors if x.kb is not None and x.kb.id == kb.parent]


def state_body(ctx: DocContext, a: int) -> bool:
    """A state's own body (army, ministry, cabinet): never "the group" or "the movement"."""
    actor = ctx.aset.actors[a]
    if actor.kb is not None and (
        actor.kb.sector in STATE_SECTORS or (actor.kb.parent or "").startswith("state/")
    ):
        return True
    return actor.parent is not None and ctx.aset.actors[actor.parent].type == "state"


def _description_kinds(ctx: DocContext, tok: Token) -> set[str] | None:
    lex = ctx.cfg.actor_lex
    word = tok.lower_ if tok.lower_ in lex.state_descriptions else tok.lemma_
    if word.lower() in lex.state_descriptions:
        return {"state"}
    if word.lower() in lex.org_descriptions:
        return {"organization", "group"}
    return None


def described_org(ctx: DocContext, tok: Token) -> int | None:
    """ "the movement", "the bloc", "the country": the nearest organisation or group (or state)
    named before it, in its sentence or the two before; a subject first."""
    kinds = _description_kinds(ctx, tok)
    if kinds is None:
        return None
    if not any(
        c.dep_ in {"det", "predet", "nummod"} and c.lower_ in WORDS["described_determiners"]
        for c in tok.children
    ):
        return None
    if any(c.dep_ in {"poss", "compound", "amod", "prep"} for c in tok.children):
        return None  # "the Kurdish group", "the group of X": described by its words
    start = ctx.sent(tok).start
    for _ in range(2):
        if start > 0:
            start = ctx.sent(tok.doc[start - 1]).start
    named = ctx.aset.token_actor
    found = [
        i
        for i in range(tok.i - 1, start - 1, -1)
        if i in named
        and ctx.type(named[i]) in kinds
        and not ("state" not in kinds and state_body(ctx, named[i]))
    ]
    return _subject_first(ctx, tok, found)


def _subject_first(ctx: DocContext, tok: Token, found: list[int]) -> int | None:
    """The organisation the text is about is usually a subject: prefer the nearest one."""
    for i in found:
        if heads_subject(tok.doc[i]):
            return ctx.aset.token_actor[i]
    return ctx.aset.token_actor[found[0]] if found else None


def org_antecedent(ctx: DocContext, tok: Token) -> int | None:
    """ "it"/"its"/"they": the nearest organisation, state or group named before, within the
    sentence or the one before it. A subject pronoun ("X has denied that it arms Y") takes the
    nearest such subject first, as subjects carry a discourse topic on."""
    sent_start = ctx.sent(tok).start
    prev = ctx.sent(tok.doc[sent_start - 1]).start if sent_start > 0 else sent_start
    own_subject = _own_clause_subject(tok)
    found: list[int] = []
    for i in range(tok.i - 1, prev - 1, -1):
        a = ctx.aset.token_actor.get(i)
        if a is not None and ctx.type(a) in ORG_LIKE and i not in own_subject:
            if tok.lower_ == "it" and own_subject and not heads_subject(tok.doc[i]):
                continue  # "X, leader of Y, endorsed it": a subject before, or an act
            if not _subject_like(tok):
                return a
            found.append(i)
    return _subject_first(ctx, tok, found)


def _subject_like(tok: Token) -> bool:
    """A subject pronoun, or one that owns the subject ("its forces were trained"): both carry
    the topic on."""
    return tok.dep_ in SUBJ | PASS_SUBJ or (
        tok.dep_ == "poss" and tok.head.dep_ in SUBJ | PASS_SUBJ
    )


def _own_clause_subject(tok: Token) -> set[int]:
    """An object pronoun is not its own clause's subject, nor a name inside it ("the envoy
    urged them", "X, leader of Y, endorsed it"): a pronoun for that would be reflexive."""
    if not (tok.dep_ in OBJ | {"pobj"} and tok.lower_ in {"them", "their", "it"}):
        return set()
    verb = tok.head if tok.dep_ in OBJ else tok.head.head
    out: set[int] = set()
    for c in verb.children:
        if c.dep_ in SUBJ:
            out = set(range(c.left_edge.i, c.right_edge.i + 1))
    return out


def heads_subject(t: Token) -> bool:
    """Whether a name token is (part of) a clause subject."""
    while t.dep_ in {"compound", "flat", "appos"} and t.head.i != t.i:
        t = t.head
    return t.dep_ in SUBJ | PASS_SUBJ


# ------------------------------------------------------------------ parties of a verb
def agent(ctx: DocContext, verb: Token) -> Groups:
    """The passive's "by" agent ("was attacked by X")."""
    for o in ctx.structural("passive-agent", verb):
        return groups_of(ctx, o)
    return []


def passive(verb: Token) -> bool:
    """A passive verb, or a participle conjoined to one that shares its auxiliary ("was
    founded by X and funded by Y": "funded" is passive too)."""
    if any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.children):
        return True
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "the depot burned by X" is passive; "reports that X has killed Y" (a clause with its
        # own subject, parsed as a participle on the noun) is not.
        return not any(c.dep_ in SUBJ for c in verb.children)
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and verb.head.i != verb.i
        and not any(c.dep_ in SUBJ or c.dep_ == "aux" for c in verb.children)
        and any(c.dep_ in PASS_SUBJ or c.dep_ == "auxpass" for c in verb.head.children)
    )


def prep_objects(ctx: DocContext, head: Token, preps: frozenset[str] | set[str]) -> Groups:
    """The parties after these prepositions, not a place that only says where, nor an act."""
    out: Groups = []
    lex = ctx.cfg.lex
    for p in head.children:
        if p.dep_ not in PREP_DEPS or p.lower_ not in preps:
            continue
        for o in p.children:
            if o.dep_ != "pobj":
                continue
            if o.pos_ == "NOUN" and o.i not in ctx.aset.token_actor and lex.noun(o.lemma_):
                continue  # "at the council's request": an act of its own, not a party to this one
            got = groups_of(ctx, o)
            if p.lower_ in ctx.cfg.place_preps and ctx.place_only(got):
                continue  # "in the capital" says where, not with whom
            out.extend(got)
    return out


def giver(ctx: DocContext, verb: Token, preps: frozenset[str] | set[str]) -> Groups:
    """Who gives what ``verb`` receives: after "from"/"by" on the verb, or on its object or the
    object's last conjunct, where the parser often hangs it ("received arms, money and
    training from X")."""
    got = prep_objects(ctx, verb, preps)
    if got:
        return got
    for o in verb.children:
        if o.dep_ not in ("dobj", "obj"):
            continue
        for n in (o, *o.conjuncts):
            got = prep_objects(ctx, n, preps)
            if got:
                return got
    return []


def prep_objects_groups(ctx: DocContext, head: Token, preps: frozenset[str] | set[str]) -> Groups:
    return [g for o in pobjs(head, preps) for g in groups_of(ctx, o)]


def prep_objects_all(ctx: DocContext, head: Token, preps: frozenset[str] | set[str]) -> list[int]:
    """The main actor of each conjunct after these prepositions, places included."""
    return [g[0] for o in pobjs(head, preps) for g in groups_of(ctx, o)]


def earlier_party(ctx: DocContext, noun: Token, own: set[int]) -> Groups:
    """ "agreed to any truce": the party of the earlier truce that is not the actor."""
    lex = ctx.cfg.lex
    entry = lex.noun(noun.lemma_.lower())
    if entry is None or entry.code is None:
        return []
    kind = lex.code_info(entry.code).plover
    for prev in reversed(ctx.history):
        if prev.trigger.i >= noun.i or lex.code_info(prev.code).plover != kind:
            continue
        for g in prev.source + prev.target:
            if not own & set(g):
                return [g]
    return []


def _pronoun_act(ctx: DocContext, noun: Token, own: set[int]) -> Groups:
    """ "it" stands for the nearest act named before by a definite noun ("the launch")."""
    if noun.dep_ not in OBJ or noun.i in ctx.aset.token_actor:
        return []
    lex = ctx.cfg.lex
    sent_start = ctx.sent(noun).start
    first = ctx.sent(noun.doc[sent_start - 1]).start if sent_start > 0 else sent_start
    for i in range(noun.i - 1, first - 1, -1):
        t = noun.doc[i]
        if t.pos_ == "NOUN" and (
            lex.noun(t.lemma_.lower()) is not None or t.lemma_.lower() in lex.anaphors
        ):
            got = earlier_actor(ctx, t, own)
            if got:
                return got
    return []


def earlier_actor(ctx: DocContext, noun: Token, own: set[int] | None = None) -> Groups:
    """The source of the latest earlier event this noun names again: "the launch" after a
    launch, "the assault" after an attack, "the operation" after any act. "it" names the latest
    hostile act ("called it reckless"). An event with the same word wins over one of the same
    kind; the actor's own acts are skipped."""
    own = own or set()
    if noun.lower_ in {"it", "this"}:
        return _pronoun_act(ctx, noun, own)
    if noun.pos_ != "NOUN" or not any(
        c.dep_ == "det" and c.lower_ in WORDS["anaphoric_determiners"] for c in noun.children
    ):
        return []
    lex = ctx.cfg.lex
    lemma = noun.lemma_.lower()
    entry = lex.noun(lemma)
    kind = lex.code_info(entry.code).plover if entry and entry.code else None
    generic = lemma in lex.anaphors
    earlier = [
        p
        for p in reversed(ctx.history)
        if p.trigger.i < noun.i and p.source and not own & set(p.source[0])
    ]
    for prev in earlier:
        if prev.trigger.lemma_.lower() == lemma:
            return prev.source[:1]
    for prev in earlier:
        prev_kind = lex.code_info(prev.code).plover
        if prev_kind == kind or (generic and prev_kind in TYPES["material"]):
            return prev.source[:1]
    return []


# ------------------------------------------------------------------ the two sides
def side(ctx: DocContext, g: list[int]) -> list[int]:
    """A party as a side: a person with the body they lead (a general -> the army, general)."""
    if ctx.type(g[0]) == "person":
        led = led_by(ctx, g[0])
        if led is not None and led not in g:
            return [led, *g]
    return g


def main_pair(
    ctx: DocContext, whole: list[Candidate], own: set[int], hostile: bool = True
) -> Groups:
    """The two sides of the document's most reported hostile pair (any pair, if not
    ``hostile``), neither the actor."""
    counts: dict[tuple[int, int], int] = {}
    groups: dict[int, list[int]] = {}
    for o in whole:
        if hostile and ctx.cfg.plover(o.code) not in TYPES["hostile"]:
            continue
        s, t = side(ctx, o.source[0]), side(ctx, o.target[0])
        if own & (set(s) | set(t)) or ctx.type(t[0]) == "place":
            continue
        key = (min(s[0], t[0]), max(s[0], t[0]))
        counts[key] = counts.get(key, 0) + 1
        groups.setdefault(s[0], s)
        groups.setdefault(t[0], t)
    if not counts:
        return []
    a, b = max(counts, key=lambda k: counts[k])
    return [groups[a], groups[b]]


__all__ = ["own_ids"]
