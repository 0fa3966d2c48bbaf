"""The KB cache: a cached load gives the KB a fresh build gives, and follows its inputs."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import pytest

from actorgraph.cache import CACHE_ENV
from actorgraph.errors import KnowledgeBaseError
from actorgraph.kb import KnowledgeBase

USER = """
- {id: org/quillmark-union, name: Quillmark Union, type: organization, aliases: [QMU]}
- {id: person/odo-venn, name: Odo Venn, type: person,
   roles: [{relation: leader_of, org: org/quillmark-union, start: 2011}]}
- {id: state/varnholt, name: Varnholt, type: state, demonyms: [Varnholti]}
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(where))
    return where


def user_file(tmp_path: Path, text: str = USER) -> Path:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def same(a: KnowledgeBase, b: KnowledgeBase) -> None:
    assert [e.id for e in a] == [e.id for e in b]
    for x, y in zip(a, b, strict=True):
        assert x.model_dump() == y.model_dump()
        assert x.model_fields_set == y.model_fields_set
        assert type(x) is type(y)
    assert a._names == b._names and a._demonyms == b._demonyms
    assert a._redirect == b._redirect and a._first_words == b._first_words
    assert a._surnames == b._surnames


def test_cached_builtin_kb_equals_a_fresh_build(cache: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    fresh = KnowledgeBase.load([path], cache=False)
    assert not cache.exists()
    first = KnowledgeBase.load([path])  # builds and writes the cache
    assert len(list(cache.glob("kb-*.marshal"))) == 1
    second = KnowledgeBase.load([path])  # reads it
    same(fresh, first)
    same(fresh, second)
    # Queries behave alike, redirects and lazily built indexes included.
    assert second.lookup("QMU")[0].id == "org/quillmark-union"
    assert second.demonym("Varnholtis").id == "state/varnholt"  # type: ignore[union-attr]
    assert [p.id for p, _ in second.people_with_role("org/quillmark-union", on="2015")] == [
        "person/odo-venn"
    ]
    assert [p.id for p in second.people_by_surname("venn")] == ["person/odo-venn"]
    assert second.people_by_surname("odo") == []
    redirected = next(iter(fresh._redirect))
    assert second.get(redirected) == fresh.get(redirected)
    assert second.rank("org/quillmark-union") == fresh.rank("org/quillmark-union") == 2
    # The cache stores ranks above 0 alone: the others still read 0, unknown ids still fail.
    assert [second.rank(e.id) for e in second] == [fresh.rank(e.id) for e in fresh]
    assert 0 in {second.rank(e.id) for e in second}
    for kb in (fresh, second):
        with pytest.raises(KeyError):
            kb.rank("org/not-in-any-file")


def test_edited_user_file_is_not_served_from_the_cache(cache: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    assert KnowledgeBase.load([path], builtin=False).lookup("QMU")
    user_file(tmp_path, USER.replace("QMU", "Q.M. Union"))
    kb = KnowledgeBase.load([path], builtin=False)
    assert kb.lookup("QMU") == []
    assert kb.lookup("QM Union")[0].id == "org/quillmark-union"
    assert len(list(cache.glob("kb-*.marshal"))) == 2


def test_damaged_cache_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    KnowledgeBase.load([path], builtin=False)
    (cached,) = cache.glob("kb-*.marshal")
    cached.write_bytes(cached.read_bytes()[:100])
    kb = KnowledgeBase.load([path], builtin=False)
    assert kb.lookup("Odo Venn")[0].id == "person/odo-venn"
    same(kb, KnowledgeBase.load([path], builtin=False, cache=False))
    assert cached.stat().st_size > 100


def test_cache_damaged_inside_an_entry_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    # Entries are read lazily, one by one: damage in one must be caught when the file is read,
    # not later when a query reaches that entry.
    path = user_file(tmp_path)
    KnowledgeBase.load([path], builtin=False)
    (cached,) = cache.glob("kb-*.marshal")
    data = bytearray(cached.read_bytes())
    at = data.index(b"Odo Venn")
    data[at : at + 8] = b"Odd Venn"
    cached.write_bytes(bytes(data))
    kb = KnowledgeBase.load([path], builtin=False)
    assert kb.get("person/odo-venn").name == "Odo Venn"  # type: ignore[union-attr]
    same(kb, KnowledgeBase.load([path], builtin=False, cache=False))
    assert b"Odo Venn" in cached.read_bytes()
    cached.write_bytes(b"")
    assert KnowledgeBase.load([path], builtin=False).lookup("QMU")


def test_cached_kb_indexes_give_the_same_entries(cache: Path, tmp_path: Path) -> None:
    text = USER + (
        "- {id: org/quill-youth, name: Quill Youth, type: organization,"
        " parent: org/quillmark-union}\n"
    )
    path = user_file(tmp_path, text)
    fresh = KnowledgeBase.load([path], builtin=False, cache=False)
    KnowledgeBase.load([path], builtin=False)
    cached = KnowledgeBase.load([path], builtin=False)
    for kb in (fresh, cached):
        assert [c.id for c in kb.children("org/quillmark-union")] == ["org/quill-youth"]
        ((person, role),) = kb.people_with_role("org/quillmark-union", "leader_of")
        assert role is person.roles[0] and person is kb.get("person/odo-venn")
        assert kb.people_with_role("org/quillmark-union", "member_of") == []
        assert kb.people_with_role("org/quillmark-union", on="2001") == []
    assert cached.children("org/quill-youth") == []
    assert len(cached) == len(fresh) == 4


def test_cached_kb_copies_and_pickles(cache: Path, tmp_path: Path) -> None:
    path = user_file(tmp_path)
    KnowledgeBase.load([path], builtin=False)
    cached = KnowledgeBase.load([path], builtin=False)
    assert cached.lookup("QMU")  # one entry built, the others not yet
    for other in (pickle.loads(pickle.dumps(cached)), copy.deepcopy(cached)):
        same(other, cached)
        assert other.rank("person/odo-venn") == 2
        assert other.people_by_surname("venn")[0].id == "person/odo-venn"


def test_cache_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = user_file(tmp_path)
    monkeypatch.setenv(CACHE_ENV, "off")
    assert KnowledgeBase.load([path], builtin=False).lookup("QMU")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    assert KnowledgeBase.load([path], builtin=False).lookup("QMU")


def test_bad_user_file_still_fails_and_is_not_cached(cache: Path, tmp_path: Path) -> None:
    bad = user_file(tmp_path, "- {id: a, name: A, type: spaceship}\n")
    for _ in range(2):
        with pytest.raises(KnowledgeBaseError, match="type"):
            KnowledgeBase.load([bad], builtin=False)
    assert not list(cache.glob("kb-*.marshal"))
    with pytest.raises(KnowledgeBaseError, match="nothere"):
        KnowledgeBase.load([tmp_path / "nothere.yaml"], builtin=False)
