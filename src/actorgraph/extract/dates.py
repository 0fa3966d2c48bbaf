"""Find date expressions in English news text and resolve them against a publication date.

The vocabulary (month and weekday names, number words, "ago"/"last"/"next" words, parts of a
period, seasons) is read from ``data/lexicon/time.yaml``; this module holds only the grammar.

Resolution rules, chosen so that a value never claims more than the text and anchor support:

* A relative expression is evaluated at the first and the last day the anchor covers. If both give
  the same answer it is exact; otherwise the two answers are widened to the anchor's precision and
  joined: with anchor ``2017-11``, "yesterday" is ``2017-10/2017-11`` (range), "today" is
  ``2017-11``, "last month" is ``2017-10`` and "Friday" is ``2017-10/2017-11``. So a value derived
  from the anchor is never finer than the anchor, while a day written in the text ("on October
  31", anchor ``2017-11``) keeps its day precision because every reading agrees.
* A month or day without a year ("on October 31", "in July") takes the latest year that puts it
  no more than 14 days after the anchor day; a bare weekday is the latest one on or before it;
  "last"/"next" + weekday or month means strictly before/after.
* "N units ago" counts from the anchor. "N units later/earlier", "the next day", "the following
  week" count from the previous date in the same ``find_dates`` call (a single day, month or year,
  not a range) and from the anchor when there is none; pass a whole document to get the chain.
* Ranges are ``START/END``, each end at its own precision: "last week" is Monday to Sunday,
  "in the past three months" is ``2017-08/2017-11`` (anchor 2017-11-15), "since July" is
  ``2017-07/2017-11-15``, "early 2015" is ``2015-01/2015-04``, "the 1990s" is ``1990/1999``.
* Without an anchor, anything relative is returned with ``value=None`` and precision
  ``unknown`` so callers still see the span.
* A four-digit number is a year only after a context word ("in 2011"), next to a month, or in a
  range; an ambiguous month name ("May", "March") alone needs a context word; month and weekday
  names must be capitalised. Years are 1000-2999 next to a month, 1900-2099 alone.
"""

from __future__ import annotations

import calendar
import functools
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from importlib import resources
from typing import Any

import yaml

from actorgraph.cache import compiled_patterns
from actorgraph.concepts import date_agrees
from actorgraph.errors import ConfigError
from actorgraph.extract.lexicon import load_yaml_words
from actorgraph.ingest.dates import parse_published
from actorgraph.records import DateBasis, DatePrecision, DateValue

__all__ = [
    "Anchor",
    "DateMention",
    "date_agrees",
    "find_dates",
    "parse_anchor",
    "weekday_ahead",
]

_YEAR, _MONTH, _DAY = 0, 1, 2
_LEVEL_NAMES: tuple[DatePrecision, ...] = ("year", "month", "day")
# News mentions upcoming dates far less often than past ones, but "on Nov. 20" in a piece dated
# Nov. 10 is usually the coming one; two weeks of look-ahead covers that without flipping years.
_FUTURE_DAYS = 14


# --- calendar values -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _P:
    """A calendar point at year, month or day precision."""

    y: int
    m: int | None = None
    d: int | None = None

    @property
    def level(self) -> int:
        return _YEAR if self.m is None else _MONTH if self.d is None else _DAY

    def lo(self) -> date:
        return date(self.y, self.m or 1, self.d or 1)

    def hi(self) -> date:
        if self.m is None:
            return date(self.y, 12, 31)
        if self.d is None:
            return date(self.y, self.m, calendar.monthrange(self.y, self.m)[1])
        return date(self.y, self.m, self.d)

    def coarsen(self, level: int) -> _P:
        if level >= self.level:
            return self
        return _P(self.y, self.m if level >= _MONTH else None, None)

    def iso(self) -> str:
        if self.m is None:
            return f"{self.y:04d}"
        if self.d is None:
            return f"{self.y:04d}-{self.m:02d}"
        return f"{self.y:04d}-{self.m:02d}-{self.d:02d}"


def _day(d: date) -> _P:
    return _P(d.year, d.month, d.day)


def _month(y: int, m: int) -> _P:
    # Month arithmetic overflows freely; normalise to a real month.
    q, r = divmod(m - 1, 12)
    return _P(y + q, r + 1)


@dataclass(frozen=True, slots=True)
class _Res:
    start: _P
    end: _P

    @property
    def is_point(self) -> bool:
        return self.start == self.end

    @property
    def value(self) -> str:
        return self.start.iso() if self.is_point else f"{self.start.iso()}/{self.end.iso()}"

    @property
    def precision(self) -> DatePrecision:
        return _LEVEL_NAMES[self.start.level] if self.is_point else "range"


