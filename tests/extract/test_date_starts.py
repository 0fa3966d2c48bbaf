"""The date scan tries the grammar only where a date may begin; it must find what a plain
search of the whole text finds (the oracle below), on any text made of the lexicon's words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from actorgraph.extract import dates
from actorgraph.extract.dates import _grammar, _starts, find_dates, parse_anchor


def _searched(text: str) -> list[tuple[int, int]]:
    """Spans of the master pattern's matches found by ``search`` from each position on."""
    g = _grammar()
    folded = text.translate(g.fold)
    out, pos = [], 0
    while (m := g.master.search(folded, pos)) is not None:
        out.append((m.start(), m.end()))
        pos = m.start() + 1
    return out


def _tried(text: str) -> list[tuple[int, int]]:
    g = _grammar()
    folded = text.translate(g.fold)
    return [(m.start(), m.end()) for at in _starts(folded) if (m := g.master.match(folded, at))]


_WORDS = [*sorted(_grammar().lex.all_words()), "Aid", "convoy", "2019", "12", "3rd", "$5", "No."]
_SEPS = st.sampled_from([" ", "  ", ", ", "-", ".", " (", "\n", "/"])


@st.composite
def _texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12))
    words = [w.upper() if draw(st.booleans()) and len(w) > 3 else w for w in words]
    return "".join(w + draw(_SEPS) for w in words)


@settings(max_examples=300, deadline=None)
@given(_texts())
def test_every_match_of_a_search_starts_where_the_scan_tries(text: str) -> None:
    assert _tried(text) == _searched(text)


def test_dates_found_as_before_in_sentences() -> None:
    anchor = parse_anchor("2023-05-10")
    text = (
        "The mayor said on Monday that talks held between 3 and 5 March 2023 had stalled. "
        "Two days later, in mid-April, the council met again; a week ago it set a vote for "
        "the end of June."
    )
    got = [(d.text, d.value) for d in find_dates(text, anchor)]
    assert ("5 March 2023", "2023-03-05") in got
    assert ("a week ago", "2023-05-03") in got
    assert any(t == "mid-April" for t, _ in got)


def test_a_phrase_beginning_with_a_sign_makes_every_word_a_start(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    lex = _grammar().lex
    monkeypatch.setattr(type(lex), "all_words", lambda self: ["'tis the season"])
    dates._first_words.cache_clear()
    try:
        assert dates._first_words() is None
        assert len(_starts("so one of the two")) == 5
    finally:
        monkeypatch.undo()
        dates._first_words.cache_clear()
