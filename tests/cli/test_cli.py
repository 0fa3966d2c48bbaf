"""The command line, end to end: what a user sees on stdout, stderr and in the exit code.

Most tests use typer's CliRunner on ``actorgraph.cli.app`` (one process, so no interpreter
start-up per test); a few run the installed ``actorgraph`` console script in a subprocess to
check the real exit codes and that no traceback reaches the terminal. Every successful
``extract`` or ``evaluate`` loads the spaCy model, so the runs whose output several tests
inspect are made once per module.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from actorgraph import SCHEMA_VERSION
from actorgraph.cli import app
from actorgraph.records import content_id

CONSOLE_SCRIPT = Path(sys.executable).parent / "actorgraph"
# A wide console so rich tables never wrap a name; no colour codes in what we compare.
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")

# Invented reporting, written for these tests; the actors are in the built-in knowledge base.
TALKS = (
    "Ceasefire talks resume\n"
    "Egyptian mediators met Hamas negotiators in Cairo on Monday. "
    "Israel rejected the draft proposal the next day, an official said.\n"
)
STRIKE = (
    "Depot hit overnight\nIran condemned Israel after a drone struck a fuel depot near Damascus.\n"
)
GEO_TALKS = (
    "Talks in Geneva\n"
    "Turkish President Recep Tayyip Erdogan met Iranian officials in Geneva on March 3, 2021. "
    "Hamas accused Israel of blocking aid convoys.\n"
)
GOLD = """\
# A tiny gold file in the seed format, for the article next to it.
document:
  file: geneva.txt
  title: Talks in Geneva
  published: 2021-03-05
actors:
  - {name: Recep Tayyip Erdogan, type: person, aliases: [Erdogan]}
  - {name: Turkey, type: state, aliases: [Turkish]}
  - {name: Iran, type: state, aliases: [Iranian]}
  - {name: Geneva, type: place, aliases: []}
  - {name: Hamas, type: organization, aliases: []}
  - {name: Israel, type: state, aliases: []}
  # Not in the article: whatever the extractor does, this one must be reported as missed.
  - {name: Qatar, type: state, aliases: []}
  - {name: Switzerland, type: state, aliases: [Swiss], optional: true}
relations:
  - type: leader_of
    head: Recep Tayyip Erdogan
    tail: Turkey
    evidence: "Turkish President Recep Tayyip Erdogan"
events:
  - id: talks
    type: [CONSULT]
    source: [Recep Tayyip Erdogan, Turkey]
    target: [Iran]
    symmetric: true
    date: 2021-03-03
    place: Geneva
    modality: asserted
    evidence: "met Iranian officials in Geneva on March 3, 2021"
  - id: accusation
    type: [ACCUSE]
    source: [Hamas]
    target: [Israel]
    evidence: "Hamas accused Israel"
"""
# Required (not optional) gold items per part in GOLD.
GOLD_REQUIRED = {"actors": 7, "relations": 1, "events": 2}

Invoke = Callable[..., Result]


@pytest.fixture(scope="module")
def cli() -> Invoke:
    runner = CliRunner()

    def invoke(args: Sequence[str]) -> Result:
        return runner.invoke(app, [str(a) for a in args], env=ENV)

    return invoke


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _lines(text: str) -> list[str]:
    return [line for line in ANSI.sub("", text).splitlines() if line.strip()]


def assert_clean_failure(result: Result, *, expect: str | None = None) -> str:
    """Non-zero exit, nothing on stdout, and stderr holding warnings then one ``error:`` line.

    Returns the error line. ``expect`` must occur (case-insensitively) somewhere on stderr.
    """
    # An exception other than SystemExit escaping the app is what a user sees as a traceback.
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip() == ""
    lines = _lines(result.stderr)
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1, lines
    assert lines[-1] == errors[0]
    assert all(line.startswith("warning:") for line in lines[:-1]), lines
    if expect is not None:
        assert expect.lower() in result.stderr.lower(), result.stderr
    return errors[0]


def _spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Every offset-bearing object in a record: mentions, triggers and evidence."""
    spans: list[dict[str, Any]] = []
    for actor in record["actors"]:
        spans += actor["mentions"]
    for relation in record["relations"]:
        spans.append(relation["evidence"])
    for event in record["events"]:
        spans.append(event["evidence"])
        spans += event["mentions"]
        if event["trigger"] is not None:
            spans.append(event["trigger"])
    return spans


def _assert_offsets_point_into(record: dict[str, Any], text: str) -> None:
    for span in _spans(record):
        assert 0 <= span["start"] < span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span


