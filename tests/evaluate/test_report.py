"""Totals over several files, the text report, the JSON form and the evaluate() driver."""

from __future__ import annotations

from pathlib import Path

import pytest
from evaluate_helpers import ARTICLE, actor, event, record, toy_actors, toy_gold, write_gold

from actorgraph.errors import GoldFileError
from actorgraph.evaluate import (
    EvaluationReport,
    FileScore,
    evaluate,
    format_report,
    score,
    summarize,
)
from actorgraph.records import Document, ExtractionRecord


def _two_files(tmp_path: Path) -> list[FileScore]:
    gold_a = toy_gold(tmp_path / "a")
    gold_b = toy_gold(tmp_path / "b")
    perfect = score(gold_a, record(toy_actors(), events=[event("e1", "CONSULT", ["p1"], ["s2"])]))
    poor = score(
        gold_b,
        record(
            [*toy_actors()[:3], actor("x", "Eastvale", "state")],
            events=[event("e1", "CONSULT", ["p1"], ["s2"], when="2023-04-01")],
        ),
    )
    return [perfect, poor]


def test_micro_average_sums_counts(tmp_path: Path) -> None:
    files = _two_files(tmp_path)
    assert [(f.actors.tp, f.actors.fp, f.actors.fn) for f in files] == [(6, 0, 0), (3, 1, 3)]
    report = summarize(files)
    assert (report.actors.tp, report.actors.fp, report.actors.fn) == (9, 1, 3)
    assert report.actors.precision == 9 / 10
    assert report.actors.recall == 9 / 12
    # Micro, not macro: the mean of the two files' precisions would be (1 + 3/4) / 2.
    assert report.actors.precision != pytest.approx((1 + 3 / 4) / 2)
    assert (report.events.tp, report.events.fn) == (2, 4)
    assert (report.accuracy.event_date.correct, report.accuracy.event_date.scored) == (0, 2)
    assert report.files == files
    assert report.actors.misses == []  # totals carry counts only; the lists stay per file


def test_format_report(tmp_path: Path) -> None:
    report = summarize(_two_files(tmp_path))
    text = format_report(report)
    assert "2 gold files" in text
    actors_row = next(line for line in text.splitlines() if line.startswith("actors"))
    assert actors_row.split() == ["actors", "9", "1", "3", "0", "0", "0.900", "0.750", "0.818"]
    assert "Eastvale (state)" in text  # spurious actor listed
    assert "Port Vale (place)" in text  # missed actor listed
    assert "The Ridge Front vowed more attacks" in text  # evidence of a missed event
    short = format_report(report, details=False)
    assert "Eastvale" not in short
    assert short.splitlines()[0] == text.splitlines()[0]


def test_report_json_round_trip(tmp_path: Path) -> None:
    report = summarize(_two_files(tmp_path))
    dumped = report.model_dump_json(indent=2)
    assert '"precision"' in dumped and '"f1"' in dumped
    again = EvaluationReport.model_validate_json(dumped)
    assert again.actors.tp == report.actors.tp
    assert again.files[1].actors.spurious[0].label == "Eastvale (state)"


def test_undefined_ratios_are_none(tmp_path: Path) -> None:
    result = score(toy_gold(tmp_path), record([]))
    assert result.actors.precision is None
    assert result.actors.recall == 0.0
    assert result.accuracy.place.value is None
    assert "-" in format_report(summarize([result]))


def test_evaluate_reads_documents_and_scores(tmp_path: Path) -> None:
    pytest.importorskip("actorgraph.ingest")
    seen: list[Document] = []

    def extract(doc: Document) -> ExtractionRecord:
        seen.append(doc)
        # A stand-in extractor: keeps the toy actors whose name occurs in the text.
        return record([a for a in toy_actors() if a.name.split()[-1] in doc.text])

    paths = [write_gold(tmp_path / "one"), write_gold(tmp_path / "two")]
    report = evaluate(paths, extract)
    assert len(seen) == 2
    assert seen[0].text.strip() == ARTICLE
    assert seen[0].published == "2023-05"
    assert [f.gold for f in report.files] == [str(p) for p in paths]
    assert report.actors.tp == 12
    assert report.actors.fn == 0


def test_evaluate_reports_bad_gold(tmp_path: Path) -> None:
    bad = write_gold(tmp_path, "document: {file: article.txt}\nactors: [{name: X}]\n")
    with pytest.raises(GoldFileError, match="actor 1"):
        evaluate([bad], lambda doc: record([]))