def _point(p: _P) -> _Res:
    return _Res(p, p)


def _span(a: _P, b: _P) -> _Res:
    if b.hi() < a.lo():
        a, b = b, a
    return _Res(a, b)


# --- public types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Anchor:
    """The date relative expressions are resolved against, at its own precision."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> DatePrecision:
        return _LEVEL_NAMES[self._p().level]

    @property
    def value(self) -> str:
        return self._p().iso()

    def _p(self) -> _P:
        return _P(self.year, self.month, self.day if self.month is not None else None)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text; offsets are end-exclusive character positions."""

    start: int
    end: int
    text: str
    value: str | None
    precision: DatePrecision
    relative: bool

    def to_value(self, basis: DateBasis = "text") -> DateValue:
        return DateValue(
            value=self.value,
            precision=self.precision,
            text=self.text,
            basis=basis if self.value is not None else "none",
        )


def parse_anchor(published: str | None) -> Anchor | None:
    """Turn a publication date (YYYY, YYYY-MM or YYYY-MM-DD) into an anchor; None stays None.

    Raises ``ConfigError`` for a value that is not a calendar date.
    """
    if published is None:
        return None
    parts = [int(x) for x in parse_published(published).split("-")]
    return Anchor(parts[0], *parts[1:])


# --- lexicon ---------------------------------------------------------------------------------


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    full_months: frozenset[str]
    abbr_months: frozenset[str]
    ambiguous: frozenset[str]
    weekdays: dict[str, int]
    suffixes: tuple[str, ...]
    context: frozenset[str]
    leading: frozenset[str]
    between: tuple[tuple[str, ...], tuple[str, ...]]
    from_to: tuple[tuple[str, ...], tuple[str, ...]]
    since: tuple[str, ...]
    numbers: dict[str, int]
    qualifiers: tuple[str, ...]
    units: dict[str, tuple[str, int]]
    calendar_units: dict[str, str]
    calendar_shift: dict[str, int]
    weekday_shift: dict[str, int]
    deictic: dict[str, int]
    offsets: dict[str, tuple[int, bool]]
    reference_shift: dict[str, int]
    reference_days: dict[str, int]
    holidays: dict[str, tuple[int, int]]
    duration_preps: tuple[str, ...]
    duration_words: dict[str, int]
    period_edges: dict[str, str]
    part_prefixes: dict[str, tuple[int, int, int]]
    part_nouns: dict[str, tuple[int, int, int]]
    seasons: dict[str, tuple[int, int]]

    def all_words(self) -> list[str]:
        words: list[str] = []
        for value in vars(self).values():
            if isinstance(value, dict | frozenset):
                words.extend(value)
            elif isinstance(value, tuple):
                words.extend(
                    w for item in value for w in (item if isinstance(item, tuple) else [item])
                )
        return [w for w in words if isinstance(w, str)]


def _words(raw: Any) -> tuple[str, ...]:
    return tuple(_norm(str(w)) for w in raw)


def _frac(raw: Any) -> tuple[int, int, int]:
    a, b, c = (int(x) for x in raw)
    if not 0 <= a < b <= c:
        raise ValueError(f"bad part {raw!r}")
    return a, b, c


