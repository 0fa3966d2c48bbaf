"""Long documents: parsed in pieces under the model's limit, offsets over the whole text."""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from actorgraph.cli import app
from actorgraph.errors import InputError
from actorgraph.extract import Extractor
from actorgraph.ingest.text import MAX_DOCUMENT_CHARS
from actorgraph.nlp.pieces import piece_bounds
from actorgraph.records import Document, ExtractionRecord


def _corpus() -> Path | None:
    """The shared BBC corpus next to the checkout (``ACTORGRAPH_CORPUS`` names another)."""
    given = os.environ.get("ACTORGRAPH_CORPUS")
    if given:
        return Path(given) if Path(given).is_dir() else None
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "corpus" / "bbc"
        if candidate.is_dir():
            return candidate
    return None


# -- cutting ---------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [5, 17, 40, 1000])
def test_pieces_cover_the_text_exactly_and_respect_the_limit(limit: int) -> None:
    rng = random.Random(limit)
    words = ["alpha", "beta.", "gamma!\n", "delta\n\n", "x" * 30, "  "]
    text = " ".join(rng.choice(words) for _ in range(400))
    bounds = list(piece_bounds(text, limit))
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(0 < end - start <= limit for start, end in bounds)


def test_pieces_end_at_a_paragraph_break_before_a_sentence_end() -> None:
    para = "The council met in the morning. It adjourned at noon.\n\n"
    text = para * 10
    for start, end in piece_bounds(text, 150):
        if end < len(text):
            assert text[:end].endswith("\n\n"), (start, end)


def test_pieces_fall_back_to_sentence_ends_then_spaces() -> None:
    text = "One short sentence here. " * 20
    for _, end in list(piece_bounds(text, 60))[:-1]:
        assert text[:end].endswith(". ")
    spaced = "word " * 50
    for _, end in list(piece_bounds(spaced, 23))[:-1]:
        assert spaced[:end].endswith(" ")


def test_a_text_without_whitespace_is_still_cut() -> None:
    assert list(piece_bounds("x" * 25, 10)) == [(0, 10), (10, 20), (20, 25)]


# -- extraction in pieces --------------------------------------------------------------------

PARAGRAPHS = [
    "On 4 March 2021 Norland accused France of spying on its ministries.",
    "Tomas Varga, the chairman of the Red Dawn Front, met Elena Brook in Vessa on Tuesday.",
    "The talks were described as difficult by officials in Brenna.",
    "Two days later Varga threatened to leave the talks.",
    "Elena Brook visited Germany in May and praised its government.",
    "Norland expelled two French diplomats the following week.",
]


def _doc(text: str) -> Document:
    return Document(
        text=text, source="long-test", published="2021-03-01", published_source="option"
    )


def _signature(rec: ExtractionRecord) -> tuple[object, ...]:
    names = {a.id: a.name for a in rec.actors}
    actors = sorted(
        (a.name, a.type, tuple((m.start, m.end) for m in a.mentions)) for a in rec.actors
    )
    events = sorted(
        (
            e.type,
            tuple(sorted(names[x] for x in e.source)),
            tuple(sorted(names[x] for x in e.target)),
            e.date.value,
            e.evidence.start,
            e.evidence.end,
        )
        for e in rec.events
    )
    return actors, events


def test_pieces_give_the_record_of_the_whole_text(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "\n\n".join(PARAGRAPHS) + "\n"
    whole = extractor.extract(_doc(text))
    # Cut after every paragraph or two: dates ("Two days later", "the following week") and
    # short names ("Varga") must still be read against the earlier pieces.
    monkeypatch.setattr(extractor, "piece_chars", 120)
    assert len(list(piece_bounds(text, 120))) >= 4
    pieced = extractor.extract(_doc(text))
    assert whole.events, "the sentences should give events"
    assert _signature(pieced) == _signature(whole)
    for e in pieced.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text


def test_a_document_over_the_limit_is_refused_with_one_line(extractor: Extractor) -> None:
    text = "a" * (MAX_DOCUMENT_CHARS + 1)
    with pytest.raises(InputError) as caught:
        extractor.extract(_doc(text))
    assert "\n" not in str(caught.value) and "characters" in str(caught.value)
    # extract_each reports it and goes on with the next document.
    out = list(extractor.extract_each([_doc(text), _doc(PARAGRAPHS[0])]))
    assert isinstance(out[0][1], InputError)
    assert isinstance(out[1][1], ExtractionRecord) and out[1][1].events


@pytest.fixture(scope="module")
def three_mb() -> str:
    root = _corpus()
    if root is None:
        pytest.skip("the shared BBC corpus (../shared/corpus/bbc) is not next to this checkout")
    parts: list[str] = []
    size = 0
    for path in sorted(root.glob("*/*.txt")):
        article = path.read_text(encoding="utf-8").strip()
        parts.append(article)
        size += len(article) + 2
        if size >= 3_000_000:
            break
    return "\n\n".join(parts) + "\n"


def test_a_three_megabyte_text_of_real_articles(three_mb: str, tmp_path: Path) -> None:
    """``actorgraph extract`` as a user runs it, on a text three times what spaCy takes."""
    path = tmp_path / "book.txt"
    path.write_text(three_mb, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rec = json.loads(result.stdout)
    text = three_mb
    assert len(text) > 3_000_000 and rec["document"]["chars"] == len(text)
    for e in rec["events"]:
        assert text[e["evidence"]["start"] : e["evidence"]["end"]] == e["evidence"]["text"]
    for a in rec["actors"]:
        for m in a["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    # Events throughout: every tenth of the text reports some.
    tenths = {e["evidence"]["start"] * 10 // len(text) for e in rec["events"]}
    assert tenths == set(range(10)), sorted(tenths)