# ---------------------------------------------------------------- extract: output forms


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("articles")
    return {
        "talks": _write(folder / "talks.txt", TALKS),
        "strike": _write(folder / "strike.txt", STRIKE),
    }


@pytest.fixture(scope="module")
def json_run(cli: Invoke, articles: dict[str, Path]) -> Result:
    return cli(["extract", articles["talks"], "--published", "2020-05-01"])


@pytest.fixture(scope="module")
def jsonl_run(cli: Invoke, articles: dict[str, Path]) -> Result:
    return cli(["extract", articles["talks"], articles["strike"], "--format", "jsonl"])


def test_extract_json_is_one_versioned_record(json_run: Result) -> None:
    assert json_run.exit_code == 0, json_run.stderr
    record = json.loads(json_run.stdout)
    assert isinstance(record, dict)
    assert record["schema_version"] == SCHEMA_VERSION == "1.0"
    assert set(record) == {"schema_version", "document", "actors", "relations", "events"}


def test_extract_document_id_and_length_describe_the_text(
    json_run: Result, articles: dict[str, Path]
) -> None:
    document = json.loads(json_run.stdout)["document"]
    assert document["id"] == content_id(TALKS)
    assert re.fullmatch(r"[0-9a-f]{16}", document["id"])
    assert document["chars"] == len(TALKS)
    assert document["source"] == str(articles["talks"])
    assert document["format"] == "text"
    assert document["title"] == "Ceasefire talks resume"


def test_extract_finds_the_named_actors(json_run: Result) -> None:
    actors = json.loads(json_run.stdout)["actors"]
    names = {actor["name"] for actor in actors}
    assert {"Hamas", "Israel", "Egypt"} <= names
    assert all(actor["mentions"] for actor in actors)
    ids = [actor["id"] for actor in actors]
    assert len(ids) == len(set(ids))


def test_extract_offsets_point_at_the_text(json_run: Result) -> None:
    record = json.loads(json_run.stdout)
    assert _spans(record)
    _assert_offsets_point_into(record, TALKS)


def test_extract_references_use_actor_ids(json_run: Result) -> None:
    record = json.loads(json_run.stdout)
    ids = {actor["id"] for actor in record["actors"]}
    for relation in record["relations"]:
        assert {relation["head"], relation["tail"]} <= ids
    for event in record["events"]:
        assert set(event["source"]) | set(event["target"]) <= ids
        assert event["place"] is None or event["place"] in ids


def test_published_option_sets_the_publication_date(json_run: Result) -> None:
    published = json.loads(json_run.stdout)["document"]["published"]
    assert published == {"value": "2020-05-01", "source": "option"}


def test_jsonl_gives_one_record_per_line_per_file(
    jsonl_run: Result, articles: dict[str, Path]
) -> None:
    assert jsonl_run.exit_code == 0, jsonl_run.stderr
    lines = jsonl_run.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["document"]["source"] for r in records] == [
        str(articles["talks"]),
        str(articles["strike"]),
    ]
    assert [r["document"]["id"] for r in records] == [content_id(TALKS), content_id(STRIKE)]
    _assert_offsets_point_into(records[0], TALKS)
    _assert_offsets_point_into(records[1], STRIKE)


def test_without_published_option_no_date_is_claimed(jsonl_run: Result) -> None:
    for line in jsonl_run.stdout.splitlines():
        assert json.loads(line)["document"]["published"] == {"value": None, "source": "none"}


def test_several_inputs_in_json_format_give_a_list(cli: Invoke, tmp_path: Path) -> None:
    first = _write(tmp_path / "one.txt", STRIKE)
    second = _write(tmp_path / "two.txt", TALKS)
    result = cli(["extract", first, second])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert isinstance(records, list)
    assert [r["document"]["source"] for r in records] == [str(first), str(second)]


def test_table_format_lists_the_actors(cli: Invoke, articles: dict[str, Path]) -> None:
    result = cli(["extract", articles["strike"], "--format", "table"])
    assert result.exit_code == 0, result.stderr
    out = ANSI.sub("", result.stdout)
    assert "Depot hit overnight" in out
    for name in ("Iran", "Israel", "Damascus"):
        assert name in out
    with pytest.raises(json.JSONDecodeError):
        json.loads(result.stdout)


def test_unknown_format_is_refused(cli: Invoke, articles: dict[str, Path]) -> None:
    error = assert_clean_failure(cli(["extract", articles["talks"], "--format", "xml"]))
    assert "'xml'" in error


# ---------------------------------------------------------------- extract: bad input


