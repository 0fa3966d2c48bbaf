"""Tree shapes: spaCy ``DependencyMatcher`` patterns kept as data, matched at one token.

A rule that asks "is this word in that shape?" only for the few words it considers (the head of
a place name, a title noun) pays for those words alone. spaCy's ``DependencyMatcher`` searches
the whole document and computes every candidate token's ancestors, which on news text costs
about 5 % of the whole pipeline for a handful of patterns; evaluating the same patterns from
their first node costs next to nothing. The patterns keep spaCy's format (``RIGHT_ID``,
``RIGHT_ATTRS``, ``LEFT_ID``, ``REL_OP``), so any of them can be handed to a
``DependencyMatcher`` unchanged, and tests check that both find the same matches.

>>> [p.id for p in load_shapes("data/patterns/relations.yaml")][:1]  # doctest: +SKIP
['title_after_as']
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Token

from actorgraph.errors import ConfigError
from actorgraph.extract.lexicon import load_yaml_words

# The token attributes a node may test, by their DependencyMatcher names.
_ATTRS: dict[str, Callable[[Token], str]] = {
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
    "LOWER": lambda t: t.lower_,
    "LEMMA": lambda t: t.lemma_,
    "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_,
    "DEP": lambda t: t.dep_,
    "ENT_TYPE": lambda t: t.ent_type_,
}


def _children(t: Token) -> Iterator[Token]:
    return iter(t.children)


def _head(t: Token) -> Iterator[Token]:
    if t.head.i != t.i:
        yield t.head


# The relations a node may have to an earlier one (spaCy's operators of the same name).
_OPS: dict[str, Callable[[Token], Iterator[Token]]] = {
    ">": _children,
    "<": _head,
    ">++": lambda t: (c for c in t.children if c.i > t.i),
    ">--": lambda t: (c for c in t.children if c.i < t.i),
    "<++": lambda t: (h for h in _head(t) if h.i > t.i),
    "<--": lambda t: (h for h in _head(t) if h.i < t.i),
}


@dataclass(frozen=True)
class ShapePattern:
    """One pattern: its id, its group (the rule that reads it), an example sentence in which it
    matches, and its nodes in DependencyMatcher format."""

    id: str
    group: str
    example: str
    pattern: tuple[dict[str, Any], ...]
    # each node's attribute tests, compiled once (a rule may ask at every word of a document)
    _tests: tuple[tuple[_Test, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _check(self)
        tests = tuple(
            tuple(_compile(k, v) for k, v in n["RIGHT_ATTRS"].items()) for n in self.pattern
        )
        object.__setattr__(self, "_tests", tests)

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(str(n["RIGHT_ID"]) for n in self.pattern)

    def at(self, token: Token) -> list[dict[str, Token]]:
        """Every match whose first node is ``token``, as node name -> token, in token order.

        >>> pattern.at(doc[3])  # doctest: +SKIP
        [{'title': commander, 'as': as, 'verb': served}]
        """
        if not _fits(token, self._tests[0]):
            return []
        found: list[dict[str, Token]] = [{self.pattern[0]["RIGHT_ID"]: token}]
        for node, tests in zip(self.pattern[1:], self._tests[1:], strict=True):
            step = _OPS[node["REL_OP"]]
            found = [
                {**m, node["RIGHT_ID"]: t}
                for m in found
                for t in step(m[node["LEFT_ID"]])
                if _fits(t, tests) and all(t.i != u.i for u in m.values())
            ]
            if not found:
                break
        return found


# One attribute test: the attribute's getter, the values it may have and those it may not.
_Test = tuple[Callable[[Token], str], frozenset[str] | None, frozenset[str]]


def _compile(name: str, want: Any) -> _Test:
    if isinstance(want, dict):
        allowed = frozenset(map(str, want["IN"])) if "IN" in want else None
        return _ATTRS[name], allowed, frozenset(map(str, want.get("NOT_IN", ())))
    return _ATTRS[name], frozenset({str(want)}), frozenset()


def _fits(token: Token, tests: tuple[_Test, ...]) -> bool:
    for get, allowed, refused in tests:
        got = get(token)
        if (allowed is not None and got not in allowed) or got in refused:
            return False
    return True


def _check(p: ShapePattern) -> None:
    names: set[str] = set()
    for n, node in enumerate(p.pattern):
        unknown = set(node["RIGHT_ATTRS"]) - set(_ATTRS)
        for want in node["RIGHT_ATTRS"].values():
            if isinstance(want, dict):
                unknown |= set(want) - {"IN", "NOT_IN"}
        if unknown:
            raise ConfigError(f"shape {p.id}: unsupported attribute(s) {sorted(unknown)}")
        if n and (node["LEFT_ID"] not in names or node["REL_OP"] not in _OPS):
            raise ConfigError(
                f"shape {p.id}: node {node['RIGHT_ID']} needs an earlier LEFT_ID and one of "
                f"the operators {sorted(_OPS)}"
            )
        names.add(str(node["RIGHT_ID"]))


def first_pos(patterns: tuple[ShapePattern, ...]) -> frozenset[str] | None:
    """The parts of speech a word must have for any of these patterns to start at it, or None
    when some pattern starts at any word: a cheap test before asking at every word."""
    return first_values(patterns, "POS")


def first_values(patterns: tuple[ShapePattern, ...], attr: str) -> frozenset[str] | None:
    """The values of ``attr`` ("POS", "DEP") a word must have for any of these patterns to start
    at it, or None when some pattern's first node does not restrict it to a list."""
    allowed: set[str] = set()
    for p in patterns:
        want = p.pattern[0]["RIGHT_ATTRS"].get(attr)
        if want is None or (isinstance(want, dict) and "IN" not in want):
            return None
        allowed.update(map(str, want["IN"]) if isinstance(want, dict) else [str(want)])
    return frozenset(allowed)


@functools.cache
def load_shapes(path: str) -> tuple[ShapePattern, ...]:
    """The patterns of a packaged YAML file ({group: [{id, example, pattern}]}), in file order;
    ``ConfigError`` when the file is unreadable or a pattern uses what this module cannot match.
    """
    try:
        raw = load_yaml_words(resources.files("actorgraph").joinpath(path).read_text("utf-8"))
        shapes = tuple(
            ShapePattern(str(p["id"]), str(group), str(p["example"]), tuple(p["pattern"]))
            for group, items in raw.items()
            for p in items
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"tree shapes {path} are unusable ({exc})") from None
    return shapes
