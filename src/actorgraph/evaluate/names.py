"""Lenient name normalisation used to compare system names with gold names.

Both sides go through the same function, so any information it throws away is thrown away
symmetrically; that keeps the matcher forgiving about surface forms without letting it invent
matches that the two texts do not share.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib import resources

import yaml

from actorgraph.errors import ConfigError

_TITLES_RESOURCE = ("data", "lexicon", "titles.yaml")
# Straight, curly and typographic quotes; the apostrophes among them also mark possessives.
_QUOTES = "\"'`´‘’‚‛“”„‟«»‹›"
_APOSTROPHES = "'’‘`´"
_HYPHENS = "-‐‑‒–—―−"
_POSSESSIVE_RE = re.compile(rf"[{_APOSTROPHES}]s$|(?<=s)[{_APOSTROPHES}]$")
_QUOTE_RE = re.compile(f"[{re.escape(_QUOTES)}]")
_HYPHEN_RE = re.compile(f"[{re.escape(_HYPHENS)}]")


@cache
def honorifics() -> tuple[tuple[str, ...], ...]:
    """Titles from the lexicon as token tuples, longest first so "prime minister" beats "prime"."""
    try:
        raw = resources.files("actorgraph").joinpath(*_TITLES_RESOURCE).read_text("utf-8")
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(
            f"cannot read the title lexicon {'/'.join(_TITLES_RESOURCE)}: {exc}; reinstall"
        ) from exc
    titles = data.get("honorifics") if isinstance(data, dict) else None
    if not isinstance(titles, list):
        raise ConfigError(
            f"{'/'.join(_TITLES_RESOURCE)} has no 'honorifics' list; add one (a YAML list)"
        )
    tokenised = {tuple(_base(str(t)).split()) for t in titles}
    tokenised.discard(())
    return tuple(sorted(tokenised, key=lambda t: (-len(t), t)))


def _strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _base(text: str) -> str:
    """Everything except dropping leading words: case, diacritics, quotes, dots, hyphens."""
    text = _strip_diacritics(text).casefold()
    text = _HYPHEN_RE.sub(" ", text)
    tokens = []
    for token in text.split():
        # Possessives first: the apostrophe that marks them is also a quote we strip next.
        token = _POSSESSIVE_RE.sub("", token)
        token = _QUOTE_RE.sub("", token).replace(".", "")
        token = token.strip(",;:()[]{}")
        if token:
            tokens.append(token)
    return " ".join(tokens)


def _drop_leading(tokens: list[str], titles: tuple[tuple[str, ...], ...]) -> list[str]:
    changed = True
    while changed:
        changed = False
        if len(tokens) > 1 and tokens[0] == "the":
            tokens = tokens[1:]
            changed = True
        for title in titles:
            n = len(title)
            # Never drop the whole name: a bare "President" must still compare as itself.
            if len(tokens) > n and tuple(tokens[:n]) == title:
                tokens = tokens[n:]
                changed = True
                break
    return tokens


@cache
def normalize_name(name: str, *, drop_titles: bool = True) -> str:
    """Comparison key for a name.

    Case-folds, strips diacritics, quotes, dots (U.S. == US) and possessive endings, treats
    hyphens as spaces, collapses whitespace, drops a leading "the" and, when ``drop_titles``,
    leading honorifics from the lexicon (data/lexicon/titles.yaml, key ``honorifics``).
    """
    tokens = _base(name).split()
    tokens = _drop_leading(tokens, honorifics() if drop_titles else ())
    return " ".join(tokens)


def normalize_text(text: str) -> str:
    """Key for free text such as an attribution ("according to ..."): no title dropping."""
    return normalize_name(text, drop_titles=False)


def contains_words(outer: str, inner: str) -> bool:
    """True when the normalised ``inner`` occurs in ``outer`` on word boundaries."""
    return bool(inner) and f" {inner} " in f" {outer} "
