"""Which lines are running prose (sentences written for these tests)."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.ingest.prose import nonprose_lines
from actorgraph.records import ExtractionRecord

Run = Callable[..., ExtractionRecord]


def lines(text: str) -> list[str]:
    return [text[a:b] for a, b in nonprose_lines(text)]


def test_a_sentence_that_lost_its_full_stop_is_prose_but_the_title_is_not() -> None:
    text = (
        "Ports reopen after the storm\n\n"
        "Ships left the harbour on Tuesday after a week of high winds and heavy rain\n"
        "Contact us\n"
    )
    assert lines(text) == ["Ports reopen after the storm", "Contact us"]


def test_a_heading_in_title_case_is_no_prose() -> None:
    text = "The council met.\nAttitudes, Statements and Actions Concerning the Border Region\n"
    assert lines(text) == ["Attitudes, Statements and Actions Concerning the Border Region"]


ROW = (
    "Release Date | Revised May 3, 2020 | Report Number | R1234 | Report Type | Brief | "
    "Authors | Karel Mastny; Ana Vilk | Source Agency | Research Service | Pages | 3 | Topic | "
    "Ports"
)


def test_a_table_row_of_cells_is_no_prose_however_long() -> None:
    assert lines(ROW + "\nThe council met on Monday.\n") == [ROW]


def test_names_in_a_table_row_make_no_actor(run: Run) -> None:
    rec = run(ROW + "\n\nThe Red Dawn Front shelled Vessa.\n")
    assert not [a for a in rec.actors if a.type == "person"]


def test_a_line_that_ends_a_sentence_before_a_heading_mark_is_prose() -> None:
    text = "The convoy was hit near Vessa on Monday, killing four guards. ==Casualties==\nMore.\n"
    assert lines(text) == []
    # a short title with an abbreviation stays a heading
    assert lines("Mr. Vilk Returns to Brenna\nThe council met.\n") == ["Mr. Vilk Returns to Brenna"]