@pytest.mark.parametrize("value", ["2020-13-01", "2021-02-30", "yesterday", "01/05/2020", ""])
def test_bad_published_value_is_one_line_error(
    cli: Invoke, articles: dict[str, Path], value: str
) -> None:
    error = assert_clean_failure(cli(["extract", articles["talks"], "--published", value]))
    assert repr(value) in error
    assert "YYYY-MM-DD" in error


def _binary(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + random.Random(11).randbytes(3000))
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _missing(path: Path) -> Path:
    return path


def _undecodable(path: Path) -> Path:
    # High-bit noise without NUL bytes: not UTF-8, and no code page reads it as credible text.
    rng = random.Random(5)
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(600)))
    return path


@pytest.mark.parametrize(
    ("make", "expect"),
    [
        (_binary, "binary"),
        (_empty, "is empty"),
        (_missing, "does not exist"),
        (_undecodable, "encoding"),
    ],
    ids=["binary", "empty", "missing", "undecodable"],
)
def test_unreadable_file_is_a_clean_failure(
    cli: Invoke, tmp_path: Path, make: Callable[[Path], Path], expect: str
) -> None:
    path = make(tmp_path / "input.txt")
    result = cli(["extract", path])
    assert_clean_failure(result, expect=expect)
    # The message names the file it is about.
    assert str(path) in result.stderr


