"""Headline and dateline of plain-text articles."""

from __future__ import annotations

from pathlib import Path

from actorgraph.ingest import read_file


def test_dateline_gives_the_publication_date(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Ports reopen\nHarbour Desk - 3 March 2021\n\nShips left on Tuesday.\n")
    (doc,) = read_file(f)
    assert doc.published == "2021-03-03" and doc.published_source == "text"
    assert doc.title == "Ports reopen"


def test_option_beats_the_dateline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Ports reopen\nHarbour Desk - 3 March 2021\n\nShips left.\n")
    (doc,) = read_file(f, published="2021-03-05")
    assert doc.published == "2021-03-05" and doc.published_source == "option"


def test_relative_date_in_the_first_lines_is_no_dateline(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Ports reopen\n\nShips left on Tuesday, officials said.\n")
    (doc,) = read_file(f)
    assert doc.published is None and doc.published_source == "none"


def test_repeated_short_line_of_a_saved_page_is_the_title(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text(
        "Skip to content\nMenu\n\nHarbours of the North Reopen\n\nFiled under: ports\n\n"
        "Harbours of the North Reopen\n\nShips left the harbour on Tuesday morning.\n"
    )
    (doc,) = read_file(f)
    assert doc.title == "Harbours of the North Reopen"
