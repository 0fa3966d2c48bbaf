"""Threats made as consequences: "if X attacks, it will pay a heavy price", "any attack would
meet a firm response", and who makes them when no verb of saying names the speaker.

The consequence words live in events.yaml (``consequences``). The act that provokes the
consequence is an event the sentence names, so it is never reported as having happened: it is
the condition of the threat, and its author is the threat's target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Span, Token

from actorgraph.extract.lexicon import Lexicon
from actorgraph.resolve.actors import ActorSet, is_prose

Groups = list[list[int]]
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
        if t.dep_ not in {"ccomp", "xcomp", "conj"} or t.head is t:
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
    - A paragraph introduced by a sentence ending in a colon ("X declared in Beirut:"), perhaps
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
