"""A cache on disk of what actorgraph builds from its data files, keyed by their contents.

Start-up reads data files (the knowledge base, the event lexicon) and builds the indexes the
pipeline needs from them; the built result is written here on first use and read back by
later processes. An entry's key is a SHA-256 of every input of the build: the bytes of the
built-in and the user's files (and, where the build records them, the user files' paths),
the code that builds it and the Python version, so an edit to any of them builds it again.

Where: ``$ACTORGRAPH_CACHE_DIR`` (``off`` turns the cache off), else
``$XDG_CACHE_HOME/actorgraph``, else ``~/.cache/actorgraph``. A missing, damaged or
unwritable cache only costs the build.

>>> key = digest([Path(__file__)], "example", 1)
>>> len(key)
32
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import marshal
import os
import pickle
import re
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

__all__ = [
    "CACHE_ENV",
    "cache_dir",
    "cached_pickle",
    "compiled_patterns",
    "digest",
    "read_checked",
    "read_entry",
    "write_checked",
    "write_entry",
]

CACHE_ENV = "ACTORGRAPH_CACHE_DIR"
KEEP = 8  # entries kept per kind (one per distinct set of user files)

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where built data is cached, or None when the cache is off.

    Example: ``ACTORGRAPH_CACHE_DIR=/tmp/ag actorgraph extract article.txt``
    """
    env = os.environ.get(CACHE_ENV)
    if env:
        return None if env.strip().lower() in ("off", "0", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "actorgraph"


def digest(files: Iterable[Path], *parts: object) -> str | None:
    """A key for the build from ``files`` (their contents, in order) and ``parts`` (versions,
    options, paths), or None when a file cannot be read: the build then reports it the usual
    way. The Python version is part of every key."""
    h = hashlib.sha256(repr((sys.version_info[:3], *parts)).encode())
    # Read in chunks into one buffer: the knowledge base's files are megabytes, and reading each
    # whole (then copying it behind its length) cost more than hashing it.
    buf = bytearray(1 << 18)
    view = memoryview(buf)
    try:
        for f in files:
            with open(f, "rb") as fh:
                size = os.fstat(fh.fileno()).st_size
                h.update(b"|%d|" % size)
                done = 0
                while n := fh.readinto(buf):
                    h.update(view[:n])
                    done += n
            if done != size:  # changed while read: no key (the build reads it again)
                return None
    except OSError:
        return None
    return h.hexdigest()[:32]


def _path(kind: str, key: str, suffix: str) -> Path | None:
    where = cache_dir()
    return None if where is None else where / f"{kind}-{key}.{suffix}"


def read_entry(kind: str, key: str, suffix: str) -> bytes | None:
    """The bytes cached for ``kind`` under ``key``, or None (no cache, no entry, unreadable)."""
    path = _path(kind, key, suffix)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_entry(
    kind: str, key: str, suffix: str, write: Callable[[BinaryIO], None], keep: int = KEEP
) -> None:
    """Write an entry through ``write(file)`` atomically, then drop the oldest entries of the
    kind beyond ``keep``. Best effort: a read-only home or a full disk only costs the next start
    the build."""
    path = _path(kind, key, suffix)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    except (OSError, ValueError, TypeError, pickle.PicklingError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    with contextlib.suppress(OSError):
        old = sorted(
            path.parent.glob(f"{kind}-*.{suffix}"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for stale in old[keep:]:
            stale.unlink(missing_ok=True)


def cached_pickle(
    kind: str,
    files: Sequence[Path],
    parts: Sequence[object],
    build: Callable[[], T],
    keep: int = KEEP,
) -> T:
    """``build()``, or what an earlier process built from the same inputs (a pickle in the
    cache). Errors of ``build`` propagate and nothing is cached for them.

    >>> cached_pickle("doc-example", [Path(__file__)], ["v1"], lambda: {"built": True})
    {'built': True}
    """
    key = digest(files, kind, *parts)
    if key is not None:
        data = read_checked(kind, key, "pickle")
        if data is not None:
            # A damaged or foreign entry is rebuilt (and rewritten) like a missing one.
            with contextlib.suppress(Exception):
                return pickle.loads(data)
    value = build()
    if key is not None:
        with contextlib.suppress(pickle.PicklingError, TypeError, ValueError, AttributeError):
            write_checked(kind, key, "pickle", pickle.dumps(value, protocol=5), keep)
    return value


def read_checked(kind: str, key: str, suffix: str) -> memoryview | None:
    """What ``write_checked`` wrote, or None when it is missing or damaged (its checksum differs):
    for entries whose damage would only show later, when part of them is used."""
    data = read_entry(kind, key, suffix)
    if data is None or len(data) < 4:
        return None
    body = memoryview(data)[4:]
    return body if int.from_bytes(data[:4], "little") == zlib.crc32(body) else None


def write_checked(kind: str, key: str, suffix: str, body: bytes, keep: int = KEEP) -> None:
    """``write_entry`` of ``body`` behind its CRC-32, for ``read_checked``."""

    def write(fh: BinaryIO) -> None:
        fh.write(zlib.crc32(body).to_bytes(4, "little"))
        fh.write(body)

    write_entry(kind, key, suffix, write, keep)


def compiled_patterns(kind: str, patterns: Sequence[str]) -> list[re.Pattern[str]]:
    """``[re.compile(p) for p in patterns]``, the compiled programs read from the cache when an
    earlier process compiled the same patterns: Python compiles a regex in Python code, and a
    grammar of long word lists takes a large share of start-up to compile.

    A program is cached only once it has been checked to make a pattern equal to
    ``re.compile``'s (same flags, groups and code); a damaged or foreign entry, or a Python
    whose regex internals differ, only costs the compilation.

    >>> [p.pattern for p in compiled_patterns("regex-example", ["[0-9]+", "[a-z]+"])]
    ['[0-9]+', '[a-z]+']
    """
    sre: Any = _sre_module()
    key = digest([], kind, getattr(sre, "MAGIC", None), list(patterns))
    if sre is not None and key is not None:
        body = read_checked(kind, key, "marshal")
        if body is not None:
            with contextlib.suppress(Exception):  # damaged: compiled again below
                programs = marshal.loads(body)
                if len(programs) == len(patterns):
                    return [
                        sre.compile(p, *prog) for p, prog in zip(patterns, programs, strict=True)
                    ]
    compiled = [re.compile(p) for p in patterns]
    if sre is not None and key is not None:
        try:
            programs = [_program(p) for p in patterns]
            same = all(
                sre.compile(p, *prog) == c
                for p, prog, c in zip(patterns, programs, compiled, strict=True)
            )
        except Exception:  # regex internals of another Python version: nothing is cached
            return compiled
        if same:
            write_checked(kind, key, "marshal", marshal.dumps(programs))
    return compiled


def _sre_module() -> Any:
    try:
        return importlib.import_module("re._compiler")._sre
    except (ImportError, AttributeError):
        return None


def _program(pattern: str) -> tuple[Any, ...]:
    """The arguments ``re.compile`` gives ``_sre.compile`` for ``pattern`` (its steps, with the
    code as plain ints so that ``marshal`` writes it)."""
    parsed = importlib.import_module("re._parser").parse(pattern, 0)
    code = [int(c) for c in importlib.import_module("re._compiler")._code(parsed, 0)]
    groupindex = {str(k): int(v) for k, v in parsed.state.groupdict.items()}
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