def _write_50_mb(path: Path) -> Path:
    line = b"The envoys waited in the corridor while the ministers argued over one comma.\n"
    with path.open("wb") as handle:
        handle.write(line * (50 * 1024 * 1024 // len(line) + 1))
    return path


def test_oversized_file_is_refused_without_being_read(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = _write_50_mb(tmp_path / "huge.txt")
    assert big.stat().st_size > 50 * 1024 * 1024
    opened: list[str] = []
    real_open = io.open

    def spy(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and Path(os.fspath(file)).name == big.name:
            opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    # Path.open and Path.read_bytes go through io.open; plain open() is builtins.open.
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(builtins, "open", spy)
    result = cli(["extract", big])
    monkeypatch.undo()
    error = assert_clean_failure(result, expect="above the limit")
    assert "--max-bytes" in result.stderr
    assert f"{big.stat().st_size:,} bytes" in result.stderr
    assert error.startswith("error:")
    assert opened == []


def test_max_bytes_option_lowers_the_limit(cli: Invoke, articles: dict[str, Path]) -> None:
    assert_clean_failure(
        cli(["extract", articles["talks"], "--max-bytes", "20"]), expect="above the limit"
    )


def test_negative_max_bytes_is_refused(cli: Invoke, articles: dict[str, Path]) -> None:
    assert_clean_failure(
        cli(["extract", articles["talks"], "--max-bytes", "-5"]), expect="max_bytes"
    )


def test_zero_max_bytes_is_refused(cli: Invoke, articles: dict[str, Path]) -> None:
    assert_clean_failure(
        cli(["extract", articles["talks"], "--max-bytes", "0"]), expect="max_bytes"
    )


def test_folder_with_one_bad_file_warns_and_extracts_the_good_one(
    cli: Invoke, tmp_path: Path
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    good = _write(folder / "a-good.txt", STRIKE)
    bad = _binary(folder / "b-bad.txt")
    result = cli(["extract", folder])
    # The good file is extracted; the exit code says that not every input was.
    assert result.exit_code == 6, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    warnings = _lines(result.stderr)
    assert len(warnings) == 2
    assert warnings[0].startswith("warning:")
    assert str(bad) in warnings[0]
    assert warnings[1].startswith("error: 1 of 2 inputs failed")
    record = json.loads(result.stdout)
    assert record["document"]["source"] == str(good)
    _assert_offsets_point_into(record, STRIKE)


def test_no_input_at_all_is_refused(cli: Invoke) -> None:
    assert_clean_failure(cli(["extract"]), expect="at least one")


def test_empty_folder_is_refused(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    assert_clean_failure(cli(["extract", tmp_path / "nothing"]), expect="no files")


def test_path_with_closing_markup_tag_is_a_clean_failure(cli: Invoke, tmp_path: Path) -> None:
    assert_clean_failure(cli(["extract", str(tmp_path / "gone[/red].txt")]))


def test_warning_names_a_bracketed_file_verbatim(cli: Invoke, tmp_path: Path) -> None:
    path = _empty(tmp_path / "draft[b].txt")
    result = cli(["extract", path])
    assert_clean_failure(result)
    assert str(path) in result.stderr


# ---------------------------------------------------------------- model and knowledge base


def test_unknown_model_is_named_in_one_line(cli: Invoke, articles: dict[str, Path]) -> None:
    error = assert_clean_failure(cli(["extract", articles["talks"], "--model", "not_a_model"]))
    assert "not_a_model" in error


def test_missing_kb_file_is_one_line_error(
    cli: Invoke, articles: dict[str, Path], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.yaml"
    error = assert_clean_failure(cli(["extract", articles["talks"], "--kb", missing]))
    assert "missing.yaml" in error
    assert "not found" in error


def test_malformed_kb_file_is_one_line_error(
    cli: Invoke, articles: dict[str, Path], tmp_path: Path
) -> None:
    broken = _write(tmp_path / "broken-kb.yaml", "entries: [\n  {name: Nowhere\n")
    error = assert_clean_failure(cli(["extract", articles["talks"], "--kb", broken]))
    assert "broken-kb.yaml" in error


def test_missing_lexicon_file_is_one_line_error(
    cli: Invoke, articles: dict[str, Path], tmp_path: Path
) -> None:
    error = assert_clean_failure(
        cli(["extract", articles["talks"], "--lexicon", tmp_path / "words.yaml"])
    )
    assert "words.yaml" in error


# ---------------------------------------------------------------- evaluate


@pytest.fixture(scope="module")
def gold_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gold")
    _write(folder / "geneva.txt", GEO_TALKS)
    return _write(folder / "geneva.gold.yaml", GOLD)


@pytest.fixture(scope="module")
def eval_json(cli: Invoke, gold_file: Path) -> dict[str, Any]:
    result = cli(["evaluate", gold_file, "--json"])
    assert result.exit_code == 0, result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_evaluate_prints_precision_recall_f1(cli: Invoke, gold_file: Path) -> None:
    result = cli(["evaluate", gold_file])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(line for line in lines if "F1" in line)
    assert header.split()[-3:] == ["P", "R", "F1"]
    for part in ("actors", "relations", "events"):
        row = next(line for line in lines if line.split()[:1] == [part])
        scores = row.split()[-3:]
        assert all(s == "-" or 0.0 <= float(s) <= 1.0 for s in scores), row
    assert str(gold_file) in result.stdout
    # The actor the article never names is listed as missed.
    assert "Qatar" in result.stdout


def test_evaluate_json_has_a_part_per_kind(eval_json: dict[str, Any], gold_file: Path) -> None:
    assert [f["gold"] for f in eval_json["files"]] == [str(gold_file)]
    for part in ("actors", "relations", "events"):
        score = eval_json[part]
        for key in ("tp", "fp", "fn", "precision", "recall", "f1"):
            assert key in score


@pytest.mark.parametrize("part", ["actors", "relations", "events"])
def test_evaluate_json_counts_every_required_gold_item_once(
    eval_json: dict[str, Any], part: str
) -> None:
    score = eval_json[part]
    assert score["tp"] + score["fn"] == GOLD_REQUIRED[part]
    # One gold file: its own score is the total, and it lists each miss.
    (only,) = eval_json["files"]
    assert {k: only[part][k] for k in ("tp", "fp", "fn")} == {
        k: score[k] for k in ("tp", "fp", "fn")
    }
    assert len(only[part]["misses"]) == score["fn"]
    predicted = score["tp"] + score["fp"]
    if predicted:
        assert score["precision"] == pytest.approx(score["tp"] / predicted)
    assert score["recall"] == pytest.approx(score["tp"] / GOLD_REQUIRED[part])
    p, r = score["precision"], score["recall"]
    if p is not None and p + r > 0:
        assert score["f1"] == pytest.approx(2 * p * r / (p + r))


def test_evaluate_json_reports_the_absent_actor_as_missed(eval_json: dict[str, Any]) -> None:
    missed = [item["label"] for item in eval_json["files"][0]["actors"]["misses"]]
    assert any("Qatar" in label for label in missed)
    assert eval_json["actors"]["recall"] < 1.0


_GOLD_BREAKERS: dict[str, Callable[[str], str]] = {
    "yaml-syntax": lambda g: g.replace("aliases: [Erdogan]}", "aliases: [Erdogan}"),
    "unknown-relation-type": lambda g: g.replace("type: leader_of", "type: chief_of"),
    "unknown-event-type": lambda g: g.replace("type: [ACCUSE]", "type: [BLAME]"),
    "undeclared-actor": lambda g: g.replace("target: [Israel]", "target: [Jordan]"),
    "misspelt-key": lambda g: g.replace("symmetric: true", "symetric: true"),
    "bad-actor-type": lambda g: g.replace("type: place", "type: city"),
    "not-a-mapping": lambda g: "- just\n- a list\n",
    "no-document": lambda g: g.replace("document:", "source:"),
}


@pytest.mark.parametrize("breaker", sorted(_GOLD_BREAKERS))
def test_malformed_gold_file_is_one_line_error(cli: Invoke, tmp_path: Path, breaker: str) -> None:
    _write(tmp_path / "geneva.txt", GEO_TALKS)
    broken = _GOLD_BREAKERS[breaker](GOLD)
    assert broken != GOLD
    path = _write(tmp_path / "broken.gold.yaml", broken)
    error = assert_clean_failure(cli(["evaluate", path]))
    assert "broken.gold.yaml" in error


def test_impossible_gold_date_is_one_line_error(cli: Invoke, tmp_path: Path) -> None:
    _write(tmp_path / "geneva.txt", GEO_TALKS)
    path = _write(
        tmp_path / "broken.gold.yaml", GOLD.replace("date: 2021-03-03", "date: 2021-02-30")
    )
    error = assert_clean_failure(cli(["evaluate", path]))
    assert "broken.gold.yaml" in error


def test_missing_gold_file_is_one_line_error(cli: Invoke, tmp_path: Path) -> None:
    error = assert_clean_failure(cli(["evaluate", tmp_path / "absent.gold.yaml"]))
    assert "absent.gold.yaml" in error


def test_gold_file_pointing_at_missing_text_is_one_line_error(cli: Invoke, tmp_path: Path) -> None:
    path = _write(tmp_path / "orphan.gold.yaml", GOLD.replace("geneva.txt", "elsewhere.txt"))
    error = assert_clean_failure(cli(["evaluate", path]))
    assert "elsewhere.txt" in error


def test_evaluate_without_gold_is_refused(cli: Invoke) -> None:
    assert_clean_failure(cli(["evaluate"]), expect="gold file")


def test_evaluate_unknown_model_is_named(cli: Invoke, gold_file: Path) -> None:
    error = assert_clean_failure(cli(["evaluate", gold_file, "--model", "not_a_model"]))
    assert "not_a_model" in error


# ---------------------------------------------------------------- help and version


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ([], ["extract", "evaluate", "version"]),
        (["extract"], ["--format", "--published", "--max-bytes", "--model", "--kb"]),
        (["evaluate"], ["--json", "--brief", "--examples", "--model"]),
        (["version"], ["version"]),
    ],
    ids=["app", "extract", "evaluate", "version"],
)
def test_help_exits_zero_and_explains(cli: Invoke, command: list[str], expected: list[str]) -> None:
    result = cli([*command, "--help"])
    assert result.exit_code == 0, result.stderr
    out = ANSI.sub("", result.stdout)
    assert "Usage" in out
    for word in expected:
        assert word in out


def test_version_names_the_record_schema(cli: Invoke) -> None:
    result = cli(["version"])
    assert result.exit_code == 0
    assert f"record schema {SCHEMA_VERSION}" in result.stdout


# ---------------------------------------------------------------- the real console script


def _run_script(args: Sequence[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CONSOLE_SCRIPT), *(str(a) for a in args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **ENV},
        check=False,
    )


def test_console_script_is_installed() -> None:
    assert CONSOLE_SCRIPT.is_file()


def test_script_extracts_and_exits_zero(tmp_path: Path) -> None:
    _write(tmp_path / "talks.txt", TALKS)
    done = _run_script(["extract", "talks.txt", "-f", "jsonl"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    (line,) = done.stdout.splitlines()
    record = json.loads(line)
    assert record["document"]["source"] == "talks.txt"
    _assert_offsets_point_into(record, TALKS)


@pytest.mark.parametrize(
    ("args", "code", "expect"),
    [
        (["extract", "absent.txt"], 2, "does not exist"),
        (["extract", "huge.txt"], 2, "above the limit"),
        (["extract", "talks.txt", "--published", "2020-02-31"], 3, "not a valid date"),
        (["extract", "talks.txt", "--model", "not_a_model"], 3, "not_a_model"),
        (["evaluate", "absent.gold.yaml"], 3, "not found"),
    ],
    ids=["missing-file", "oversized-file", "bad-published", "bad-model", "missing-gold"],
)
def test_script_failures_have_documented_exit_codes(
    tmp_path: Path, args: list[str], code: int, expect: str
) -> None:
    # InputError exits 2, ConfigError (bad option, model, data or gold file) exits 3.
    _write(tmp_path / "talks.txt", TALKS)
    if "huge.txt" in args:
        _write_50_mb(tmp_path / "huge.txt")
    done = _run_script(args, cwd=tmp_path)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stdout == ""
    lines = _lines(done.stderr)
    assert lines[-1].startswith("error:")
    assert all(line.startswith("warning:") for line in lines[:-1])
    assert expect in done.stderr
