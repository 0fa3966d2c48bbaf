"""Threats made as consequences: "if X attacks, it will pay a heavy price", "any attack would
meet a firm response", and who makes them when no verb of saying names the speaker.

The consequence words live in events.yaml (``consequences``). The act that provokes the
consequence is an event the sentence names, so it is never reported as having happened: it is
the condition of the threat, and its author is the threat's target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span, Token

from actorgraph.extract.attach import subject
from actorgraph.extract.context import Candidate, DocContext, Groups, own_ids
from actorgraph.extract.lexicon import Lexicon
from actorgraph.extract.parties import PASS_SUBJ, SUBJ, earlier_actor, groups_of
from actorgraph.extract.rules import CODES, WORDS
from actorgraph.resolve.actors import ActorSet, is_prose

CONDITIONS = frozenset({"if", "unless"})
PROVOKING = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "THREATEN"})
OPEN_QUOTES = frozenset({'"', "“", "‘", "'", "«"})
THREAT_CODE = "130"
SubjectOf = Callable[[Token], Groups]


def consequence_verb(v: Token, lex: Lexicon, modals: frozenset[str]) -> bool:
    """A verb with will/would/could/… (``modals``) whose own clause holds a consequence word."""
    if v.pos_ not in {"VERB", "AUX"}:
        return False
    if not any(c.dep_ in {"aux", "auxpass"} and c.lower_ in modals for c in v.children):
        return False
    return any(t.lemma_.lower() in lex.consequences for t in own_clause(v))


def own_clause(v: Token) -> Iterable[Token]:
    """The verb and its dependents, without clauses of their own (an "if" clause, a that-clause)."""
    stack = [v]
    while stack:
        t = stack.pop()
        yield t
        stack.extend(
            c for c in t.children if c.dep_ not in {"advcl", "ccomp", "relcl", "conj", "parataxis"}
        )


def condition_clauses(v: Token) -> list[Token]:
    """The "if"/"unless" clauses on a verb."""
    return [
        c
        for c in v.children
        if c.dep_ == "advcl"
        and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
    ]


def within(t: Token, top: Token) -> bool:
    return top.left_edge.i <= t.i <= top.right_edge.i


def speaker_verb(v: Token, reporting: frozenset[str]) -> Token | None:
    """The verb of saying whose that-clause holds ``v`` ("said that …", "warned that …")."""
    t = v
    for _ in range(4):
        if t.dep_ not in {"ccomp", "xcomp", "conj"} or t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_.lower() in reporting:
            return t
    return None


def quote_or_caption_speaker(
    sent: Span,
    aset: ActorSet,
    says: Callable[[Token], bool],
    subject_of: SubjectOf,
    sent_of: Callable[[Token], Span],
    text: str,
) -> tuple[Groups, Token | None]:
    """Who says a sentence that has no verb of saying of its own.

    - A quotation that goes on from the sentence before ("… ," she said. "We will …") is said
      by the speaker of that sentence.
    - A paragraph introduced by a sentence ending in a colon ("X declared in the capital:"), perhaps
      with caption lines between, is said by that sentence's speaker.
    - Else a paragraph set right under caption lines that name one person (a photo caption or a
      pull-quote heading) is that person's words.

    Returns the speaker and the verb of saying, if one was found (its date and place are the
    saying's).
    """
    doc = sent.doc
    if any(says(t) for t in sent):
        return [], None
    if sent[0].text in OPEN_QUOTES and sent.start > 0:
        for t in sent_of(doc[sent.start - 1]):
            if says(t) and (got := subject_of(t)):
                return got, t
    para = text.rfind("\n", 0, sent.start_char) + 1
    people: set[int] = set()
    end = para
    while end > 0:
        # Step back over blank lines and caption lines to the paragraph before.
        end = len(text[:end].rstrip())
        if end == 0:
            return [], None
        line_start = text.rfind("\n", 0, end) + 1
        line = doc.char_span(line_start, end, alignment_mode="expand")
        if line is None:
            return [], None
        if any(is_prose(doc, t.i) for t in line if not t.is_space):
            if text[end - 1] == ":":
                for t in reversed(list(sent_of(doc[line.end - 1]))):
                    if says(t) and (got := subject_of(t)):
                        return got, t
            break
        people |= {
            aset.token_actor[t.i]
            for t in line
            if t.i in aset.token_actor and aset.actors[aset.token_actor[t.i]].type == "person"
        }
        end = line_start
    if len(people) == 1:
        return [[next(iter(people))]], None
    return [], None


# ------------------------------------------------------------------ threats as candidates
def says(ctx: DocContext, t: Token) -> bool:
    """A verb of saying, or one the lexicon codes as a statement ("declared")."""
    if t.pos_ != "VERB":
        return False
    lemma = t.lemma_.lower()
    if lemma in ctx.cfg.mod.reporting_verbs:
        return True
    entry = ctx.cfg.lex.verb(lemma)
    return bool(entry and entry.code and ctx.cfg.plover(entry.code) == "STATEMENT")


def speaker(ctx: DocContext, verb: Token) -> Groups:
    """Who a verb of saying has speak; a verb the parser hung on a name ("X's deputy, Y,
    declared") is that name's."""
    got = subject(ctx, verb)
    if not got and verb.dep_ == "acl":
        got = groups_of(ctx, verb.head)
    return got


def _provoking(
    ctx: DocContext, found: list[Candidate], v: Token, sent: Span
) -> tuple[list[Candidate], Groups]:
    """The acts a consequence answers (in its "if" clauses, or named by its subject: "any
    attack would meet a response") and their authors, the threat's target."""
    acts: list[Candidate] = []
    for cond in condition_clauses(v):
        acts += [
            c
            for c in found
            if within(c.trigger, cond) and ctx.cfg.plover(c.code) in PROVOKING and c.source
        ]
    target: Groups = [g for c in acts for g in c.source]
    lex = ctx.cfg.lex
    for subj in (c for c in v.children if c.dep_ in SUBJ | PASS_SUBJ):
        lemma = subj.lemma_.lower()
        entry = lex.noun(lemma) if subj.pos_ == "NOUN" else None
        hostile = entry is not None and entry.code is not None
        if entry is not None and entry.code is not None:
            hostile = ctx.cfg.plover(entry.code) in PROVOKING
        if not hostile and not (subj.pos_ == "NOUN" and lemma in lex.anaphors):
            continue  # "the launch", "the move": an act named before
        named = [c for c in found if c.trigger.i == subj.i]
        acts += named
        target += [g for c in named for g in c.source] or earlier_actor(ctx, subj)
        # The act named by the subject, whether or not an event of its own was found.
        acts.append(Candidate(subj, THREAT_CODE, [], [], sent))
    return acts, target


def _governing_threat(
    ctx: DocContext, found: list[Candidate], v: Token, said_by: Token | None
) -> Candidate | None:
    """The event that makes the threat: the verb of saying's own ("warned that any attack
    would ..."), else a threat whose clause holds the consequence."""
    if said_by is not None:
        return next((c for c in found if c.trigger.i == said_by.i), None)
    return next(
        (
            c
            for c in found
            if c is not v and ctx.cfg.plover(c.code) == "THREATEN" and v in c.trigger.subtree
        ),
        None,
    )


def consequence_threats(ctx: DocContext, found: list[Candidate], sent: Span) -> list[Candidate]:
    """Threats made as the consequence of an act ("if X attacks, it will pay a heavy price";
    "any attack would meet a firm response"): one THREATEN event by whoever says it against the
    act's author. The act itself is only the threat's condition and is dropped."""
    if not ctx.cfg.lex.consequences:
        return found
    out = list(found)
    for v in sent:
        if not consequence_verb(v, ctx.cfg.lex, ctx.cfg.modals):
            continue
        acts, target = _provoking(ctx, found, v, sent)
        if not acts:
            continue
        said_by = speaker_verb(v, ctx.cfg.mod.reporting_verbs)
        governing = _governing_threat(ctx, found, v, said_by)
        who: Groups = []
        if governing is None and said_by is not None:
            who = subject(ctx, said_by)
        elif governing is None:
            who, said_by = quote_or_caption_speaker(
                sent,
                ctx.aset,
                lambda t: says(ctx, t),
                lambda t: speaker(ctx, t),
                ctx.sent,
                ctx.text,
            )
        if governing is None and not who:
            continue  # no one makes the threat: the act stays, as hypothetical
        # The act and the consequence ("would meet a response", "will regret it") are the
        # threat's parts, not events of their own.
        dropped = {c.trigger.i for c in acts} | {t.i for t in own_clause(v)}
        out = [c for c in out if c.trigger.i not in dropped]
        if governing is not None:
            # "warned that any attack would …": the warning is the threat.
            if not governing.target:
                governing.target = target
            continue
        own = own_ids(who)
        target = [g for g in target if not own & set(g)]
        out.append(Candidate(v, THREAT_CODE, who, target, sent, threat=True, said_at=said_by))
    return out


def _promised_unless(ctx: DocContext, c: Candidate) -> None:
    """An act promised on a condition another party controls ("will withdraw its troops unless
    X pays") is a threat against that party (events.yaml ``threat_codes``)."""
    t = c.trigger
    code = ctx.cfg.lex.threat_codes.get(ctx.cfg.plover(c.code))
    if code is None or not c.source:
        return
    if not any(a.dep_ == "aux" and a.lower_ in ctx.cfg.modals for a in t.children):
        return
    own = ctx.kin(own_ids(c.source))
    controlled = [
        g
        for cl in condition_clauses(t)
        for sub in cl.children
        if sub.dep_ in SUBJ | PASS_SUBJ
        for g in groups_of(ctx, sub)
        if not own & set(g)
    ]
    if controlled:
        c.code, c.threat = code, True
        c.target = controlled


def _demand_of(ctx: DocContext, c: Candidate) -> Candidate | None:
    """An act someone says another must do ("said X must return the aircraft") is the
    speaker's demand of X."""
    t = c.trigger
    if not c.source or not any(
        a.dep_ == "aux" and a.lower_ in WORDS["obligation"] for a in t.children
    ):
        return None
    said = t.head if t.dep_ == "ccomp" and t.head.i != t.i else None
    who = subject(ctx, said) if said is not None and says(ctx, said) else []
    own = own_ids(c.source)
    who = [g for g in who if not own & set(g)]
    if not who:
        return None
    # The act is not done; the demand of it is.
    demand = str(CODES["demand"])
    return Candidate(t, demand, who, c.source, c.sent, threat=True, said_at=said)


def conditional_acts(ctx: DocContext, found: list[Candidate]) -> list[Candidate]:
    """Acts announced, not done, that others are to answer for: threats and demands."""
    out: list[Candidate] = []
    for c in found:
        _promised_unless(ctx, c)
        demand = _demand_of(ctx, c)
        out.append(demand if demand is not None else c)
    return out
