"""The rule engine: named rules with conditions and priorities, read from data.

``data/patterns/events.yaml`` holds the words and PLOVER type groups the rules use, each rule's
metadata (id, chain, priority, the types it applies to, an example sentence) and the structural
patterns (spaCy ``DependencyMatcher`` patterns anchored on the trigger). Code registers one
small function per rule id with :func:`rule`; :func:`run_chain` runs a chain's rules in order
of priority and stops at the first that decides.

>>> @rule("example-rule")                                     # doctest: +SKIP
... def example(ctx, att): return None                         # None: not decided, go on
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from spacy.tokens import Token

from actorgraph.concepts import NEGATIVE_MODALITIES, SYMMETRIC_TYPES, UNCERTAIN_MODALITIES
from actorgraph.errors import ConfigError
from actorgraph.extract.lexicon import load_yaml_words
from actorgraph.extract.shapes import ShapePattern

RESOURCE = ("data", "patterns", "events.yaml")
T = TypeVar("T")


@cache
def _data() -> dict[str, Any]:
    path = "/".join(RESOURCE)
    try:
        raw = resources.files("actorgraph").joinpath(*RESOURCE).read_text("utf-8")
        data = load_yaml_words(raw)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}; reinstall actorgraph") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path} is not a mapping of sections")
    return data


def _sets(section: str) -> dict[str, frozenset[str]]:
    raw = _data().get(section) or {}
    return {k: frozenset(str(w).lower() if section == "words" else str(w) for w in v)
            for k, v in raw.items()}  # fmt: skip


WORDS: dict[str, frozenset[str]] = _sets("words")
# Symmetric types and modality classes have one home, actorgraph.concepts; the data file's
# conditions may name them as groups all the same.
TYPES: dict[str, frozenset[str]] = {**_sets("types"), "symmetric": SYMMETRIC_TYPES}
MODALITIES: dict[str, frozenset[str]] = {
    "negative": frozenset(NEGATIVE_MODALITIES),
    "uncertain": frozenset(UNCERTAIN_MODALITIES),
}
CODES: dict[str, Any] = dict(_data().get("codes") or {})


@dataclass(frozen=True)
class RuleInfo:
    """A rule's metadata from the data file."""

    id: str
    chain: str
    priority: int
    example: str
    when: frozenset[str] | None = None
    unless: frozenset[str] = frozenset()
    when_mode: frozenset[str] | None = None
    # The rule mends a parser error the model makes only sometimes; its example shows the
    # reading intended and its test is a hand-built parse of the error.
    misparse: bool = False

    def applies(self, plover: str | None, mode: str | None = None) -> bool:
        if self.when is not None and plover not in self.when:
            return False
        if plover in self.unless:
            return False
        return self.when_mode is None or mode in self.when_mode


def _type_list(raw: Any) -> frozenset[str] | None:
    """Types named directly or by a group of ``types`` ("hostile")."""
    if raw is None:
        return None
    out: set[str] = set()
    for item in [raw] if isinstance(raw, str) else raw:
        out |= TYPES.get(str(item), {str(item)})
    return frozenset(out)


@cache
def rule_infos() -> dict[str, RuleInfo]:
    out: dict[str, RuleInfo] = {}
    for r in _data().get("rules") or []:
        out[r["id"]] = RuleInfo(
            id=r["id"],
            chain=r["chain"],
            priority=int(r.get("priority", 50)),
            example=r.get("example", ""),
            when=_type_list(r.get("when")),
            unless=_type_list(r.get("unless")) or frozenset(),
            when_mode=frozenset(r["when_mode"]) if r.get("when_mode") else None,
            misparse=bool(r.get("misparse", False)),
        )
    return out


_REGISTRY: dict[str, Callable[..., Any]] = {}


def rule(rule_id: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Register a function as the rule ``rule_id`` (its metadata lives in events.yaml)."""

    def register(fn: Callable[..., T]) -> Callable[..., T]:
        _REGISTRY[rule_id] = fn
        return fn

    return register


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    fn: Callable[..., Any]


@cache
def chain(name: str) -> tuple[Rule, ...]:
    """The rules of a chain in order of priority (then of the data file)."""
    infos = [i for i in rule_infos().values() if i.chain == name]
    missing = [i.id for i in infos if i.id not in _REGISTRY]
    if missing:
        raise ConfigError(f"events.yaml names rules with no code: {', '.join(missing)}")
    return tuple(Rule(i, _REGISTRY[i.id]) for i in sorted(infos, key=lambda i: i.priority))


# Rule ids that decided, when a caller asks (tests, ``--explain``-style debugging); one list
# per thread or task, so tracing one extraction never sees another's rules.
TRACE: ContextVar[list[str] | None] = ContextVar("actorgraph_rule_trace", default=None)


@cache
def _applicable(name: str, plover: str | None, mode: str | None) -> tuple[Rule, ...]:
    """The rules of a chain that apply to an event type and mode (asked thousands of times per
    document, for a few dozen distinct types)."""
    return tuple(r for r in chain(name) if r.info.applies(plover, mode))


def run_chain(name: str, plover: str | None, mode: str | None, *args: Any) -> Any:
    """Run the chain's applicable rules in order; the first result that is not None wins."""
    for r in _applicable(name, plover, mode):
        got = r.fn(*args)
        if got is not None:
            trace = TRACE.get()
            if trace is not None:
                trace.append(r.info.id)
            return got
    return None


def run_steps(name: str, plover: str | None, mode: str | None, *args: Any) -> Any:
    """Run every applicable rule of the chain in order, each refining what the last left; a
    rule that returns something ``final`` ends the chain with it. Rules that changed anything
    return a true value (and are traced)."""
    for r in _applicable(name, plover, mode):
        got = r.fn(*args)
        if got:
            trace = TRACE.get()
            if trace is not None:
                trace.append(r.info.id)
        if getattr(got, "final", False):
            return got
    return None


def registered() -> Iterable[str]:
    return _REGISTRY.keys()


# ------------------------------------------------------------------ structural patterns
@dataclass(frozen=True)
class Structural:
    id: str
    role: str
    priority: int
    example: str
    pattern: list[dict[str, Any]]


@cache
def structural_patterns() -> tuple[Structural, ...]:
    return tuple(
        Structural(p["id"], p["role"], int(p.get("priority", 50)), p["example"], p["pattern"])
        for p in _data().get("patterns") or []
    )


@cache
def _shapes() -> dict[str, ShapePattern]:
    return {
        p.id: ShapePattern(p.id, p.role, p.example, tuple(p.pattern)) for p in structural_patterns()
    }


def match_at(pattern_id: str, token: Token) -> list[Token]:
    """The argument tokens ("ARG") of a structural pattern whose trigger ("T") is ``token``, in
    text order. Matched from the trigger alone (extract/shapes.py), not by a pass of spaCy's
    DependencyMatcher over the whole document; the format is the same and a test checks that
    both agree."""
    found = {m["ARG"].i: m["ARG"] for m in _shapes()[pattern_id].at(token)}
    return [found[i] for i in sorted(found)]
