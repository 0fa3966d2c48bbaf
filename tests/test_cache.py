"""The data cache (actorgraph.cache) and the event lexicon kept in it: a cached load gives
what a fresh build gives, and an edit to any input, built-in or the user's, builds it again."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from actorgraph import cache
from actorgraph.cache import CACHE_ENV
from actorgraph.errors import ConfigError
from actorgraph.extract import lexicon as lexicon_module
from actorgraph.extract.lexicon import Lexicon, build_lexicon, load_lexicon, load_yaml_words

USER = 'verbs:\n  ponder: {code: "036"}\nnouns:\n  parley: {code: "040", pair_preps: [between]}\n'


@pytest.fixture
def where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(path))
    return path


def entries(where: Path) -> list[Path]:
    return sorted(where.glob("lexicon-*.pickle"))


def user_file(folder: Path, text: str = USER, name: str = "mine.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------ the cache itself


def test_digest_follows_contents_and_parts(tmp_path: Path) -> None:
    f = user_file(tmp_path, "a: 1\n")
    first = cache.digest([f], "kind", 1)
    assert first == cache.digest([f], "kind", 1)
    assert first != cache.digest([f], "kind", 2)
    f.write_text("a: 2\n", encoding="utf-8")
    assert cache.digest([f], "kind", 1) != first
    assert cache.digest([tmp_path / "missing.yaml"], "kind", 1) is None


def test_cached_pickle_builds_once_then_reads(where: Path, tmp_path: Path) -> None:
    f = user_file(tmp_path, "a: 1\n")
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    assert cache.cached_pickle("thing", [f], ["v1"], build) == {"n": 1}
    assert cache.cached_pickle("thing", [f], ["v1"], build) == {"n": 1}
    assert len(calls) == 1
    f.write_text("a: 2\n", encoding="utf-8")
    assert cache.cached_pickle("thing", [f], ["v1"], build) == {"n": 2}
    assert len(list(where.glob("thing-*.pickle"))) == 2


def test_old_entries_are_dropped_beyond_keep(where: Path, tmp_path: Path) -> None:
    f = user_file(tmp_path, "a: 1\n")
    for n in range(cache.KEEP + 3):
        cache.cached_pickle("thing", [f], [n], lambda n=n: n)  # type: ignore[misc]
    assert len(list(where.glob("thing-*.pickle"))) == cache.KEEP


def test_off_or_unwritable_cache_only_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = user_file(tmp_path, "a: 1\n")
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache.cache_dir() is None
    assert cache.cached_pickle("thing", [f], [], lambda: 7) == 7
    blocker = user_file(tmp_path, "not a folder", name="blocker")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert cache.cached_pickle("thing", [f], [], lambda: 8) == 8


# ------------------------------------------------------------------ compiled regexes

PATTERNS = [r"(?P<day>[0-3]?\d)\s+(?P<month>may|june)\b", r"(?i)cease-?fire", "[a-z]+"]


def regex_entries(where: Path) -> list[Path]:
    return sorted(where.glob("regex-thing-*.marshal"))


def test_cached_patterns_equal_compiled_ones(where: Path) -> None:
    first = cache.compiled_patterns("regex-thing", PATTERNS)
    assert len(regex_entries(where)) == 1
    second = cache.compiled_patterns("regex-thing", PATTERNS)  # read back
    for a, b, text in zip(first, second, PATTERNS, strict=True):
        # Equal patterns have the same flags and the same compiled code.
        assert a == b == re.compile(text)
        assert b.groupindex == re.compile(text).groupindex
    m = second[0].search("on 12 june")
    assert m is not None and m.group("day", "month") == ("12", "june")
    assert second[1].search("a CeaseFire held") is not None
    assert cache.compiled_patterns("regex-thing", PATTERNS[:1]) == first[:1]
    assert len(regex_entries(where)) == 2


def test_damaged_pattern_entry_is_compiled_again(where: Path) -> None:
    cache.compiled_patterns("regex-thing", PATTERNS)
    (entry,) = regex_entries(where)
    good = entry.read_bytes()
    for bad in (good[:-3], good[:40] + bytes([good[40] ^ 1]) + good[41:], b"", b"\0" * 9):
        entry.write_bytes(bad)
        got = cache.compiled_patterns("regex-thing", PATTERNS)
        assert got == [re.compile(p) for p in PATTERNS]
        assert entry.read_bytes() == good  # written again


def test_patterns_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache.compiled_patterns("regex-thing", PATTERNS) == [re.compile(p) for p in PATTERNS]


# ------------------------------------------------------------------ parsed word lists

WORDS = "preps: [on, off]\nflag: yes\nwhen: 2019-05-01\nlists:\n  a: &x [one, two]\n  b: *x\n"


def test_parsed_yaml_is_read_back_equal(where: Path) -> None:
    first = load_yaml_words(WORDS)
    assert len(list(where.glob("words-*.pickle"))) == 1
    second = load_yaml_words(WORDS)
    assert (
        second
        == first
        == {
            "preps": ["on", "off"],
            "flag": "yes",
            "when": date(2019, 5, 1),
            "lists": {"a": ["one", "two"], "b": ["one", "two"]},
        }
    )
    assert second is not first and second["lists"]["a"] is second["lists"]["b"]
    assert load_yaml_words(WORDS + "more: [x]\n")["more"] == ["x"]
    assert len(list(where.glob("words-*.pickle"))) == 2


def test_damaged_parsed_yaml_is_parsed_again(where: Path) -> None:
    expected = load_yaml_words(WORDS)
    (entry,) = where.glob("words-*.pickle")
    good = entry.read_bytes()
    entry.write_bytes(good.replace(b"off", b"of!"))
    assert load_yaml_words(WORDS) == expected
    assert entry.read_bytes() == good


def test_bad_yaml_still_fails_and_is_not_cached(where: Path) -> None:
    for _ in range(2):
        with pytest.raises(yaml.YAMLError, match="twice"):
            load_yaml_words("a: [x]\na: [y]\n")
    assert not list(where.glob("words-*.pickle"))


# ------------------------------------------------------------------ the event lexicon


def test_cached_lexicon_equals_a_fresh_build(where: Path, tmp_path: Path) -> None:
    user = user_file(tmp_path)
    fresh = build_lexicon(extra=[user])
    first = load_lexicon([user])  # builds and writes the cache
    assert len(entries(where)) == 1
    second = load_lexicon([user])  # reads it
    assert first is not second
    assert first == fresh and second == fresh
    assert second.verb("ponder").origin == str(user)  # type: ignore[union-attr]
    assert second.noun("parley").role_of_prep("between") == "pair"  # type: ignore[union-attr]


def test_edited_user_file_is_not_served_from_the_cache(where: Path, tmp_path: Path) -> None:
    user = user_file(tmp_path)
    assert load_lexicon([user]).verb("ponder").code == "036"  # type: ignore[union-attr]
    user_file(tmp_path, USER.replace('"036"', '"040"'))
    assert load_lexicon([user]).verb("ponder").code == "040"  # type: ignore[union-attr]
    assert len(entries(where)) == 2


def test_same_file_elsewhere_keeps_its_own_path(where: Path, tmp_path: Path) -> None:
    a = user_file(tmp_path)
    (tmp_path / "other").mkdir()
    b = user_file(tmp_path / "other")
    assert load_lexicon([a]).verb("ponder").origin == str(a)  # type: ignore[union-attr]
    assert load_lexicon([b]).verb("ponder").origin == str(b)  # type: ignore[union-attr]


def test_edited_builtin_file_is_not_served_from_the_cache(
    where: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "lexicon"
    shutil.copytree(lexicon_module.DATA_DIR, data)
    monkeypatch.setattr(lexicon_module, "DATA_DIR", data)
    builds: list[int] = []
    real = lexicon_module.build_lexicon

    def counted(*args: Any, **kwargs: Any) -> Lexicon:
        builds.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(lexicon_module, "build_lexicon", counted)
    user = user_file(tmp_path)
    first = load_lexicon([user])
    assert load_lexicon([user]) == first and len(builds) == 1
    assert first.sources[2] == str(data / "events.yaml")  # the copy was read, not the package
    for name in ("events.yaml", "cameo.json"):
        path = data / name
        path.write_bytes(path.read_bytes() + b"\n")
        assert load_lexicon([user]) == first
    assert len(builds) == 3
    assert len(entries(where)) == 3


def test_damaged_entry_is_rebuilt(where: Path, tmp_path: Path) -> None:
    user = user_file(tmp_path)
    load_lexicon([user])
    (entry,) = entries(where)
    entry.write_bytes(entry.read_bytes()[:100])
    assert load_lexicon([user]) == build_lexicon(extra=[user])
    assert entry.stat().st_size > 100


def test_bad_user_file_still_fails_and_is_not_cached(where: Path, tmp_path: Path) -> None:
    bad = user_file(tmp_path, 'verbs:\n  ponder: {code: "999"}\n')
    for _ in range(2):
        with pytest.raises(ConfigError, match="unknown CAMEO code"):
            load_lexicon([bad])
    assert entries(where) == []
    with pytest.raises(ConfigError, match="cannot read"):
        load_lexicon([tmp_path / "missing.yaml"])
