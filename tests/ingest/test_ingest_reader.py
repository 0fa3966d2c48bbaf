"""Folders, glob patterns, missing paths and option validation."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from ingest_helpers import ARTICLE_PARAGRAPHS, article_page, make_pdf

from actorgraph.errors import ConfigError, InputError
from actorgraph.ingest import ReadProblem, iter_documents, read_file
from actorgraph.records import Document

Write = Callable[[str, bytes | str], Path]


def _split(items: list[Document | ReadProblem]) -> tuple[list[Document], list[ReadProblem]]:
    documents = [item for item in items if isinstance(item, Document)]
    problems = [item for item in items if isinstance(item, ReadProblem)]
    assert len(documents) + len(problems) == len(items)
    return documents, problems


@pytest.fixture
def mixed_folder(write: Write, tmp_path: Path) -> Path:
    """A folder of good, bad, hidden and unsupported files, some in a subfolder."""
    write("news/a-note.txt", "Ferry talks resume\nBoth sides met again.\n")
    write("news/b-page.html", article_page())
    write("news/c-empty.txt", "")
    write("news/d-noise.txt", b"\x00\x01binary\x00" * 40)
    write("news/sub/e-minutes.pdf", make_pdf(("Minutes of the pier committee.",)))
    write("news/sub/f-corpus.jsonl", json.dumps({"text": "Quota vote delayed."}) + "\n{bad\n")
    write("news/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    write("news/.hidden.txt", "a hidden draft")
    write("news/.cache/g.txt", "inside a hidden folder")
    return tmp_path / "news"


def test_folder_reads_good_files_and_reports_bad_ones(mixed_folder: Path) -> None:
    documents, problems = _split(list(iter_documents([str(mixed_folder)])))
    assert [Path(d.source.split("#")[0]).name for d in documents] == [
        "a-note.txt",
        "b-page.html",
        "e-minutes.pdf",
        "f-corpus.jsonl",
    ]
    assert ARTICLE_PARAGRAPHS[0] in documents[1].text
    reported = {Path(p.source).name: p.message for p in problems}
    assert set(reported) == {"c-empty.txt", "d-noise.txt", "f-corpus.jsonl#L2"}
    assert reported["c-empty.txt"] == "is empty"
    assert "binary" in reported["d-noise.txt"]


def test_hidden_and_unsupported_files_are_skipped(mixed_folder: Path) -> None:
    names = [
        Path(item.source).relative_to(mixed_folder).as_posix()
        for item in iter_documents([str(mixed_folder)])
    ]
    assert names
    assert not any(name.startswith(".") or "/." in name for name in names)
    assert not any(name.endswith(".png") for name in names)


def test_missing_path_is_a_problem(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    [problem] = list(iter_documents([missing]))
    assert isinstance(problem, ReadProblem)
    assert problem.source == missing
    assert "does not exist" in problem.message


def test_missing_path_does_not_stop_the_rest(write: Write, tmp_path: Path) -> None:
    good = write("ok.txt", "A short report.\n")
    items = list(iter_documents([str(tmp_path / "gone.txt"), str(good)]))
    assert isinstance(items[0], ReadProblem)
    assert isinstance(items[1], Document)
    assert items[1].text == "A short report.\n"


def test_glob_pattern_is_expanded(mixed_folder: Path) -> None:
    documents, problems = _split(list(iter_documents([f"{mixed_folder}/**/*.txt"])))
    assert [Path(d.source).name for d in documents] == ["a-note.txt"]
    assert sorted(Path(p.source).name for p in problems) == ["c-empty.txt", "d-noise.txt"]


def test_glob_without_matches_is_a_problem(tmp_path: Path) -> None:
    [problem] = list(iter_documents([f"{tmp_path}/*.html"]))
    assert isinstance(problem, ReadProblem)
    assert "no files match" in problem.message


def test_empty_folder_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [problem] = list(iter_documents([str(tmp_path / "empty")]))
    assert isinstance(problem, ReadProblem)
    assert "no files" in problem.message


def test_file_named_twice_is_read_once(write: Write, tmp_path: Path) -> None:
    path = write("once.txt", "Only once.\n")
    items = list(iter_documents([str(path), str(tmp_path), f"{tmp_path}/*.txt"]))
    assert len(items) == 1


def test_literal_name_with_brackets_is_not_a_pattern(write: Write) -> None:
    path = write("report [draft].txt", "Draft text.\n")
    [document] = list(iter_documents([str(path)]))
    assert isinstance(document, Document)
    assert document.text == "Draft text.\n"


def test_max_bytes_applies_to_every_file(write: Write, tmp_path: Path) -> None:
    write("small.txt", "tiny\n")
    write("large.txt", "long text " * 100)
    documents, problems = _split(list(iter_documents([str(tmp_path)], max_bytes=200)))
    assert [Path(d.source).name for d in documents] == ["small.txt"]
    assert [Path(p.source).name for p in problems] == ["large.txt"]
    assert "--max-bytes" in problems[0].message


def test_published_option_applies_to_every_document(write: Write, tmp_path: Path) -> None:
    write("one.txt", "First.\n")
    write("two.html", article_page())
    documents, _ = _split(list(iter_documents([str(tmp_path)], published="2024-02-03")))
    assert {(d.published, d.published_source) for d in documents} == {("2024-02-03", "option")}


@pytest.mark.parametrize("bad", ["yesterday", "2024-13", "24-01-01", ""])
def test_bad_published_option_fails_at_once(write: Write, bad: str) -> None:
    path = write("one.txt", "First.\n")
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        iter_documents([str(path)], published=bad)
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        read_file(path, published=bad)


@pytest.mark.parametrize("bad", [0, -5])
def test_bad_max_bytes_fails_at_once(write: Write, bad: int) -> None:
    path = write("one.txt", "First.\n")
    with pytest.raises(ConfigError, match="max_bytes"):
        iter_documents([str(path)], max_bytes=bad)


def test_folder_given_to_read_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        read_file(tmp_path)


def test_problem_prints_source_and_message() -> None:
    assert str(ReadProblem("a.txt", "is empty")) == "a.txt: is empty"
