"""JSONL corpora: one document per line, bad lines reported one by one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from actorgraph.errors import InputError
from actorgraph.ingest import ReadProblem, iter_documents, read_file

Write = Callable[[str, bytes | str], Path]

GOOD_ONE = {
    "text": "Fishermen in Wrenmoor protested against the new quota on Friday.\r\nMore follows.",
    "url": "https://news.example.net/quota",
    "title": "Quota protest",
    "published": "2022-09-02",
    "publisher": "Island Herald",
}
GOOD_TWO = {"text": "The island council postponed its budget vote."}


def _corpus(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_good_lines_become_documents(write: Write) -> None:
    path = write("corpus.jsonl", _corpus(json.dumps(GOOD_ONE), "", json.dumps(GOOD_TWO)))
    first, second = read_file(path)
    assert (
        first.text
        == "Fishermen in Wrenmoor protested against the new quota on Friday.\nMore follows."
    )
    assert first.source == f"{path}#L1"
    assert (first.url, first.title, first.publisher) == (
        GOOD_ONE["url"],
        GOOD_ONE["title"],
        GOOD_ONE["publisher"],
    )
    assert (first.published, first.published_source) == ("2022-09-02", "jsonl")
    assert first.format == "jsonl"
    assert second.source == f"{path}#L3"
    assert (second.published, second.published_source) == (None, "none")


def test_published_option_overrides_jsonl(write: Write) -> None:
    path = write("corpus.jsonl", _corpus(json.dumps(GOOD_ONE)))
    [document] = read_file(path, published="2023-01-15")
    assert (document.published, document.published_source) == ("2023-01-15", "option")


def test_timestamp_is_cut_to_a_date(write: Write) -> None:
    line = json.dumps({"text": "Harbour reopened.", "published": "2022-09-02T08:15:00Z"})
    [document] = read_file(write("c.jsonl", line))
    assert document.published == "2022-09-02"


BAD_LINES = [
    ('{"text": "unfinished', "not valid JSON"),
    ('{"title": "no body"}', 'no "text"'),
    ('{"text": "   "}', 'no "text"'),
    ('["text", "a list"]', "not a JSON object"),
    ('{"text": "Dated badly.", "published": "last Tuesday"}', 'invalid "published"'),
    ('{"text": "Dated badly.", "published": "2022-02-30"}', 'invalid "published"'),
    ('{"text": "Odd title.", "title": 42}', 'non-string "title"'),
]


@pytest.mark.parametrize(("line", "expected"), BAD_LINES)
def test_bad_line_is_a_problem_not_a_failure(write: Write, line: str, expected: str) -> None:
    path = write("mixed.jsonl", _corpus(json.dumps(GOOD_ONE), line, json.dumps(GOOD_TWO)))
    items = list(iter_documents([str(path)]))
    assert [type(item).__name__ for item in items] == ["Document", "ReadProblem", "Document"]
    problem = items[1]
    assert isinstance(problem, ReadProblem)
    assert problem.source == f"{path}#L2"
    assert expected in problem.message


def test_read_file_collects_line_problems_when_asked(write: Write) -> None:
    path = write("mixed.jsonl", _corpus(json.dumps(GOOD_ONE), "{broken", json.dumps(GOOD_TWO)))
    problems: list[ReadProblem] = []
    documents = read_file(path, problems=problems)
    assert len(documents) == 2
    assert [problem.source for problem in problems] == [f"{path}#L2"]


def test_read_file_raises_on_a_bad_line_by_default(write: Write) -> None:
    path = write("mixed.jsonl", _corpus(json.dumps(GOOD_ONE), "{broken"))
    with pytest.raises(InputError, match="line 2"):
        read_file(path)


def test_non_utf8_line_is_a_problem(write: Write) -> None:
    data = json.dumps(GOOD_TWO).encode() + b"\n" + '{"text": "café"}'.encode("latin-1") + b"\n"
    items = list(iter_documents([str(write("enc.jsonl", data))]))
    assert isinstance(items[0], ReadProblem) is False
    assert isinstance(items[1], ReadProblem)
    assert "UTF-8" in items[1].message


def test_bom_on_first_line_is_accepted(write: Write) -> None:
    path = write("bom.jsonl", b"\xef\xbb\xbf" + json.dumps(GOOD_TWO).encode() + b"\n")
    [document] = read_file(path)
    assert document.text == GOOD_TWO["text"]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_jsonl_is_rejected(write: Write, content: bytes) -> None:
    with pytest.raises(InputError, match="is empty"):
        read_file(write("none.jsonl", content))


def test_binary_jsonl_is_rejected(write: Write) -> None:
    with pytest.raises(InputError, match="binary"):
        read_file(write("blob.jsonl", b"\x00\x01\x02" * 100))
