"""Load, merge and index the knowledge base: phoenix.json, curated.yaml, then users' files."""

from __future__ import annotations

import contextlib
import datetime as _dt
import functools
import gc
import json
import marshal
import re
import threading
import unicodedata
import zlib
from collections.abc import Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from pydantic import ValidationError

from actorgraph.cache import digest, read_entry, write_entry
from actorgraph.errors import KnowledgeBaseError
from actorgraph.kb.model import KBEntry, Role

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"
PHOENIX_FILE = DATA_DIR / "phoenix.json"
CURATED_FILE = DATA_DIR / "curated.yaml"

# Bump when the cached state's layout changes; the loader's own source is hashed too, so a
# change to how the index is built invalidates old caches without a bump.
_CACHE_FORMAT = 4

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_ABBREV_DOTS = re.compile(r"(?<=\w)\.+")
_HYPHENS = re.compile(r"[\-‐‑‒–—_]+")
_SPACES = re.compile(r"\s+")

# Type order for lookup(): the more specific kind of actor first.
_TYPE_ORDER = {"person": 0, "organization": 1, "group": 2, "place": 3, "state": 4}
_COMPATIBLE = {"organization": "org", "group": "org", "person": "person"}


# Memoised: resolution asks again and again for the same words (some 70k calls on 150 news
# articles, most of them repeats); the result depends on the string alone.
@functools.lru_cache(maxsize=1 << 16)
def normalize_name(s: str) -> str:
    """The key two names must share to be the same name.

    In order: Unicode NFKD with combining marks (diacritics) removed; curly quotes,
    primes and backticks become ``'``; casefold; dots inside or after a word are dropped
    (``U.S.`` == ``US``); hyphens, dashes and underscores become spaces (``al-Aruri`` ==
    ``al aruri``); whitespace is collapsed and trimmed; a leading ``the`` is dropped; a final
    possessive ``'s`` or ``'`` is dropped. The result is idempotent.
    """
    if s.isascii():
        # Fast path for the common case: nothing to decompose, no curly quotes.
        text = s.replace("`", "'").lower()
    else:
        text = _strip_marks(s).translate(_QUOTES).casefold()
        # casefold can create new combining sequences (e.g. for ligatures); normalise again.
        text = _strip_marks(text)
    text = _SPACES.sub(" ", _HYPHENS.sub(" ", _ABBREV_DOTS.sub("", text))).strip()
    while text.startswith("the ") or text.endswith("'") or text.endswith("'s"):
        if text.startswith("the "):
            text = text[4:]
        text = _POSSESSIVE.sub("", text)
        text = _SPACES.sub(" ", _ABBREV_DOTS.sub("", text)).strip()
    return text


