"""A catalogue of bad input, on SQLite and PostgreSQL, through ``actorgraph ingest``.

Every kind gives one clear line per problem (``warning:``/``error:``, never a traceback), the
right exit code, and nothing half-written: a refused input leaves no trace in the store. Inputs
that are odd but readable (other encodings, BOMs, control characters) are stored, cleaned.

Refused inputs are run one at a time (no model loads for them); the readable ones run together
with every refused file in one folder, which also shows a bad file never stops a run.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from fpdf import FPDF
from typer.testing import CliRunner, Result

from actorgraph.cli import app
from actorgraph.store import Store

runner = CliRunner()
KB = str(Path(__file__).parents[1] / "fixtures" / "test-kb.yaml")
ENV = {"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"}


def article(tag: str) -> str:
    """A short article written for these tests; ``tag`` makes each text (and id) its own."""
    return (
        f"Harbour vote {tag}\n\n"
        f"The harbour council of Port Alder voted on Monday to open a ferry route ({tag}). "
        "Councillor Edda Voss said the service would begin in the spring.\n"
    )


def _pdf(text: str | None, *, encrypt: bool = False) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(10, 10, 50, 50)  # a drawing, no text layer
    else:
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 10, text=text)
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("inner.txt", article("zipped"))
    return buffer.getvalue()


MENU_PAGE = (
    '<html><head><title>Gazette</title></head><body><ul><li><a href="/">Home</a></li>'
    '<li><a href="/w">World news</a></li><li><a href="/c">Contact us</a></li></ul>'
    '<a href="/s">Sign in</a> | <a href="/n">Subscribe to our newsletter</a>'
    "<footer>&copy; 2024 Gazette Ltd. All rights reserved.</footer></body></html>"
)


# -- refused inputs, one at a time ---------------------------------------------------------------

Make = Callable[[Path], list[str]]  # writes the input under a folder; returns the CLI arguments


def _file(name: str, data: bytes | str) -> Make:
    def make(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [str(path)]

    return make


def _fifo(folder: Path) -> list[str]:
    os.mkfifo(folder / "pipe.txt")
    return [str(folder / "pipe.txt")]


def _loop(folder: Path) -> list[str]:
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    return [str(folder / "loop.txt")]


def _dangling(folder: Path) -> list[str]:
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    return [str(folder / "dangling.txt")]


def _unreadable(folder: Path) -> list[str]:
    if os.geteuid() == 0:
        pytest.skip("root reads any file: an unreadable file cannot be made here")
    path = folder / "secret.txt"
    path.write_text(article("secret"), encoding="utf-8")
    path.chmod(0)
    return [str(path)]


def _empty_folder(folder: Path) -> list[str]:
    (folder / "nothing").mkdir()
    (folder / "nothing" / "notes.docx").write_bytes(b"PK\x03\x04")
    return [str(folder / "nothing")]


def _huge(folder: Path) -> list[str]:
    path = folder / "huge.txt"
    with path.open("w", encoding="utf-8") as out:  # 21 MB, above the default --max-bytes
        for _ in range(21):
            out.write(("The council met again. " * 45_590)[: 1024 * 1024])
    return [str(path)]


def _too_many_chars(folder: Path) -> list[str]:
    path = folder / "book.txt"  # under the byte limit, over what one document may hold
    path.write_text("word " * 2_000_001, encoding="utf-8")
    return [str(path)]


def _noise(seed: int, n: int) -> bytes:
    return random.Random(seed).randbytes(n)


def _with(make: Make, *options: str) -> Make:
    return lambda folder: [*make(folder), *options]


@dataclass(frozen=True)
class Refused:
    make: Make
    code: int
    says: str


REFUSED: dict[str, Refused] = {
    "binary": Refused(_file("logo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), 2, "binary"),
    "empty": Refused(_file("empty.txt", b""), 2, "is empty"),
    "whitespace": Refused(_file("blank.txt", " \n\t\n  \r\n"), 2, "is empty"),
    "random-bytes": Refused(
        _file("noise.txt", _noise(7, 5000)),
        2,
        "binary",
    ),
    "control-chars-only": Refused(_file("bells.txt", b"\x07\x08\x01" * 300), 2, "binary"),
    "zip-renamed": Refused(_file("archive.txt", _zip()), 2, "binary"),
    "gzip-renamed": Refused(
        _file("packed.txt", gzip.compress(article("gz").encode())), 2, "binary"
    ),
    "docx-given": Refused(_file("report.docx", _zip()), 2, "binary"),
    "truncated-pdf": Refused(
        _file("cut.pdf", _pdf(article("cut"))[:400]), 2, "could not be read as PDF"
    ),
    "encrypted-pdf": Refused(
        _file("locked.pdf", _pdf(article("locked"), encrypt=True)), 2, "encrypted"
    ),
    "pdf-without-text": Refused(_file("scan.pdf", _pdf(None)), 2, "no extractable text"),
    "text-named-pdf": Refused(_file("fake.pdf", article("fake")), 2, "no PDF header"),
    "html-menus-only": Refused(_file("menu.html", MENU_PAGE), 2, "no article text"),
    "html-empty-body": Refused(_file("blank.html", "<html><body></body></html>"), 2, "no article"),
    "html-too-deep": Refused(
        _file(
            "deep.html",
            "<html><body>" + "<div>" * 3000 + f"<p>{article('deep')}</p>" + "</div>" * 3000,
        ),
        2,
        "nested too deeply",
    ),
    "jsonl-bad-lines-only": Refused(_file("bad.jsonl", "{not json\n[1, 2]\n"), 2, "not valid JSON"),
    "jsonl-wrong-types": Refused(
        _file(
            "types.jsonl", json.dumps({"text": 42}) + "\n" + json.dumps({"text": "x", "title": 3})
        ),
        2,
        'no "text"',
    ),
    "jsonl-utf16": Refused(
        _file("wide.jsonl", codecs.BOM_UTF16_LE + json.dumps({"text": "x"}).encode("utf-16-le")),
        2,
        "UTF-16",
    ),
    "fifo": Refused(_fifo, 2, "not a regular file"),
    "device-file": Refused(lambda folder: ["/dev/zero"], 2, "not a regular file"),
    "symlink-loop": Refused(_loop, 2, "leads nowhere"),
    "dangling-symlink": Refused(_dangling, 2, "leads nowhere"),
    "unreadable-file": Refused(_unreadable, 2, "could not be read"),
    "missing-file": Refused(lambda folder: [str(folder / "absent.txt")], 2, "does not exist"),
    "folder-without-documents": Refused(_empty_folder, 2, "no files to read"),
    "glob-matching-nothing": Refused(lambda folder: [str(folder / "*.txt")], 2, "no files match"),
    "twenty-megabyte-text": Refused(_huge, 2, "above the limit"),
    "ten-million-characters": Refused(_too_many_chars, 2, "characters long"),
    "garbage-published": Refused(
        _with(_file("ok.txt", article("pub")), "--published", "next Tuesday"), 3, "date"
    ),
    "impossible-published": Refused(
        _with(_file("ok.txt", article("feb")), "--published", "2021-02-30"), 3, "not a valid date"
    ),
}


def _run(args: list[str], db: str) -> Result:
    return runner.invoke(app, ["ingest", *args, "--db", db, "--workers", "1", "--kb", KB], env=ENV)


def _assert_clean_lines(result: Result) -> list[str]:
    """stderr is warnings and errors of one line each; nothing reached stdout but the report."""
    text = result.stderr + result.stdout
    assert "Traceback" not in text and 'File "' not in text, text
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines, "a refusal must say why"
    assert all(ln.startswith(("warning:", "error:")) for ln in lines), lines
    return lines


def _counts(db: str) -> tuple[int, int, int]:
    with Store.open(db) as store:
        stats = store.stats()
    return stats.documents, stats.actors, stats.events


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_refused_input_is_one_line_its_exit_code_and_leaves_no_trace(
    kind: str, db_url: str, tmp_path: Path
) -> None:
    case = REFUSED[kind]
    folder = tmp_path / "in"
    folder.mkdir()
    args = case.make(folder)
    result = _run(args, db_url)
    assert result.exit_code == case.code, result.stderr
    lines = _assert_clean_lines(result)
    assert any(case.says in ln for ln in lines), lines
    assert _counts(db_url) == (0, 0, 0)


# -- broken stores ------------------------------------------------------------------------------


def _store_failure(result: Result) -> str:
    assert result.exit_code == 4, result.stderr
    lines = _assert_clean_lines(result)
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    return lines[0]


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdialect://x",
        "not a url at all",
        "postgresql+psycopg://someone@127.0.0.1:99999/x",
        "sqlite:////nonexistent-folder/deeper/store.db",
    ],
    ids=["unknown-dialect", "garbage", "bad-port", "missing-folder"],
)
def test_a_garbage_store_url_is_one_line(url: str, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article("url"), encoding="utf-8")
    _store_failure(_run([str(path)], url))


def test_a_corrupt_sqlite_store_is_one_line_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.db"
    junk = b"SQLite format 3\x00" + _noise(3, 8000)
    db.write_bytes(junk)
    path = tmp_path / "a.txt"
    path.write_text(article("corrupt"), encoding="utf-8")
    _store_failure(_run([str(path)], f"sqlite:///{db}"))
    assert db.read_bytes() == junk


def test_a_read_only_store_is_one_line_and_unchanged(db_url: str, tmp_path: Path) -> None:
    Store.open(db_url).close()  # the store exists, with its tables
    url = sa.engine.make_url(db_url)
    if url.get_backend_name() == "sqlite":
        read_only = f"sqlite:///file:{url.database}?mode=ro&uri=true"
    else:
        read_only = url.update_query_dict(
            {"options": "-c default_transaction_read_only=on"}
        ).render_as_string(hide_password=False)
    path = tmp_path / "a.txt"
    path.write_text(article("ro"), encoding="utf-8")
    line = _store_failure(_run([str(path)], read_only))
    assert "read" in line.lower()
    assert _counts(db_url) == (0, 0, 0)


# -- readable oddities, stored, together with every refused file --------------------------------

Bytes = Callable[[str], bytes]
ACCEPTED: dict[str, tuple[str, Bytes]] = {
    "latin-1": ("latin1.txt", lambda t: (t + "Café, naïve, façade.\n").encode("latin-1")),
    "cp1252-quotes": ("quotes.txt", lambda t: (t + "“Quoted”, it’s fine.\n").encode("cp1252")),
    "utf-16-bom": ("wide.txt", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
    "utf-16-no-bom": ("wide-bare.txt", lambda t: t.encode("utf-16-le")),
    "utf-8-bom": ("bom.txt", lambda t: codecs.BOM_UTF8 + t.encode()),
    "crlf": ("windows.txt", lambda t: t.replace("\n", "\r\n").encode()),
    "cr-only": ("oldmac.txt", lambda t: t.replace("\n", "\r").encode()),
    "mixed-invalid-utf-8": ("mixed.txt", lambda t: t.encode() + b"Bad \xff\xfe\xc3\x28 bytes.\n"),
    "right-to-left": ("rtl.txt", lambda t: (t + "\u202eעברית\u202c and عربي text.\n").encode()),
    "zero-width": ("zw.txt", lambda t: t.replace("ferry", "fer\u200bry\u200d").encode()),
    "nul-after-8kb": ("late-nul.txt", lambda t: (t * 60 + "Late\x00 NUL.\n").encode()),
    "control-chars": ("ctrl.txt", lambda t: (t + "Bell\x07 and\x1b escape\x7f.\n").encode()),
    "broken-html": (
        "broken.html",
        lambda t: f"<html><body><div><p>{t}<b>unclosed <i>tags</div></td>&bogus;".encode(),
    ),
    "html-wrong-charset": (
        "charset.html",
        lambda t: f'<html><head><meta charset="latin-1"></head><body><p>{t} Café.</p>'.encode(),
    ),
    "pdf-named-txt": ("minutes.txt", lambda t: _pdf(t.replace("\n", " "))),
    "jsonl-some-bad-lines": (
        "mixed.jsonl",
        lambda t: (
            json.dumps({"text": t}) + "\n{broken\n" + json.dumps({"text": 5}) + "\n"
        ).encode(),
    ),
    "jsonl-lone-surrogate": (
        "surrogate.jsonl",
        lambda t: (
            json.dumps({"text": t + "Half \ud800 pair.", "title": "T\u0000"}) + "\n"
        ).encode(),
    ),
}
# The refused kinds that are files in a folder (options, links and paths outside the folder
# are covered one at a time above).
IN_FOLDER = [
    "binary",
    "empty",
    "zip-renamed",
    "truncated-pdf",
    "encrypted-pdf",
    "pdf-without-text",
    "html-menus-only",
    "jsonl-wrong-types",
    "fifo",
    "symlink-loop",
    "ten-million-characters",
]


def test_readable_oddities_are_stored_clean_and_bad_files_never_stop_the_run(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    refused_paths = [Path(REFUSED[k].make(folder)[0]).name for k in IN_FOLDER]
    for kind, (name, make) in ACCEPTED.items():
        (folder / name).write_bytes(make(article(kind)))
    result = _run([str(folder)], db_url)
    assert result.exit_code == 6, result.stderr  # some failed, the rest was stored
    lines = _assert_clean_lines(result)
    for name in refused_paths:
        # One line per file; a JSONL file's bad lines are named one line each.
        marker = f"/{name}#L" if name.endswith(".jsonl") else f"/{name}:"
        want = 2 if name.endswith(".jsonl") else 1
        assert sum(marker in ln for ln in lines) == want, (name, lines)
    bad_lines = [ln for ln in lines if "mixed.jsonl#L" in ln]
    assert len(bad_lines) == 2, lines
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT source FROM documents")).all()
        texts = [
            *conn.execute(sa.text("SELECT text FROM actor_mentions")).scalars(),
            *conn.execute(sa.text("SELECT text FROM event_mentions")).scalars(),
        ]
    engine.dispose()
    stored = {Path(r.source.split("#")[0]).name for r in rows}
    assert stored == {name for name, _ in ACCEPTED.values()}
    assert not stored & set(refused_paths)  # nothing of a refused file was written
    assert texts and all(not any(c in t for c in "\x00\x07\ufeff\r") for t in texts)
    # Every store holds the same documents: the report says each readable file was added.
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["added"] == len(ACCEPTED) and len(report["failed"]) == 0


# -- numbers and options out of range -----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["evidence", "event", "99999999999999999999"], 4, "no event with id"),
        (["actor", "99999999999999999999"], 4, "no actor"),
        (["actor", "²"], 4, "no actor"),
        (["correct", "merge", "1", "99999999999999999999"], 4, "no actor"),
        (["correct", "reject", "event", "99999999999999999999"], 4, "no event with id"),
        (["correct", "split", "1", "a name it never had"], 4, "never been called"),
        (["path", "1", "99999999999999999999"], 4, "no actor"),
        (["events", "--offset", "99999999999999999999"], 0, ""),
        (["events", "--limit", "99999999999999999999"], 0, ""),
        (["actors", "--offset", "99999999999999999999"], 0, ""),
    ],
    ids=[
        "evidence-id",
        "actor-id",
        "superscript-digit",
        "merge-id",
        "reject-id",
        "split-unknown-name",
        "path-id",
        "events-offset",
        "events-limit",
        "actors-offset",
    ],
)
def test_numbers_out_of_range_are_one_line(
    args: list[str], code: int, says: str, db_url: str
) -> None:
    from store_helpers import make_event, make_record

    text = "Ilse Morrow met Kasimir Dunne in Velt on Monday."
    record = make_record(
        text,
        [("a0", "Ilse Morrow", "person", None), ("a1", "Kasimir Dunne", "person", None)],
        [make_event(text, "CONSULT", ["a0"], ["a1"])],
    )
    with Store.open(db_url) as store:
        store.add_record(record, text)
        before = store.stats()
    result = runner.invoke(app, [*args, "--db", db_url], env=ENV)
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    if code:
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("error:") and says in lines[0], lines
    with Store.open(db_url) as store:
        assert store.stats() == before
