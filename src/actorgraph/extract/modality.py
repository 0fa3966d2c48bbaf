"""Modality and attribution of a trigger, read off the dependency parse.

The cue words live in data/lexicon/modality.yaml. Precedence when several cues apply:
denied > negated > hypothetical > hedged > intended > reported > future > asserted.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml
from spacy.tokens import Span, Token

from actorgraph.concepts import MODALITY_PRECEDENCE
from actorgraph.errors import ConfigError
from actorgraph.extract.lexicon import load_yaml_words

PRECEDENCE = MODALITY_PRECEDENCE
# "said the group would respect the truce": in reported speech "would" is the future of then.
REPORTED_FUTURE = frozenset({"would", "'d"})
MAX_ATTRIBUTION_TOKENS = 14
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "'s", "'re", "am"})


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
    )


@dataclass
class ModalityResult:
    modality: str
    attribution_span: Span | None = None  # the words naming who says so
    cue: Token | None = None


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
        if t.dep_ not in {"ccomp", "conj"} or t.head is t:
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


def modality_of(trigger: Token, lex: ModalityLexicon, sent: Span) -> ModalityResult:
    found: set[str] = set()
    attribution: Span | None = None
    t = trigger
    if _negated(t, lex):
        found.add("negated")
    for c in t.children:
        if c.dep_ == "advmod" and c.lower_ in lex.hedge_adverbs:
            found.add("hedged")
    steps = 0
    while steps < 8:
        steps += 1
        if _has_aux(t, lex.future_auxiliaries):
            found.add("future")
        if _has_aux(t, lex.hypothetical_modals):
            if (
                _in_reported_speech(t, lex)
                and _has_aux(t, REPORTED_FUTURE)
                and not any(c.dep_ == "advcl" for c in t.children)
            ):
                found.add("future")
            else:
                found.add("hypothetical")
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks:
                found.add("hypothetical")
            if c.dep_ == "advmod" and c.lower_ in lex.hedge_adverbs:
                found.add("hedged")
        head = t.head
        if head is t:
            break
        hl = head.lemma_.lower()
        d = t.dep_
        if d in {"ccomp", "xcomp"}:
            if hl in lex.denial_verbs:
                found.add("denied")
                attribution = attribution or _attribution_from_subject(head)
            elif _negated(head, lex):
                found.add("negated")
            if hl in lex.hedge_verbs:
                found.add("hedged")
            if hl in lex.intention_verbs and d == "xcomp":
                found.add("intended")
            if hl in lex.future_verbs and d == "xcomp" and _has_aux(head, BE_FORMS):
                found.add("future")
            if hl in lex.reporting_verbs and d == "ccomp":
                found.add("reported")
                attribution = attribution or _attribution_from_subject(head)
        elif d in {"pcomp", "pobj", "prep", "acl"} and hl in lex.intention_nouns:
            found.add("intended")
            if _negated(head, lex):
                found.add("negated")
        if t.dep_ in {"relcl", "nsubj", "nsubjpass", "ROOT"}:
            break
        t = head
    acc = according_to(sent, lex)
    if acc is not None:
        found.add("reported")
        attribution = acc
    for m in PRECEDENCE:
        if m in found:
            return ModalityResult(m, attribution)
    return ModalityResult("asserted", attribution)