def _strip_marks(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _date_bounds(value: str) -> tuple[str, str]:
    """``2017`` -> (``2017-01-01``, ``2017-12-31``); a full date gives itself twice."""
    parts = value.split("-")
    lo = [parts[0], *(parts[1:] or ["01"]), *(["01"] if len(parts) < 3 else [])][:3]
    hi = [parts[0], *(parts[1:] or ["12"]), *(["31"] if len(parts) < 3 else [])][:3]
    return "-".join(lo), "-".join(hi)


def role_valid_on(role: Role, on: str) -> bool:
    """True if the role's period overlaps the (possibly partial) date ``on``."""
    on_lo, on_hi = _date_bounds(on)
    if role.start and _date_bounds(role.start)[0] > on_hi:
        return False
    return not (role.end and _date_bounds(role.end)[1] < on_lo)


def _same_country(a: KBEntry, b: KBEntry) -> bool:
    return not a.country or not b.country or a.country == b.country


def _coerce_dates(item: dict[str, Any]) -> dict[str, Any]:
    """YAML reads 2017 as an int and 2017-05-01 as a date; roles want strings."""
    roles = item.get("roles")
    if not isinstance(roles, list):
        return item
    fixed = []
    for r in roles:
        if isinstance(r, dict):
            r = {
                k: (str(v) if k in ("start", "end") and isinstance(v, int | _dt.date) else v)
                for k, v in r.items()
            }
        fixed.append(r)
    return {**item, "roles": fixed}


@dataclass
class _Layer:
    path: str
    rank: int  # 0 phoenix, 1 curated, 2+ user files in order


def _read_yaml(path: Path) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(
            f"cannot read knowledge-base file ({exc.__class__.__name__}); check the path",
            path=str(path),
        ) from None
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" at line {line + 1}" if line is not None else ""
        raise KnowledgeBaseError(f"not valid YAML{where}; fix the syntax", path=str(path)) from None
    if data is None:
        return []
    if isinstance(data, dict):
        if set(data) - {"entries"}:
            extra = ", ".join(sorted(map(str, set(data) - {"entries"})))
            raise KnowledgeBaseError(
                f"unknown top-level key(s) {extra}; use 'entries:' or a bare list", path=str(path)
            )
        data = data.get("entries") or []
    if not isinstance(data, list):
        raise KnowledgeBaseError(
            "must be a list of entries or a mapping with 'entries:'", path=str(path)
        )
    return data


def _validate(items: list[Any], path: Path, origin: str) -> list[KBEntry]:
    out: list[KBEntry] = []
    for i, item in enumerate(items):
        label = f"entry {i + 1}"
        if isinstance(item, dict) and item.get("id"):
            label += f" (id {item['id']})"
        if not isinstance(item, dict):
            raise KnowledgeBaseError(f"{label}: must be a mapping of fields", path=str(path))
        try:
            entry = KBEntry.model_validate(_coerce_dates(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"]) or "(entry)"
            raise KnowledgeBaseError(
                f"{label}: field '{loc}': {err['msg']}", path=str(path)
            ) from None
        if entry.origin is None:
            entry = entry.model_copy(update={"origin": origin})
        out.append(entry)
    return out


def _phoenix_entries(path: Path) -> list[KBEntry]:
    """Trusted, generated data: built with model_construct (validated once by the tests)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(
            f"cannot read built-in Phoenix data ({exc}); regenerate with scripts/build_kb.py",
            path=str(path),
        ) from None
    out: list[KBEntry] = []
    role = Role.model_construct
    # Every field is passed explicitly: model_construct is slow at filling in defaults.
    entry_defaults = {
        n: f.get_default(call_default_factory=True)
        for n, f in KBEntry.model_fields.items()
        if not f.is_required()
    }
    role_defaults = {
        n: f.get_default() for n, f in Role.model_fields.items() if not f.is_required()
    }
    new = object.__new__
    setattr_ = object.__setattr__
    for row in doc["entries"]:
        roles = row.get("roles")
        full = {**entry_defaults, "aliases": [], "demonyms": [], "roles": [], **row}
        if roles:
            full["roles"] = [role(**{**role_defaults, **r}) for r in roles]
        # What model_construct does, without its per-call overhead (30k entries).
        obj = new(KBEntry)
        setattr_(obj, "__dict__", full)
        setattr_(obj, "__pydantic_fields_set__", set(row))
        setattr_(obj, "__pydantic_extra__", None)
        setattr_(obj, "__pydantic_private__", None)
        out.append(obj)
    return out


class KnowledgeBase:
    """All KB entries, merged by precedence and indexed by normalised name."""

    def __init__(self, layers: Sequence[tuple[_Layer, list[KBEntry]]]) -> None:
        self._by_id: MutableMapping[str, KBEntry] = {}
        self._rank: dict[str, int] = {}
        self._source: dict[str, str] = {}
        self._redirect: dict[str, str] = {}
        for layer, entries in layers:
            seen: set[str] = set()
            for e in entries:
                if e.id in seen:
                    raise KnowledgeBaseError(
                        f"id {e.id} appears twice in the file; ids must be unique",
                        path=layer.path,
                    )
                seen.add(e.id)
                self._by_id[e.id] = e
                self._rank[e.id] = layer.rank
                self._source[e.id] = layer.path
        self._index()
        self._check_references()
        self._surnames = self._index_surnames()
        self._children: dict[str, list[str]] | None = None
        self._people: dict[str, list[tuple[str, int]]] | None = None

    # ------------------------------------------------------------------ building

    @classmethod
    def load(
        cls, extra: Sequence[Path | str] = (), *, builtin: bool = True, cache: bool = True
    ) -> KnowledgeBase:
        """Built-in data (phoenix.json, curated.yaml) then ``extra`` user files, later winning.

        The merged, indexed KB is cached on first use (see :mod:`actorgraph.cache`), keyed by the
        bytes of every file read and this module's code, so a later process loads it in a
        fraction of the time building it takes. ``cache=False`` always builds.

        Example: ``KnowledgeBase.load(["my-actors.yaml"]).lookup("Hizbullah")``
        """
        paths = [Path(p) for p in extra]
        with _gc_paused():
            key = _cache_key(paths, builtin) if cache else None
            if key is not None:
                kb = _read_cache(key)
                if kb is not None:
                    return kb
            kb = cls._build(paths, builtin)
            if key is not None:
                _write_cache(key, kb)
            return kb

    @classmethod
    def _build(cls, extra: Sequence[Path], builtin: bool) -> KnowledgeBase:
        layers: list[tuple[_Layer, list[KBEntry]]] = []
        if builtin:
            layers.append((_Layer(str(PHOENIX_FILE), 0), _phoenix_entries(PHOENIX_FILE)))
            items = _read_yaml(CURATED_FILE)
            layers.append((_Layer(str(CURATED_FILE), 1), _validate(items, CURATED_FILE, "curated")))
        for n, path in enumerate(extra):
            entries = _validate(_read_yaml(path), path, "user")
            layers.append((_Layer(str(path), 2 + n), entries))
        return cls(layers)

    def _state(self) -> tuple[Any, ...]:
        """Everything the queries need, as plain data that ``marshal`` writes and reads fast.

        Each entry is marshalled on its own, one after another in one string, to be read back
        only when a query reaches it (see :class:`_LazyEntries`); the indexes built on first use
        are built here instead. Ranks are kept for curated and user entries alone: the rest are
        Phoenix's, 0.
        """
        at: dict[str, int] = {}
        parts: list[bytes] = []
        size = 0
        for e in self._by_id.values():
            d = dict(e.__dict__)
            d["roles"] = [(dict(r.__dict__), tuple(r.__pydantic_fields_set__)) for r in e.roles]
            parts.append(marshal.dumps((d, tuple(e.__pydantic_fields_set__))))
            at[e.id] = size
            size += len(parts[-1])
        rank = {i: self._rank[i] for i in self._by_id if self._rank[i]}
        first = tuple(self._first_words)
        return (
            at,
            b"".join(parts),
            rank,
            self._redirect,
            self._names,
            self._demonyms,
            first,
            self._surnames,
            self._children_index(),
            self._people_index(),
        )

    @classmethod
    def _from_state(cls, state: tuple[Any, ...]) -> KnowledgeBase:
        at, blob, rank, redirect, names, demonyms, first, surnames, children, people = state
        if not isinstance(at, dict) or not isinstance(blob, bytes):
            raise TypeError("not a KB state")
        kb = object.__new__(cls)
        kb._by_id = _LazyEntries(at, blob)
        kb._rank = _SparseRanks(rank, kb._by_id)
        kb._source = {}
        kb._redirect = redirect
        kb._names = names
        kb._demonyms = demonyms
        kb._first_words = set(first)
        kb._surnames = surnames
        kb._children = children
        kb._people = people
        return kb

    @classmethod
    def default(cls) -> KnowledgeBase:
        """The built-in KB, loaded once per process."""
        return _default_kb()

    def _keys(self, e: KBEntry) -> list[str]:
        keys = [normalize_name(e.name)]
        keys += [normalize_name(a) for a in e.aliases]
        return [k for k in dict.fromkeys(keys) if k]

    def _index(self) -> None:
        claims: dict[str, list[str]] = {}
        self._entry_keys: dict[str, list[str]] = {}
        for e in self._by_id.values():
            keys = self._entry_keys[e.id] = self._keys(e)
            for k in keys:
                claims.setdefault(k, []).append(e.id)
        self._absorb(claims)
        self._names: dict[str, list[str]] = {}
        self._demonyms: dict[str, str] = {}
        for k, ids in claims.items():
            ids = [i for i in ids if i in self._by_id]
            if any(self._rank[i] > 0 for i in ids):
                # A curated or user entry claims this name: Phoenix entries lose it.
                ids = [i for i in ids if self._rank[i] > 0]
            if ids:
                self._names[k] = sorted(set(ids), key=self._sort_key)
        for e in self._by_id.values():
            for d in e.demonyms:
                key = normalize_name(d)
                current = self._demonyms.get(key)
                if current is None or self._rank[e.id] > self._rank[current]:
                    self._demonyms[key] = e.id
        self._first_words = {k.split(" ", 1)[0] for k in (*self._names, *self._demonyms)}

    def _absorb(self, claims: dict[str, list[str]]) -> None:
        """Merge a Phoenix entry into the one curated/user entry of its kind that claims its name.

        Its remaining aliases and demonyms join that entry, and its id redirects there, so the
        same actor does not appear twice. Types must match (organization and group count as
        one) and so must the country when both have one.
        """
        # A demonym that a curated or user entry declares stays theirs ("Palestinian").
        curated_demonyms = {
            normalize_name(d)
            for e in self._by_id.values()
            if self._rank[e.id] > 0
            for d in e.demonyms
        }
        for pid, p in list(self._by_id.items()):
            if self._rank[pid] != 0:
                continue
            kind = _COMPATIBLE.get(p.type, p.type)
            own = self._entry_keys[pid]
            targets = {
                i
                for i in claims.get(own[0] if own else "", [])
                if self._rank[i] > 0
                and _COMPATIBLE.get(self._by_id[i].type, self._by_id[i].type) == kind
                and (kind == "state" or _same_country(p, self._by_id[i]))
            }
            if len(targets) != 1:
                continue
            tid = targets.pop()
            target = self._by_id[tid]
            have = set(self._keys(target)) | {normalize_name(d) for d in target.demonyms}
            new_aliases = []
            for a in [p.name, *p.aliases]:
                key = normalize_name(a)
                if key and key not in have and all(self._rank[i] == 0 for i in claims.get(key, [])):
                    new_aliases.append(a)
                    have.add(key)
                    claims.setdefault(key, []).append(tid)
            new_demonyms = [
                d
                for d in p.demonyms
                if normalize_name(d) not in have and normalize_name(d) not in curated_demonyms
            ]
            self._by_id[tid] = target.model_copy(
                update={
                    "aliases": [*target.aliases, *new_aliases],
                    "demonyms": [*target.demonyms, *new_demonyms],
                }
            )
            del self._by_id[pid]
            self._redirect[pid] = tid
        for pid, tid in list(self._redirect.items()):
            while tid in self._redirect:
                tid = self._redirect[tid]
            self._redirect[pid] = tid

    def _sort_key(self, kb_id: str) -> tuple[int, int, str]:
        return (-min(self._rank[kb_id], 1), _TYPE_ORDER.get(self._by_id[kb_id].type, 9), kb_id)

    def _resolve(self, kb_id: str) -> str:
        return self._redirect.get(kb_id, kb_id)

    def _check_references(self) -> None:
        for e in self._by_id.values():
            refs = [("parent", e.parent), ("located_in", e.located_in)]
            refs += [("capital_of", e.capital_of)]
            refs += [(f"roles[{i}].org", r.org) for i, r in enumerate(e.roles)]
            for fld, ref in refs:
                if ref and self._resolve(ref) not in self._by_id:
                    raise KnowledgeBaseError(
                        f"entry {e.id}: field '{fld}' names unknown id {ref!r}; "
                        "add that entry or fix the id",
                        path=self._source.get(e.id),
                    )
            if e.capital_of:
                target = self._by_id[self._resolve(e.capital_of)]
                if target.type != "state":
                    raise KnowledgeBaseError(
                        f"entry {e.id}: field 'capital_of' names {e.capital_of!r}, "
                        f"a {target.type}, not a state; name the state whose capital this is",
                        path=self._source.get(e.id),
                    )

    # ------------------------------------------------------------------ queries

    def get(self, kb_id: str) -> KBEntry | None:
        """The entry with this id (Phoenix ids merged into a curated entry redirect to it)."""
        return self._by_id.get(self._resolve(kb_id))

    def lookup(self, name: str) -> list[KBEntry]:
        """Entries whose name or alias normalises like ``name``; curated/user first."""
        return [self._by_id[i] for i in self._names.get(normalize_name(name), [])]

    def may_start_name(self, word: str) -> bool:
        """False when no name, alias or demonym in the KB starts with ``word``: a cheap test
        that spares the resolver a lookup per possible name length at every capital."""
        key = normalize_name(word)
        if not key:
            return True
        first = key.split(" ", 1)[0]
        return first in self._first_words or (
            first.endswith("s") and first[:-1] in self._first_words
        )

    def people_by_surname(self, word: str) -> list[KBEntry]:
        """People with roles of whom a name or alias of two words or more ends with ``word``
        (normalised), in KB order: who a surname alone may mean.

        Example: ``kb.people_by_surname("varga")``
        """
        return [self._by_id[i] for i in self._surnames.get(word, [])]

    def _index_surnames(self) -> dict[str, list[str]]:
        """Built with the KB (and cached with it): the resolver asks it about any lone surname,
        and building it means normalising every person's names."""
        idx: dict[str, list[str]] = {}
        for e in self._by_id.values():
            if e.type != "person" or not e.roles:
                continue
            keys = {w[-1] for n in [e.name, *e.aliases] if len(w := normalize_name(n).split()) >= 2}
            for k in keys:
                idx.setdefault(k, []).append(e.id)
        return idx

    def may_be_name(self, text: str) -> bool:
        """False when ``text`` is neither a name or alias nor a demonym in the KB: then
        ``lookup`` finds nothing and ``demonym`` None (True does not promise either)."""
        key = normalize_name(text)
        d = self._demonyms
        return key in self._names or key in d or (key.endswith("s") and key[:-1] in d)

    def demonym(self, word: str) -> KBEntry | None:
        """The state (or place) a demonym refers to: ``Iranian``/``Iranians`` -> Iran."""
        key = normalize_name(word)
        kb_id = self._demonyms.get(key)
        if kb_id is None and key.endswith("s"):
            kb_id = self._demonyms.get(key[:-1])
        return self._by_id.get(kb_id) if kb_id else None

    def capital_state(self, kb_id: str) -> KBEntry | None:
        """The state whose capital ``kb_id`` is (``place/moscow`` -> Russia), else None.

        Metonymy: news writes "Moscow said" for the Russian government. Redirected (merged
        Phoenix) ids are followed on both sides. A city-state is its own capital.
        """
        entry = self.get(kb_id)
        if entry is None or not entry.capital_of:
            return None
        return self.get(entry.capital_of)

    def children(self, kb_id: str) -> list[KBEntry]:
        """Entries whose ``parent`` is ``kb_id``."""
        ids = self._children_index().get(self._resolve(kb_id), [])
        return [self._by_id[i] for i in ids]

    def _children_index(self) -> dict[str, list[str]]:
        """Resolved parent id -> ids of its children, in KB order (built once)."""
        if self._children is None:
            self._children = {}
            for e in self._by_id.values():
                if e.parent:
                    self._children.setdefault(self._resolve(e.parent), []).append(e.id)
        return self._children

    def people_with_role(
        self, org_id: str, relation: str | None = None, on: str | None = None
    ) -> list[tuple[KBEntry, Role]]:
        """(person, role) pairs for roles in ``org_id``, optionally by relation and date."""
        found = []
        for i, n in self._people_index().get(self._resolve(org_id), []):
            e = self._by_id[i]
            r = e.roles[n]
            if relation is not None and r.relation != relation:
                continue
            if on is None or role_valid_on(r, on):
                found.append((e, r))
        return found

    def _people_index(self) -> dict[str, list[tuple[str, int]]]:
        """Resolved org id -> (person id, index of the role) for every role, in KB order."""
        if self._people is None:
            self._people = {}
            for e in self._by_id.values():
                for n, r in enumerate(e.roles):
                    self._people.setdefault(self._resolve(r.org), []).append((e.id, n))
        return self._people

    def rank(self, kb_id: str) -> int:
        """0 for Phoenix entries, 1 for curated, 2+ for users' files in load order."""
        return self._rank[self._resolve(kb_id)]

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[KBEntry]:
        return iter(self._by_id.values())


@functools.cache
def _default_kb() -> KnowledgeBase:
    return KnowledgeBase.load()


class _LazyEntries(MutableMapping[str, KBEntry]):
    """A cached KB's entries by id, each unmarshalled on first use: a document reaches a few
    hundred of the 30k, and building them all took most of a cached load.

    Iteration keeps the KB's order; an entry is built once, so queries share its object.
    """

    __slots__ = ("_blob", "_items", "_lock")

    def __init__(self, at: dict[str, Any], blob: bytes) -> None:
        # id -> where its marshalled state starts in blob, or the KBEntry once built
        self._items: dict[str, Any] = at
        self._blob = blob
        self._lock = threading.Lock()  # threads (the web app) must get one object per entry

    def __getitem__(self, kb_id: str) -> KBEntry:
        item = self._items[kb_id]
        if type(item) is int:
            with self._lock:
                item = self._items[kb_id]
                if type(item) is int:
                    # marshal reads one object and ignores what follows it.
                    state = marshal.loads(memoryview(self._blob)[item:])
                    item = self._items[kb_id] = _entry_from_state(state)
        return item

    def __reduce__(self) -> tuple[Any, ...]:
        return (_LazyEntries, (dict(self._items), self._blob))

    def get(self, kb_id: str, default: Any = None) -> Any:
        return self[kb_id] if kb_id in self._items else default

    def __contains__(self, kb_id: object) -> bool:
        return kb_id in self._items

    def __setitem__(self, kb_id: str, entry: KBEntry) -> None:
        self._items[kb_id] = entry

    def __delitem__(self, kb_id: str) -> None:
        del self._items[kb_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)


class _SparseRanks(dict[str, int]):
    """A cached KB's ranks: those above 0 are stored, any other entry's is 0."""

    def __init__(self, ranks: dict[str, int], entries: _LazyEntries) -> None:
        super().__init__(ranks)
        self._entries = entries

    def __missing__(self, kb_id: str) -> int:
        if kb_id in self._entries:
            return 0
        raise KeyError(kb_id)


def _entry_from_state(state: tuple[dict[str, Any], Sequence[str]]) -> KBEntry:
    d, fields_set = state
    if d["roles"]:
        d["roles"] = [_bare(Role, rd, rf) for rd, rf in d["roles"]]
    return _bare(KBEntry, d, fields_set)


def _bare(
    model: type[KBEntry] | type[Role], values: dict[str, Any], fields_set: Sequence[str]
) -> Any:
    """What ``model_construct`` does, without its per-call overhead (30k entries)."""
    obj = object.__new__(model)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(fields_set))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building or reading the KB allocates some million small objects and none is garbage:
    the cyclic collector would walk them all again and again (a third of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _cache_key(extra: Sequence[Path], builtin: bool) -> str | None:
    """A digest of every input of the build, or None when a file cannot be read (the build
    then reports it the usual way). Of the ``--kb`` files, contents and order count: a file's
    path reaches nothing but build errors."""
    files = [Path(__file__), Path(__file__).with_name("model.py")]
    if builtin:
        files += [PHOENIX_FILE, CURATED_FILE]
    return digest([*files, *extra], _CACHE_FORMAT, marshal.version, builtin, len(extra))


def _read_cache(key: str) -> KnowledgeBase | None:
    data = read_entry("kb", key, "marshal")
    if data is None:
        return None
    # A checksum first: entries are unmarshalled later, one by one, when a query needs them,
    # so damage must be found now, while it can still be rebuilt.
    body = memoryview(data)[4:]
    if len(data) < 4 or int.from_bytes(data[:4], "little") != zlib.crc32(body):
        return None
    try:
        return KnowledgeBase._from_state(marshal.loads(body))
    except (ValueError, EOFError, TypeError, KeyError):
        # Damaged: build again (and rewrite it).
        return None


def _write_cache(key: str, kb: KnowledgeBase) -> None:
    def write(fh: BinaryIO) -> None:
        body = marshal.dumps(kb._state())
        fh.write(zlib.crc32(body).to_bytes(4, "little"))
        fh.write(body)

    write_entry("kb", key, "marshal", write)