def _build_lexicon(raw: dict[str, Any]) -> _Lexicon:
    months: dict[str, int] = {}
    full: set[str] = set()
    abbr: set[str] = set()
    for num, names in raw["months"].items():
        spellings = _words(names)
        full.add(spellings[0])
        abbr.update(spellings[1:])
        months.update(dict.fromkeys(spellings, int(num)))
    weekdays = {w: int(n) for n, names in raw["weekdays"].items() for w in _words(names)}
    units = {_norm(k): (str(v[0]), int(v[1])) for k, v in raw["units"].items()}
    if any(kind not in ("day", "week", "month", "year") for kind, _ in units.values()):
        raise ValueError("units must be day, week, month or year")
    offsets = {
        _norm(k): (int(v["sign"]), str(v["from"]) == "reference") for k, v in raw["offsets"].items()
    }
    return _Lexicon(
        months=months,
        full_months=frozenset(full),
        abbr_months=frozenset(abbr - full),
        ambiguous=frozenset(_words(raw["ambiguous_months"])),
        weekdays=weekdays,
        suffixes=_words(raw["ordinal_suffixes"]),
        context=frozenset(_words(raw["context_words"])),
        leading=frozenset(_words(raw["leading_words"])),
        between=(_words(raw["range_between"]["start"]), _words(raw["range_between"]["join"])),
        from_to=(_words(raw["range_from"]["start"]), _words(raw["range_from"]["join"])),
        since=_words(raw["range_since"]),
        numbers={_norm(str(k)): int(v) for k, v in raw["numbers"].items()},
        qualifiers=_words(raw["qualifiers"]),
        units=units,
        calendar_units={_norm(k): str(v) for k, v in raw["calendar_units"].items()},
        calendar_shift={_norm(k): int(v) for k, v in raw["calendar_shift"].items()},
        weekday_shift={_norm(k): int(v) for k, v in raw["weekday_shift"].items()},
        deictic={_norm(k): int(v) for k, v in raw["deictic"].items()},
        offsets=offsets,
        reference_shift={_norm(k): int(v) for k, v in raw["reference_shift"].items()},
        reference_days={_norm(k): int(v) for k, v in raw.get("reference_days", {}).items()},
        holidays={_norm(k): (int(v[0]), int(v[1])) for k, v in raw.get("holidays", {}).items()},
        duration_preps=_words(raw["duration_prepositions"]),
        duration_words={_norm(k): int(v) for k, v in raw["duration_words"].items()},
        period_edges={_norm(k): str(v) for k, v in raw["period_edges"].items()},
        part_prefixes={_norm(k): _frac(v) for k, v in raw["part_prefixes"].items()},
        part_nouns={_norm(k): _frac(v) for k, v in raw["part_nouns"].items()},
        seasons={_norm(k): (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
    )


# --- grammar ---------------------------------------------------------------------------------


def _alt(words: Any) -> str:
    """Alternation of phrases, longest first so the regex prefers the longest spelling."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + r")\b"


def _anon(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@dataclass(frozen=True)
class _Grammar:
    lex: _Lexicon
    fold: dict[int, int]
    master: re.Pattern[str]
    point_alone: re.Pattern[str]
    part: re.Pattern[str]
    season: re.Pattern[str]
    offset: re.Pattern[str]
    duration: re.Pattern[str]
    edge: re.Pattern[str]
    ref: re.Pattern[str]
    iso: re.Pattern[str]
    decade: re.Pattern[str]


# Where no date may begin: after a word character, an amount sign, a number's punctuation.
_NOT_AFTER = r"(?<![\w$£€#/.,:-])"
# Where a date may begin: a digit, or a run of letters that may be the first word of a phrase.
_WORD_START = re.compile(rf"{_NOT_AFTER}(?:(\d)|([^\W\d_]+))")


@functools.cache
def _grammar() -> _Grammar:
    try:
        text = resources.files("actorgraph").joinpath("data/lexicon/time.yaml").read_text("utf-8")
        lex = _build_lexicon(load_yaml_words(text))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(
            f"time lexicon data/lexicon/time.yaml is unusable ({exc}); restore or fix the file"
        ) from exc

    s = r"\s+"
    month_full = _alt(lex.full_months)
    month = rf"(?:{month_full}|{_alt(lex.abbr_months)}\.?)" if lex.abbr_months else month_full
    weekday = _alt(lex.weekdays)
    day = rf"(?:3[01]|[12]\d|0?[1-9])(?:{'|'.join(lex.suffixes)})?\b(?![.,:/]\d)"
    year_any = r"[12]\d{3}\b(?![.,:/]\d)"
    year_bare = r"(?:19|20)\d\d\b(?![.,:/]\d)"
    wshift = _alt(lex.weekday_shift)
    cshift = _alt(lex.calendar_shift)
    cunit = _alt(lex.calendar_units)
    iso = r"[12]\d{3}-[01]\d-[0-3]\d\b(?![-/]\d)"
    numeric = r"[0-3]?\d/[0-3]?\d/[12]\d{3}\b(?!/\d)"
    decade = r"(?:1\d|20)\d0'?s\b"
    point = "|".join(
        (
            rf"(?:{weekday},?{s})?(?:{month}{s}{day},?{s}{year_any}"
            rf"|{day}{s}(?:of{s})?{month},?{s}{year_any})",
            iso,
            numeric,
            rf"{month},?{s}(?:of{s})?{year_any}",
            rf"(?:{weekday},?{s})?(?:{month}{s}{day}|{day}{s}(?:of{s})?{month})",
            decade,
            rf"(?:{wshift}{s})?{weekday}",
            rf"{cshift}{s}{cunit}",
            rf"(?:{wshift}{s})?{month_full}",
            year_bare,
        )
    )
    point = f"(?:{point})"

    ones = [w for w, v in lex.numbers.items() if 1 <= v <= 9 and w not in ("a", "an")]
    tens = [w for w, v in lex.numbers.items() if v in range(20, 100, 10)]
    num = rf"(?:\d{{1,3}}\b|{_alt(tens)}[\s-]+{_alt(ones)}|{_alt(lex.numbers)})"
    qual = _alt(lex.qualifiers)
    unit = _alt(lex.units)
    parts = (
        rf"(?:(?P<pp>{_alt(lex.part_prefixes)})(?:{s}|\s*-\s*)"
        rf"|(?:the{s})?(?P<pn>{_alt(lex.part_nouns)}){s}of{s}(?:the{s})?)"
    )
    part = rf"{parts}(?P<pd>{point})"
    season = rf"(?P<sw>{_alt(lex.seasons)}){s}(?:of{s})?(?P<sy>{year_any})"
    offset = rf"(?:{qual}{s})?(?P<on>{num}){s}(?P<ou>{unit}){s}(?P<ow>{_alt(lex.offsets)})"
    duration = (
        rf"the{s}(?P<dw>{_alt(lex.duration_words)}){s}(?:{qual}{s})?"
        rf"(?:(?P<dn>{num}){s})?(?P<du>{unit})"
    )
    edge = rf"(?P<ew>{_alt(lex.period_edges)}){s}(?P<es>{cshift}){s}(?P<eu>{cunit})"
    ref = rf"(?P<rw>{_alt(lex.reference_shift)}){s}(?P<ru>{unit})"
    inner = rf"(?:{_anon(parts)})?{point}"
    lead = _alt(lex.leading | lex.context)
    master = "|".join(
        (
            rf"(?P<between>{_alt(lex.between[0])}{s}(?P<ba>{inner}){s}"
            rf"{_alt(lex.between[1])}{s}(?P<bb>{inner}))",
            rf"(?P<fromto>{_alt(lex.from_to[0])}{s}(?P<fa>{inner}){s}"
            rf"{_alt(lex.from_to[1])}{s}(?P<fb>{inner}))",
            rf"(?P<since>{_alt(lex.since)}{s}(?P<sd>{inner}))",
            # Before durations: "the next day" counts from the previous date, while "the next
            # two days" is a span from the anchor.
            rf"(?P<ref>{_anon(ref)})",
            *([rf"(?P<refday>{_alt(lex.reference_days)})"] if lex.reference_days else []),
            *([rf"(?P<holiday>{_alt(lex.holidays)})"] if lex.holidays else []),
            rf"(?:{_alt(lex.duration_preps)}{s})?(?P<duration>{_anon(duration)})",
            rf"(?P<edge>{_anon(edge)})",
            rf"(?P<deictic>{_alt(lex.deictic)})",
            rf"(?P<offset>{_anon(offset)})",
            rf"(?:(?P<lead>{lead}){s})?(?:(?P<part>{_anon(part)})|(?P<season>{_anon(season)})"
            rf"|(?P<pt>{point}))",
        )
    )
    # The look-behind keeps matches off word middles, amounts ("$2011"), numbering ("No. 2011",
    # "2016-2017") and clock times.
    master = rf"{_NOT_AFTER}(?:{master})"

    # Matching runs on a case-folded copy of the text: re.IGNORECASE makes the scan about three
    # times slower. The fold maps one character to one, so offsets carry over unchanged.
    chars = set(string.ascii_lowercase).union(*(set(w) for w in lex.all_words()))
    fold = {ord(c.upper()): ord(c) for c in chars if len(c.upper()) == 1 and c.upper() != c}

    # The compiled programs come from the data cache after the first run: compiling these
    # patterns was most of the grammar's cost (see compiled_patterns).
    sources = {"master": master, "point_alone": point, "part": part, "season": season,
               "offset": offset, "duration": duration, "edge": edge, "ref": ref, "iso": iso,
               "decade": decade}  # fmt: skip
    compiled = dict(
        zip(sources, compiled_patterns("regex-dates", list(sources.values())), strict=True)
    )
    return _Grammar(lex=lex, fold=fold, **compiled)


# --- specs: what the text says, before resolution ---------------------------------------------


@dataclass(frozen=True, slots=True)
class _Spec:
    kind: str
    y: int = 0
    m: int = 0
    d: int = 0
    n: int = 0
    unit: str = ""
    frac: tuple[int, int, int] = (0, 1, 1)
    parts: tuple[_Spec, ...] = ()
    ref: bool = False
    needs_context: bool = False

    @property
    def relative(self) -> bool:
        if self.kind in ("ymd", "ym", "y", "decade", "season"):
            return False
        if self.kind in ("part", "range"):
            return any(p.relative for p in self.parts)
        return True


_TOKEN = re.compile(r"[^\W\d_]+|\d+")


def _number(g: _Grammar, text: str) -> int | None:
    t = _norm(text)
    if t.isdigit():
        return int(t)
    if t in g.lex.numbers:
        return g.lex.numbers[t]
    pieces = re.split(r"[\s-]+", t)
    if len(pieces) == 2 and all(p in g.lex.numbers for p in pieces):
        return g.lex.numbers[pieces[0]] + g.lex.numbers[pieces[1]]
    return None


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _point_spec(g: _Grammar, text: str) -> _Spec | None:
    """Read a single-point expression (original case); None when it is not a date after all."""
    numeric = _numeric_spec(g, text)
    if numeric is not _WORDS:
        return numeric
    words = _scan_words(g.lex, text)
    return None if words is None else _words_spec(g.lex, words)


# Returned by `_numeric_spec` when the text is not written in digits alone, so the words are read.
_WORDS = _Spec("words")


def _numeric_spec(g: _Grammar, text: str) -> _Spec | None:
    """An ISO date, a slashed date or a decade; ``_WORDS`` when the text is none of these."""
    if g.iso.fullmatch(text):
        y, m, d = (int(x) for x in text.split("-"))
        return _Spec("ymd", y, m, d) if _valid(y, m, d) else None
    if "/" in text:
        a, b, y = (int(x) for x in text.split("/"))
        # Only an order that cannot be misread is accepted: one part above 12, or both equal.
        if a > 12 >= b:
            a, b = b, a
        elif not (b > 12 >= a or a == b):
            return None
        return _Spec("ymd", y, a, b) if _valid(y, a, b) else None
    if g.decade.fullmatch(text.translate(g.fold)):
        return _Spec("decade", int(text[:4]))
    return _WORDS


@dataclass(slots=True)
class _Words:
    """What the words of a point expression name, before they are combined."""

    month: int | None = None
    weekday: int | None = None
    day: int | None = None
    year: int | None = None
    shift_word: str | None = None
    unit: str | None = None
    ambiguous: bool = False


def _scan_words(lex: _Lexicon, text: str) -> _Words | None:
    """The parts a point expression names; None when a month or weekday name is not
    capitalised (a lower-case "may" is a verb, not a month)."""
    w = _Words()
    for tok in _TOKEN.findall(text):
        low = tok.lower()
        if low.isdigit():
            if len(low) == 4:
                w.year = int(low)
            else:
                w.day = int(low)
        elif low in lex.months and w.month is None:
            if not tok[0].isupper():
                return None
            w.month = lex.months[low]
            w.ambiguous = low in lex.ambiguous
        elif low in lex.weekdays:
            if not tok[0].isupper():
                return None
            w.weekday = lex.weekdays[low]
        elif low in lex.calendar_units:
            w.unit = lex.calendar_units[low]
        elif low in lex.weekday_shift or low in lex.calendar_shift:
            w.shift_word = low
    return w


def _words_spec(lex: _Lexicon, w: _Words) -> _Spec | None:
    """Combine the named parts, most specific first: a shifted period, a month (with its day
    or year), a weekday, a year alone."""
    shift = lex.weekday_shift.get(w.shift_word, 0) if w.shift_word else 0
    if w.unit is not None and w.shift_word is not None:
        return _Spec("shift", n=lex.calendar_shift.get(w.shift_word, 0), unit=w.unit)
    if w.month is not None:
        return _month_spec(w, shift)
    if w.weekday is not None:
        return _Spec("weekday", d=w.weekday, n=shift)
    if w.year is not None:
        return _Spec("y", w.year, needs_context=True)
    return None


def _month_spec(w: _Words, shift: int) -> _Spec | None:
    assert w.month is not None
    if w.day is not None:
        if not _valid(2000 if w.year is None else w.year, w.month, w.day):
            return None
        if w.year is None:
            return _Spec("md", m=w.month, d=w.day)
        return _Spec("ymd", w.year, w.month, w.day)
    if w.year is not None:
        return _Spec("ym", w.year, w.month)
    return _Spec("m", m=w.month, n=shift, needs_context=w.ambiguous and shift == 0)


def _inner_spec(g: _Grammar, text: str) -> _Spec | None:
    """A date inside a range or after "since": a point, optionally with a part ("early 2015")."""
    pm = g.part.fullmatch(text.translate(g.fold))
    if pm:
        return _part_spec(g, pm, text)
    return _point_spec(g, text)


def _part_spec(g: _Grammar, pm: re.Match[str], text: str) -> _Spec | None:
    """``pm`` matched the case-folded ``text``; month names are checked in the original."""
    inner = _point_spec(g, text[pm.start("pd") : pm.end("pd")])
    if inner is None:
        return None
    frac = g.lex.part_prefixes[_norm(pm["pp"])] if pm["pp"] else g.lex.part_nouns[_norm(pm["pn"])]
    return _Spec("part", frac=frac, parts=(inner,))


def _with_year(a: _Spec, b: _Spec) -> _Spec:
    """ "from March to June 2015": the first date borrows the second one's year."""
    if a.kind not in ("md", "m") or b.kind not in ("ymd", "ym"):
        return a
    y = b.y - 1 if (a.m, a.d) > (b.m, b.d or 31) else b.y
    if a.kind == "m":
        return _Spec("ym", y, a.m)
    return _Spec("ymd", y, a.m, a.d) if _valid(y, a.m, a.d) else a


_Read = tuple[_Spec | None, int, int]
_NOTHING: _Read = (None, 0, 0)


def _spec(g: _Grammar, m: re.Match[str], text: str) -> _Read:
    """Interpret a match on the case-folded text; ``text`` is the original."""
    kind = m.lastgroup
    reader = _READERS.get(kind or "", _read_point)
    return reader(g, m, text, kind or "")


def _orig(m: re.Match[str], text: str, name: str) -> str:
    return text[m.start(name) : m.end(name)]


def _read_range(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    a_name, b_name = ("ba", "bb") if kind == "between" else ("fa", "fb")
    a, b = _inner_spec(g, _orig(m, text, a_name)), _inner_spec(g, _orig(m, text, b_name))
    if a is None or b is None:
        return _NOTHING
    return _Spec("range", parts=(_with_year(a, b), b)), *m.span(kind)


def _read_since(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    inner = _inner_spec(g, _orig(m, text, "sd"))
    return (_Spec("since", parts=(inner,)) if inner else None), *m.span(kind)


def _read_duration(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    dm = g.duration.fullmatch(m[kind])
    if dm is None:
        return _NOTHING
    n = _number(g, dm["dn"]) if dm["dn"] else 1
    ukind, count = g.lex.units[_norm(dm["du"])]
    sign = g.lex.duration_words[_norm(dm["dw"])]
    spec = _Spec("duration", n=sign * (n or 0) * count, unit=ukind) if n else None
    return spec, *m.span(kind)


def _read_edge(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    em = g.edge.fullmatch(m[kind])
    if em is None:
        return _NOTHING
    side = g.lex.period_edges[_norm(em["ew"])]
    spec = _Spec(
        "edge",
        n=g.lex.calendar_shift[_norm(em["es"])],
        unit=g.lex.calendar_units[_norm(em["eu"])],
        frac=(0, 1, 1) if side == "start" else (1, 1, 1),
    )
    return spec, *m.span(kind)


def _read_ref(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    rm = g.ref.fullmatch(m[kind])
    if rm is None:
        return _NOTHING
    ukind, count = g.lex.units[_norm(rm["ru"])]
    n = g.lex.reference_shift[_norm(rm["rw"])] * count
    return _Spec("offset", n=n, unit=ukind, ref=True), *m.span(kind)


def _read_deictic(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    return _Spec("deictic", n=g.lex.deictic[_norm(m[kind])]), *m.span(kind)


def _read_refday(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    n = g.lex.reference_days[_norm(m[kind])]
    return _Spec("offset", n=n, unit="day", ref=True), *m.span(kind)


def _read_holiday(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    month, day = g.lex.holidays[_norm(m[kind])]
    return _Spec("md", m=month, d=day), *m.span(kind)


def _read_offset(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    om = g.offset.fullmatch(m[kind])
    if om is None:
        return _NOTHING
    n = _number(g, om["on"])
    ukind, count = g.lex.units[_norm(om["ou"])]
    sign, ref = g.lex.offsets[_norm(om["ow"])]
    spec = _Spec("offset", n=sign * n * count, unit=ukind, ref=ref) if n else None
    return spec, *m.span(kind)


def _read_part(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    pm = g.part.fullmatch(m[kind])
    return (_part_spec(g, pm, _orig(m, text, kind)) if pm else None), *m.span(kind)


def _read_season(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    sm = g.season.fullmatch(m[kind])
    if sm is None:
        return _NOTHING
    first, last = g.lex.seasons[_norm(sm["sw"])]
    return _Spec("season", int(sm["sy"]), first, last), *m.span(kind)


def _read_point(g: _Grammar, m: re.Match[str], text: str, kind: str) -> _Read:
    """A point, possibly after a leading word that is not part of the mention; a point that
    needs a context word ("in 2011", "in May") is dropped without one."""
    lead = _norm(m["lead"]) if m["lead"] else None
    spec = _point_spec(g, _orig(m, text, "pt"))
    if spec is not None and spec.needs_context and lead not in g.lex.context:
        spec = None
    return spec, *m.span("pt")


# The master pattern's named alternatives and how each is read; anything else is a point.
_READERS: dict[str, Callable[[_Grammar, re.Match[str], str, str], _Read]] = {
    "between": _read_range,
    "fromto": _read_range,
    "since": _read_since,
    "duration": _read_duration,
    "edge": _read_edge,
    "ref": _read_ref,
    "deictic": _read_deictic,
    "refday": _read_refday,
    "holiday": _read_holiday,
    "offset": _read_offset,
    "part": _read_part,
    "season": _read_season,
}


# --- resolution ------------------------------------------------------------------------------


def _year_for(m: int, d: int, ref: date) -> int:
    limit = ref + timedelta(days=_FUTURE_DAYS)
    # Eight years back always reaches a leap year, so 29 February resolves too.
    for y in range(limit.year, limit.year - 9, -1):
        if _valid(y, m, d) and date(y, m, d) <= limit:
            return y
    raise ValueError("no such day")


def _slice(p: _P, frac: tuple[int, int, int]) -> _Res:
    a, b, c = frac
    if p.level == _YEAR:
        n = 12
        i, j = a * n // c, max(a * n // c, b * n // c - 1)
        return _Res(_P(p.y, i + 1), _P(p.y, j + 1))
    assert p.m is not None
    n = calendar.monthrange(p.y, p.m)[1]
    i, j = a * n // c, max(a * n // c, b * n // c - 1)
    return _Res(_P(p.y, p.m, i + 1), _P(p.y, p.m, j + 1))


def _eval(spec: _Spec, ref: date) -> _Res:
    evaluate = _EVALUATORS.get(spec.kind)
    if evaluate is None:
        raise AssertionError(f"unknown spec kind {spec.kind}")
    return evaluate(spec, ref)


def _eval_season(spec: _Spec, ref: date) -> _Res:
    # A season whose last month comes before its first runs into the next year.
    end_year = spec.y + 1 if spec.d < spec.m else spec.y
    return _Res(_P(spec.y, spec.m), _P(end_year, spec.d))


def _eval_month(spec: _Spec, ref: date) -> _Res:
    if spec.n == 0:
        return _point(_P(_year_for(spec.m, 1, ref), spec.m))
    if spec.n < 0:
        return _point(_P(ref.year if spec.m < ref.month else ref.year - 1, spec.m))
    return _point(_P(ref.year if spec.m > ref.month else ref.year + 1, spec.m))


def _eval_weekday(spec: _Spec, ref: date) -> _Res:
    if spec.n > 0:
        return _point(_day(ref + timedelta(days=(spec.d - ref.weekday()) % 7 or 7)))
    back = (ref.weekday() - spec.d) % 7
    if spec.n < 0 and back == 0:
        back = 7
    return _point(_day(ref - timedelta(days=back)))


def _eval_shift(spec: _Spec, ref: date) -> _Res:
    return _calendar_period(spec.unit, spec.n, ref)


def _eval_edge(spec: _Spec, ref: date) -> _Res:
    whole = _calendar_period(spec.unit, spec.n, ref)
    if spec.n != 0:
        return whole
    # "earlier this year" runs to the anchor at month precision, "earlier this month" at day.
    if spec.unit == "year":
        now, start, end = _P(ref.year, ref.month), _P(ref.year, 1), _P(ref.year, 12)
    elif spec.unit == "month":
        start, end = _day(whole.start.lo()), _day(whole.end.hi())
        now = _day(ref)
    else:
        now, start, end = _day(ref), whole.start, whole.end
    return _span(start, now) if spec.frac[0] == 0 else _span(now, end)


def _eval_part(spec: _Spec, ref: date) -> _Res:
    inner = _eval(spec.parts[0], ref)
    if inner.is_point and inner.start.level < _DAY:
        return _slice(inner.start, spec.frac)
    if inner.start.level == _YEAR and inner.end.level == _YEAR and not inner.is_point:
        a, b, c = spec.frac
        n = inner.end.y - inner.start.y + 1
        i, j = a * n // c, max(a * n // c, b * n // c - 1)
        return _Res(_P(inner.start.y + i), _P(inner.start.y + j))
    return inner


def _eval_range(spec: _Spec, ref: date) -> _Res:
    first, second = (_eval(p, ref) for p in spec.parts)
    return _span(first.start, second.end)


# How each kind of spec becomes a calendar value, given the reference day.
_EVALUATORS: dict[str, Callable[[_Spec, date], _Res]] = {
    "ymd": lambda s, ref: _point(_P(s.y, s.m, s.d)),
    "ym": lambda s, ref: _point(_P(s.y, s.m)),
    "y": lambda s, ref: _point(_P(s.y)),
    "decade": lambda s, ref: _Res(_P(s.y), _P(s.y + 9)),
    "season": _eval_season,
    "md": lambda s, ref: _point(_P(_year_for(s.m, s.d, ref), s.m, s.d)),
    "m": _eval_month,
    "weekday": _eval_weekday,
    "deictic": lambda s, ref: _point(_day(ref + timedelta(days=s.n))),
    "shift": _eval_shift,
    "edge": _eval_edge,
    "offset": lambda s, ref: _point(_moved(s.unit, s.n, ref)),
    "duration": lambda s, ref: _span(_moved(s.unit, s.n, ref), _moved(s.unit, 0, ref)),
    "part": _eval_part,
    "since": lambda s, ref: _span(_eval(s.parts[0], ref).start, _day(ref)),
    "range": _eval_range,
}


def _calendar_period(unit: str, n: int, ref: date) -> _Res:
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=n)
        return _Res(_day(monday), _day(monday + timedelta(days=6)))
    if unit == "month":
        return _point(_month(ref.year, ref.month + n))
    return _point(_P(ref.year + n))


def _moved(unit: str, n: int, ref: date) -> _P:
    if unit == "day":
        return _day(ref + timedelta(days=n))
    if unit == "week":
        return _day(ref + timedelta(weeks=n))
    if unit == "month":
        return _month(ref.year, ref.month + n)
    return _P(ref.year + n)


_Ref = tuple[date, date, int]


def _resolve(spec: _Spec, ref: _Ref | None) -> _Res | None:
    if not spec.relative:
        return _eval(spec, date(2000, 1, 1))
    if ref is None:
        return None
    lo, hi, level = ref
    first = _eval(spec, lo)
    if lo == hi:
        return first
    last = _eval(spec, hi)
    if first == last:
        return first
    start, end = first.start.coarsen(level), last.end.coarsen(level)
    return _Res(start, end) if start != end else _point(start)


# --- public functions ------------------------------------------------------------------------


def weekday_ahead(m: DateMention, anchor: Anchor | None) -> DateMention:
    """A bare weekday said of something still to come ("will free him on Friday") is the next
    one after the publication day, not the latest one before it."""
    if anchor is None or m.value is None or m.precision != "day":
        return m
    words = [w.lower() for w in _TOKEN.findall(m.text)]
    if len(words) != 1 or words[0] not in _grammar().lex.weekdays:
        return m
    p = anchor._p()
    if p.level != _DAY:
        return m
    day = date.fromisoformat(m.value)
    if day >= p.lo():
        return m
    ahead = day + timedelta(days=7)
    return replace(m, value=ahead.isoformat())


def find_dates(text: str, anchor: Anchor | None, *, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text``, left to right, non-overlapping, longest first.

    ``offset`` is added to the returned positions so a caller can pass one sentence and get
    document offsets.
    """
    g = _grammar()
    anchor_ref: _Ref | None = None
    if anchor is not None:
        p = anchor._p()
        anchor_ref = (p.lo(), p.hi(), p.level)
    previous: _Ref | None = None
    found: list[DateMention] = []
    pos = 0
    match = g.master.match
    folded = text.translate(g.fold)
    for at in _starts(folded):
        if at < pos or (m := match(folded, at)) is None:
            continue
        spec, start, end = _spec(g, m, text)
        if spec is None:
            # The match was not a date ("X May respond": a name, then a verb); something shorter
            # may start later.
            pos = m.start() + 1
            continue
        pos = end
        try:
            res = _resolve(spec, (previous or anchor_ref) if spec.ref else anchor_ref)
        except (ValueError, OverflowError):
            res = None
        if res is not None and res.is_point:
            previous = (res.start.lo(), res.start.hi(), res.start.level)
        found.append(
            DateMention(
                start=start + offset,
                end=end + offset,
                text=text[start:end],
                value=res.value if res else None,
                precision=res.precision if res else "unknown",
                relative=spec.relative,
            )
        )
    return found


def _starts(folded: str) -> list[int]:
    """The places in the folded text where a date expression may begin, in order: each digit
    and each word that is the first word of a phrase of the time lexicon (or "the"). Trying the
    master pattern only there finds what ``search`` finds, at a fraction of the cost: a search
    tries every alternative of the grammar at every word of the text."""
    firsts = _first_words()
    return [
        m.start()
        for m in _WORD_START.finditer(folded)
        if firsts is None or m.group(1) or m.group(2) in firsts
    ]


@functools.cache
def _first_words() -> frozenset[str] | None:
    """The letters each phrase of the time lexicon begins with, up to its first non-letter
    ("mid" of "mid-"); None when a phrase begins with a sign, and every word must be tried."""
    firsts = {"the"}  # the grammar's own: "the next two days", "the end of"
    for w in _grammar().lex.all_words():
        m = _WORD_START.match(w)
        if m is None:
            return None
        if m.group(2):
            firsts.add(m.group(2))
    return frozenset(firsts)
