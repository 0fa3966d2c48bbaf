"""Modality and attribution of a trigger, read off the dependency parse.

The cue words live in data/lexicon/modality.yaml. Precedence when several cues apply:
denied > negated > hypothetical > hedged > intended > reported > future > asserted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Span, Token

from actorgraph.concepts import MODALITY_PRECEDENCE
from actorgraph.errors import ConfigError
from actorgraph.extract.lexicon import load_yaml_words
from actorgraph.nlp.scan import token_indices

PRECEDENCE = MODALITY_PRECEDENCE
MAX_ATTRIBUTION_TOKENS = 14


@dataclass(frozen=True)
class ModalityLexicon:
    reporting_verbs: frozenset[str]
    attribution_phrases: tuple[tuple[str, ...], ...]
    denial_verbs: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    hypothetical_marks: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    intention_verbs: frozenset[str]
    intention_nouns: frozenset[str]
    negations: frozenset[str]
    reported_future: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()


@functools.cache
def _builtin_text() -> str:
    return resources.files("actorgraph").joinpath("data/lexicon/modality.yaml").read_text("utf-8")


def load_modality_lexicon(extra: Sequence[Path | str] = ()) -> ModalityLexicon:
    raw = load_yaml_words(_builtin_text())
    for p in extra:
        try:
            more = load_yaml_words(Path(p).read_text("utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read modality file ({exc})", path=str(p)) from None
        if isinstance(more, dict):
            raw.update(more)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, []))

    return ModalityLexicon(
        reporting_verbs=words("reporting_verbs"),
        attribution_phrases=tuple(tuple(p.lower().split()) for p in raw["attribution_phrases"]),
        denial_verbs=words("denial_verbs"),
        hedge_verbs=words("hedge_verbs"),
        hedge_adverbs=words("hedge_adverbs"),
        hypothetical_modals=words("hypothetical_modals"),
        hypothetical_marks=words("hypothetical_marks"),
        future_auxiliaries=words("future_auxiliaries"),
        future_verbs=words("future_verbs"),
        intention_verbs=words("intention_verbs"),
        intention_nouns=words("intention_nouns"),
        negations=words("negations"),
        reported_future=words("reported_future"),
        copulas=words("copulas"),
    )


@dataclass
class ModalityResult:
    modality: str
    attribution_span: Span | None = None  # the words naming who says so
    cue: Token | None = None
    cues: tuple[str, ...] = ()  # ids of the cues that fired, for tests and explanations


def _negated(t: Token, lex: ModalityLexicon) -> bool:
    for c in t.children:
        if c.dep_ == "neg" or (c.dep_ in {"det", "advmod"} and c.lower_ in lex.negations):
            return True
    return False


def _has_aux(t: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} and c.lower_ in words for c in t.children)


def _in_reported_speech(t: Token, lex: ModalityLexicon) -> bool:
    """Whether the clause of ``t`` is what a verb of saying reports ("said (that) ...")."""
    for _ in range(4):
        if t.dep_ not in {"ccomp", "conj"} or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in lex.reporting_verbs:
            return True
    return False


def _attribution_from_subject(verb: Token) -> Span | None:
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            left, right = c.left_edge.i, c.right_edge.i + 1
            if right - left > MAX_ATTRIBUTION_TOKENS:
                right = c.i + 1
            return verb.doc[left:right]
    return None


def according_to(sent: Span, lex: ModalityLexicon) -> Span | None:
    """The words after "according to" (or another attribution phrase) in a sentence."""
    firsts = {p[0] for p in lex.attribution_phrases if p}
    if all(lex.attribution_phrases) and not any(
        sent.start <= i < sent.end for i in token_indices(sent.doc, firsts)
    ):
        return None  # asked once per event: most sentences have no such phrase
    words = [t.lower_ for t in sent]
    for phrase in lex.attribution_phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if tuple(words[i : i + n]) == phrase:
                last = sent[i + n - 1]
                objs = [c for c in last.children if c.dep_ == "pobj"]
                if objs:
                    o = objs[0]
                    return sent.doc[o.left_edge.i : o.right_edge.i + 1]
                # Parse without a pobj: take the noun phrase up to the next comma.
                j = i + n
                k = j
                while k < len(sent) and not sent[k].is_punct:
                    k += 1
                if k > j:
                    return sent[j:k]
    return None


# --- cues ----------------------------------------------------------------------------------
# Each cue is a small named rule: where it looks (the trigger itself, each clause on the way up
# from the trigger, or the word that clause depends on), what it tests, the modality it gives,
# and an example sentence with the trigger it is read for. Its priority is its modality's rank
# in PRECEDENCE: when several cues fire, the strongest claim about the event wins.


@dataclass(frozen=True)
class Cue:
    """One way a sentence says its event is not a plain fact."""

    id: str
    where: str  # "trigger", "clause" or "head"
    modality: str
    example: str
    trigger: str  # the word of ``example`` whose modality the cue changes
    check: Callable[[Token, ModalityLexicon], bool]
    attributes: bool = False  # the subject of the head is who says so

    @property
    def priority(self) -> int:
        return PRECEDENCE.index(self.modality)


CUES: list[Cue] = []


def _cue(
    id: str, where: str, modality: str, example: str, trigger: str, attributes: bool = False
) -> Callable[[Callable[[Token, ModalityLexicon], bool]], Callable[[Token, ModalityLexicon], bool]]:
    def register(
        check: Callable[[Token, ModalityLexicon], bool],
    ) -> Callable[[Token, ModalityLexicon], bool]:
        CUES.append(Cue(id, where, modality, example, trigger, check, attributes))
        return check

    return register


@_cue("negation", "trigger", "negated", "The militia did not attack the depot.", "attack")
def _negation(t: Token, lex: ModalityLexicon) -> bool:
    return _negated(t, lex)


@_cue("hedge_adverb", "clause", "hedged", "The militia reportedly attacked the depot.", "attacked")
def _hedge_adverb(t: Token, lex: ModalityLexicon) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ in lex.hedge_adverbs for c in t.children)


@_cue("future_aux", "clause", "future", "The militia will attack the depot.", "attack")
def _future_aux(t: Token, lex: ModalityLexicon) -> bool:
    return _has_aux(t, lex.future_auxiliaries)


def _reported_would(t: Token, lex: ModalityLexicon) -> bool:
    return (
        _in_reported_speech(t, lex)
        and _has_aux(t, lex.reported_future)
        and not any(c.dep_ == "advcl" for c in t.children)
    )


@_cue(
    "reported_would",
    "clause",
    "future",
    "The envoy said the militia would leave the town.",
    "leave",
)
def _modal_in_reported_speech(t: Token, lex: ModalityLexicon) -> bool:
    # In reported speech "would" is the future of then, unless a condition follows.
    return _has_aux(t, lex.hypothetical_modals) and _reported_would(t, lex)


@_cue("modal", "clause", "hypothetical", "The militia might attack the depot.", "attack")
def _modal(t: Token, lex: ModalityLexicon) -> bool:
    return _has_aux(t, lex.hypothetical_modals) and not _reported_would(t, lex)


@_cue(
    "condition_mark",
    "clause",
    "hypothetical",
    "If the militia attacks the depot, the army will respond.",
    "attacks",
)
def _condition_mark(t: Token, lex: ModalityLexicon) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks for c in t.children)


def _complement(t: Token) -> bool:
    return t.dep_ in {"ccomp", "xcomp"}


@_cue(
    "denial",
    "head",
    "denied",
    "The ministry denied that troops attacked the depot.",
    "attacked",
    attributes=True,
)
def _denial(t: Token, lex: ModalityLexicon) -> bool:
    return _complement(t) and t.head.lemma_.lower() in lex.denial_verbs


@_cue(
    "negated_head",
    "head",
    "negated",
    "The ministry did not confirm that troops attacked the depot.",
    "attacked",
)
def _negated_head(t: Token, lex: ModalityLexicon) -> bool:
    return _complement(t) and not _denial(t, lex) and _negated(t.head, lex)


@_cue("hedge_verb", "head", "hedged", "Officials believe the militia attacked the depot.",
      "attacked")  # fmt: skip
def _hedge_verb(t: Token, lex: ModalityLexicon) -> bool:
    return _complement(t) and t.head.lemma_.lower() in lex.hedge_verbs


@_cue("intention_verb", "head", "intended", "The militia plans to attack the depot.", "attack")
def _intention_verb(t: Token, lex: ModalityLexicon) -> bool:
    return t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.intention_verbs


@_cue("future_verb", "head", "future", "The militia is going to attack the depot.", "attack")
def _future_verb(t: Token, lex: ModalityLexicon) -> bool:
    head = t.head
    return (
        t.dep_ == "xcomp"
        and head.lemma_.lower() in lex.future_verbs
        and _has_aux(head, lex.copulas)
    )


@_cue(
    "reporting_verb",
    "head",
    "reported",
    "The ministry said that troops attacked the depot.",
    "attacked",
    attributes=True,
)
def _reporting_verb(t: Token, lex: ModalityLexicon) -> bool:
    return t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.reporting_verbs


def _under_intention_noun(t: Token, lex: ModalityLexicon) -> bool:
    return (
        t.dep_ in {"pcomp", "pobj", "prep", "acl"} and t.head.lemma_.lower() in lex.intention_nouns
    )


@_cue("intention_noun", "head", "intended", "The militia announced a plan to attack the depot.",
      "attack")  # fmt: skip
def _intention_noun(t: Token, lex: ModalityLexicon) -> bool:
    return _under_intention_noun(t, lex)


@_cue(
    "negated_intention_noun",
    "head",
    "negated",
    "The militia has no plan to attack the depot.",
    "attack",
)
def _negated_intention_noun(t: Token, lex: ModalityLexicon) -> bool:
    return _under_intention_noun(t, lex) and _negated(t.head, lex)


_AT = {where: tuple(c for c in CUES if c.where == where) for where in ("trigger", "clause", "head")}
# The climb from the trigger stops at the clause that owns it: a relative clause or a subject
# belongs to another event, and the root has no head.
_CLAUSE_ENDS = frozenset({"relcl", "nsubj", "nsubjpass", "ROOT"})
_MAX_STEPS = 8


def modality_of(trigger: Token, lex: ModalityLexicon, sent: Span) -> ModalityResult:
    """The modality of the event or relation ``trigger`` states, and who says so.

    >>> modality_of(doc[3], lex, doc[:])  # doctest: +SKIP
    ModalityResult(modality='denied', ...)
    """
    fired = [c for c in _AT["trigger"] if c.check(trigger, lex)]
    attribution: Span | None = None
    t = trigger
    for _ in range(_MAX_STEPS):
        fired.extend(c for c in _AT["clause"] if c.check(t, lex))
        head = t.head
        if head.i == t.i:
            break
        for c in _AT["head"]:
            if c.check(t, lex):
                fired.append(c)
                if c.attributes:
                    attribution = attribution or _attribution_from_subject(head)
        if t.dep_ in _CLAUSE_ENDS:
            break
        t = head
    found = {c.modality for c in fired}
    acc = according_to(sent, lex)
    if acc is not None:
        found.add("reported")
        attribution = acc
    cues = tuple(dict.fromkeys(c.id for c in fired)) + (("according_to",) if acc else ())
    best = next((m for m in PRECEDENCE if m in found), "asserted")
    return ModalityResult(best, attribution, cues=cues)
