"""Regenerate data/kb/phoenix.json from the Phoenix (TABARI-format) actor dictionaries.

The curation rules live in data/kb/phoenix_fixes.yaml; this module only applies them:

* a synonym listed under ``detach`` leaves its entry and becomes (or joins) a person with a
  role in that entry, or an organisation of its own;
* a group synonym that equals the name of a Phoenix person is detached the same way (the
  person gets a ``member_of`` role), because a leader is never an alias of his group;
* synonyms that are too generic to be safe aliases (listed common words, fewer than three
  letters, numbers) are dropped;
* a country's synonym that does not look like a name of that country is a place in it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

from actorgraph.errors import KnowledgeBaseError
from actorgraph.kb.loader import normalize_name
from actorgraph.kb.model import KBEntry, Role

PHOENIX_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.MilNonState.actors.txt",
    "Phoenix.International.actors.txt",
)
DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "kb"
DEFAULT_FIXES = DATA_DIR / "phoenix_fixes.yaml"
DEFAULT_OUTPUT = DATA_DIR / "phoenix.json"

_CODE_RE = re.compile(r"\[([^\]]*)\]")
_DATE_RE = re.compile(r"^\d{6}$|^\d{8}$")


@dataclass
class Code:
    """One bracketed Phoenix code, e.g. ``[LBNGOV 880923-901013]``."""

    code: str
    start: str | None = None
    end: str | None = None
    dated: bool = False


@dataclass
class RawEntry:
    """One dictionary entry as written: headline, ``+`` synonyms and codes."""

    name: str
    source: str
    line: int
    synonyms: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)


@dataclass
class Fixes:
    """The curation data of phoenix_fixes.yaml."""

    common_words: set[str]
    title_words: set[str]
    state_name_words: set[str]
    particles: set[str]
    sector_titles: dict[str, str]
    non_role_sectors: set[str]
    international_prefixes: set[str]
    place_words: set[str]
    persons: set[str]
    org_words: set[str]
    detach: list[dict[str, Any]]
    drop: list[dict[str, Any]]


# --------------------------------------------------------------------------- parsing


def _phoenix_date(raw: str) -> str | None:
    """``880923`` -> ``1988-09-23``; ``20140724`` -> ``2014-07-24``; else None."""
    if not _DATE_RE.match(raw):
        return None
    if len(raw) == 6:
        # Phoenix two-digit years cover 1900-2029: CountryInfo stops before 2015.
        yy = int(raw[:2])
        raw = f"{2000 + yy if yy < 30 else 1900 + yy}{raw[2:]}"
    year, month, day = raw[:4], raw[4:6], raw[6:8]
    if not ("01" <= month <= "12"):
        return year
    if not ("01" <= day <= "31"):
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


def _parse_code(body: str) -> Code | None:
    parts = body.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    code = Code(parts[0])
    rest = "".join(parts[1:])
    if not rest:
        return code
    code.dated = True
    if rest.startswith(">"):
        code.start = _phoenix_date(rest[1:])
    elif rest.startswith("<"):
        code.end = _phoenix_date(rest[1:])
    elif "-" in rest:
        lo, _, hi = rest.partition("-")
        code.start, code.end = _phoenix_date(lo), _phoenix_date(hi)
    return code


def parse_actor_text(text: str, source: str) -> list[RawEntry]:
    """Parse one TABARI actor dictionary into raw entries (comments and blank lines ignored)."""
    entries: list[RawEntry] = []
    current: RawEntry | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        content = line.split("#", 1)[0]
        if not content.strip():
            continue
        codes = [c for c in (_parse_code(m) for m in _CODE_RE.findall(content)) if c]
        words = _CODE_RE.sub(" ", content).strip()
        if content[0] in " \t" and not words:
            if current is not None:
                current.codes.extend(codes)
            continue
        stripped = content.strip()
        if stripped.startswith("+"):
            if current is None:
                continue
            # A missing newline in the source glues two synonyms: ``+A_+B_``.
            for syn in words.split("+"):
                if syn.strip():
                    current.synonyms.append(syn.strip())
            current.codes.extend(codes)
            continue
        current = RawEntry(words, source, lineno, codes=codes)
        entries.append(current)
    return entries


# --------------------------------------------------------------------------- names

_VOWELS = set("AEIOUY")


def display_name(raw: str, particles: set[str], *, acronyms: bool = False) -> str:
    """``KHALED_MESHAAL`` -> ``Khaled Meshaal``; ``AL-AQSA_X`` -> ``al-Aqsa X``."""
    tokens = [t for t in re.split(r"[_\s]+", raw.strip(" _")) if t]
    # Only a one-word organisation name is taken as an acronym (IDF, PKK), never "ON" or "GOD".
    acronyms = acronyms and len(tokens) == 1
    out: list[str] = []
    for i, tok in enumerate(tokens):
        out.append(_display_token(tok, particles, first=i == 0, acronyms=acronyms))
    return " ".join(out)


def _display_token(tok: str, particles: set[str], *, first: bool, acronyms: bool) -> str:
    letters = re.sub(r"[^A-Z]", "", tok.upper())
    if "." in tok or (letters and not (_VOWELS & set(letters))):
        return tok.upper()
    if acronyms and len(letters) <= 5 and tok.isupper() and tok.upper() not in particles:
        return tok.upper()
    pieces = tok.split("-")
    shown: list[str] = []
    for j, piece in enumerate(pieces):
        low = piece.lower()
        is_first = first and j == 0
        if piece.upper() in particles and not (is_first and len(pieces) == 1):
            shown.append(low)
        else:
            shown.append(_cap(low))
    return "-".join(shown)


def _cap(word: str) -> str:
    # Capitalise after apostrophes only for O'/D' style prefixes, not possessives.
    if not word:
        return word
    if word.startswith("(") and len(word) > 1:
        return "(" + _cap(word[1:])
    head = word[0].upper() + word[1:]
    m = re.match(r"^([A-Za-z])'([a-z]{2,})$", head)
    if m and m.group(1) in "OD":
        head = f"{m.group(1)}'{m.group(2).capitalize()}"
    return head


def slugify(name: str) -> str:
    """A lowercase ASCII slug for ids."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "entry"


def _split_acronym(raw: str) -> tuple[str, str | None]:
    """``ANIMAL_LIBERATION_FRONT_(ALF)_`` -> (``ANIMAL_LIBERATION_FRONT``, ``ALF``)."""
    m = re.search(r"\(([A-Z0-9.\-]{2,})\)", raw)
    if not m:
        return raw, None
    rest = (raw[: m.start()] + raw[m.end() :]).strip(" _")
    return rest, m.group(1)


# --------------------------------------------------------------------------- fixes


def load_fixes(path: Path = DEFAULT_FIXES) -> Fixes:
    """Read phoenix_fixes.yaml."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"cannot read fixes file: {exc}", path=str(path)) from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError("fixes file must be a mapping", path=str(path))

    def words(key: str) -> set[str]:
        return {str(w).upper() for w in data.get(key) or []}

    for i, item in enumerate([*(data.get("detach") or []), *(data.get("drop") or [])]):
        if not isinstance(item, dict) or "entry" not in item or not item.get("synonyms"):
            raise KnowledgeBaseError(
                f"detach/drop item {i} needs 'entry' and 'synonyms'", path=str(path)
            )
    return Fixes(
        common_words={normalize_name(w) for w in data.get("common_words") or []},
        title_words=words("title_words"),
        state_name_words=words("state_name_words"),
        particles=words("particles"),
        sector_titles={str(k): str(v) for k, v in (data.get("sector_titles") or {}).items()},
        non_role_sectors=words("non_role_sectors"),
        international_prefixes=words("international_prefixes"),
        place_words=words("place_words"),
        persons={normalize_name(str(p)) for p in data.get("persons") or []},
        org_words=words("org_words"),
        detach=list(data.get("detach") or []),
        drop=list(data.get("drop") or []),
    )


# --------------------------------------------------------------------------- building


@dataclass
class _Draft:
    """A mutable entry while the builder works on it."""

    name: str
    type: str
    raw: RawEntry | None = None
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    located_in: _Draft | None = None
    roles: list[tuple[str, _Draft, str | None, str | None, str | None]] = field(
        default_factory=list
    )
    id: str = ""
    code: str | None = None

    def name_keys(self) -> set[str]:
        return {normalize_name(n) for n in [self.name, *self.aliases]}


class PhoenixBuilder:
    """Turns raw Phoenix entries into KB entries, applying the fixes."""

    def __init__(self, raw: Mapping[str, list[RawEntry]], fixes: Fixes) -> None:
        self.raw = raw
        self.fixes = fixes
        self.drafts: list[_Draft] = []
        self.state_codes: dict[str, _Draft] = {}
        self.code_owners: dict[str, list[_Draft]] = {}
        self.person_index: dict[str, _Draft] = {}
        self.stats: dict[str, int] = {}

    # -- helpers
    def _count(self, key: str, n: int = 1) -> None:
        self.stats[key] = self.stats.get(key, 0) + n

    def _name(self, raw: str, *, acronyms: bool = False) -> str:
        return display_name(raw, self.fixes.particles, acronyms=acronyms)

    def _strip_titles(self, raw: str) -> str:
        """Drop leading titles (``PRIME_MINISTER_``, ``ISRAELI_PRESIDENT_``) from a person name."""
        tokens = [t for t in re.split(r"[_\s]+", raw.strip(" _")) if t]
        i = 0
        demonyms = self._state_words
        while i < len(tokens) - 1:
            tok = tokens[i].upper()
            if tok in self.fixes.title_words or (
                tok in demonyms and tokens[i + 1].upper() in self.fixes.title_words
            ):
                i += 1
            else:
                break
        return "_".join(tokens[i:])

    def _too_generic(self, alias: str) -> bool:
        key = normalize_name(alias)
        letters = re.sub(r"[^a-z]", "", key)
        return len(letters) < 3 or key in self.fixes.common_words

    def _non_role(self, code: str) -> bool:
        chunks = {code[i : i + 3] for i in range(0, len(code), 3)}
        return bool(chunks & self.fixes.non_role_sectors)

    def _split(self, code: str) -> tuple[str | None, str | None]:
        """Code -> (country, sector): ``PSEREBHMS`` -> (PSE, REB), ``IGOUNO`` -> (None, IGO)."""
        chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
        country = chunks[0] if chunks[0] in self.state_codes else None
        # IGO/NGO/MNC codes name the country second (NGOUSA); elsewhere a second triple is a
        # religion or group code (IMGMUSALQ: MUS is Muslim there, not Mauritius).
        if country is None and chunks[0] in self.fixes.international_prefixes and len(chunks) > 1:
            country = chunks[1] if chunks[1] in self.state_codes else None
        sector = next((c for c in chunks if c in self.fixes.sector_titles), None)
        return country, sector

    # -- passes
    def build(self) -> list[KBEntry]:
        """Run every pass and return validated entries."""
        self._states()
        self._state_words = {
            w.upper() for d in self.state_codes.values() for w in [*d.aliases, *d.demonyms]
        }
        self._state_words |= {d.name.upper() for d in self.state_codes.values()}
        self._state_raw = {id(d.raw) for d in self.state_codes.values()}
        self._actors()
        self._index_people()
        self._apply_fixes()
        self._detach_people()
        self._merge_people_coded_as_groups()
        self._resolve_roles()
        self._assign_ids()
        return [self._entry(d) for d in self.drafts]

    def _states(self) -> None:
        for raw in self.raw.get(PHOENIX_FILES[0], []):
            if len(raw.codes) == 1 and re.fullmatch(r"[A-Z]{3}", raw.codes[0].code):
                if raw.codes[0].dated:
                    continue
                code = raw.codes[0].code
                if code in self.state_codes:
                    continue
                draft = _Draft(self._name(raw.name), "state", raw, country=code, code=code)
                self.state_codes[code] = draft
                self.drafts.append(draft)
        for draft in list(self.state_codes.values()):
            self._state_synonyms(draft)

    def _state_synonyms(self, state: _Draft) -> None:
        assert state.raw is not None
        base = re.sub(r"[^A-Z]", "", state.raw.name.upper())
        for syn in state.raw.synonyms:
            shown = self._name(syn)
            letters = re.sub(r"[^A-Z]", "", syn.upper())
            words = set(re.split(r"[_\s\-]+", syn.upper().strip(" _")))
            if self._too_generic(shown):
                self._count("dropped_generic")
                continue
            ratio = SequenceMatcher(None, letters, base).ratio()
            if words & self.fixes.place_words:
                self._place(shown, state)
                continue
            # A demonym extends the country's stem (ISRAELI, MEXICAN); a misspelling of the
            # name (AFGANISTAN) does not end in a demonym suffix once -STAN is excluded.
            if (
                letters != base
                and letters[:4] == base[:4]
                and re.search(r"(I|IS|IAN|IANS|ESE|ISH|AN|ANS|ER|ERS)$", letters)
                and not letters.endswith("STAN")
                and ratio >= 0.5
            ):
                state.demonyms.append(shown)
                continue
            # Misspellings keep the first letter (EJIPT); cities rarely do and are less alike.
            similar = (ratio >= 0.6 and letters[:1] == base[:1]) or ratio >= 0.75
            if similar or base in letters or words & self.fixes.state_name_words:
                state.aliases.append(shown)
            else:
                self._place(shown, state)

    def _place(self, name: str, state: _Draft) -> None:
        self.drafts.append(_Draft(name, "place", None, country=state.country, located_in=state))
        self._count("places")

    def _actors(self) -> None:
        for entries in self.raw.values():
            for raw in entries:
                self._actor(raw)

    def _actor(self, raw: RawEntry) -> None:
        if not raw.codes or id(raw) in self._state_raw:
            return
        codes = [c for c in raw.codes if c.code != "---"]
        if not codes:
            return
        is_person = (
            any(c.dated for c in codes)
            or any(self._non_role(c.code) for c in codes)
            or normalize_name(self._name(raw.name)) in self.fixes.persons
        )
        # Dated codes on an ARMY/FRONT/STATE... name mean a group with a time span, not a person.
        if set(re.split(r"[_\s\-]+", raw.name.upper())) & self.fixes.org_words:
            is_person = False
        base, acronym = _split_acronym(raw.name)
        if is_person:
            draft = _Draft(self._name(self._strip_titles(base)), "person", raw)
        else:
            draft = _Draft(self._name(base, acronyms=True), "organization", raw)
            draft.code = codes[0].code
            self.code_owners.setdefault(draft.code, []).append(draft)
        country, sector = self._split(codes[0].code)
        draft.country = country
        draft.sector = None if is_person else sector
        if acronym and not self._too_generic(acronym):
            draft.aliases.append(acronym)
        for syn in raw.synonyms:
            shown = self._name(self._strip_titles(syn) if is_person else syn, acronyms=True)
            if self._too_generic(shown):
                self._count("dropped_generic")
                continue
            draft.aliases.append(shown)
        self.drafts.append(draft)

    def _index_people(self) -> None:
        for d in self.drafts:
            if d.type == "person":
                for key in d.name_keys():
                    self.person_index.setdefault(key, d)

    def _find(self, raw_name: str) -> _Draft | None:
        """The entry whose Phoenix headline is ``raw_name`` (first one in file order)."""
        if not hasattr(self, "_headlines"):
            self._headlines: dict[str, _Draft] = {}
            for d in self.drafts:
                if d.raw is not None and d.type != "place":
                    self._headlines.setdefault(normalize_name(self._name(d.raw.name)), d)
        return self._headlines.get(normalize_name(self._name(raw_name)))

    def _remove_aliases(self, draft: _Draft, synonyms: Sequence[str]) -> list[str]:
        keys = {normalize_name(self._name(s)) for s in synonyms}
        keys |= {normalize_name(self._name(self._strip_titles(s))) for s in synonyms}
        removed = [a for a in draft.aliases if normalize_name(a) in keys]
        draft.aliases = [a for a in draft.aliases if normalize_name(a) not in keys]
        return removed

    def _apply_fixes(self) -> None:
        for item in self.fixes.drop:
            owner = self._find(str(item["entry"]))
            if owner is None:
                raise KnowledgeBaseError(f"phoenix_fixes drop: no entry {item['entry']!r}")
            self._count("dropped_fixes", len(self._remove_aliases(owner, item["synonyms"])))
        for item in self.fixes.detach:
            owner = self._find(str(item["entry"]))
            if owner is None:
                raise KnowledgeBaseError(f"phoenix_fixes detach: no entry {item['entry']!r}")
            synonyms = [str(s) for s in item["synonyms"]]
            self._remove_aliases(owner, synonyms)
            names = [self._name(self._strip_titles(s)) for s in synonyms]
            target_name = str(item.get("name") or names[0])
            kind = str(item.get("as", "person"))
            if kind == "person":
                person = self.person_index.get(normalize_name(target_name))
                if person is None or person is owner:
                    person = _Draft(target_name, "person", None, country=owner.country)
                    self.drafts.append(person)
                    for key in person.name_keys():
                        self.person_index[key] = person
                self._add_aliases(person, names)
                if owner.type != "person":
                    person.roles.append(
                        (
                            str(item.get("relation", "member_of")),
                            owner,
                            item.get("title"),
                            _opt(item.get("start")),
                            _opt(item.get("end")),
                        )
                    )
            else:
                org = _Draft(
                    target_name,
                    "organization",
                    None,
                    country=item.get("country", owner.country),
                    sector=item.get("sector", owner.sector),
                )
                self._add_aliases(org, names)
                self.drafts.append(org)
            self._count("detached_fixes", len(synonyms))

    def _add_aliases(self, draft: _Draft, names: Iterable[str]) -> None:
        have = draft.name_keys()
        for n in names:
            key = normalize_name(n)
            if key not in have and not self._too_generic(n):
                draft.aliases.append(n)
                have.add(key)

    def _detach_people(self) -> None:
        """A group synonym naming a Phoenix person leaves the group; the person gets a role."""
        for d in self.drafts:
            if d.type != "organization":
                continue
            keep: list[str] = []
            for alias in d.aliases:
                person = self.person_index.get(normalize_name(alias))
                if person is None or person is d:
                    keep.append(alias)
                    continue
                if not any(r[1] is d for r in person.roles):
                    person.roles.append(("member_of", d, None, None, None))
                self._count("detached_people")
            d.aliases = keep

    def _merge_people_coded_as_groups(self) -> None:
        """An undated "group" named exactly like a Phoenix person is that person."""
        drop: set[int] = set()
        for d in self.drafts:
            if d.type != "organization" or d.raw is None:
                continue
            person = self.person_index.get(normalize_name(d.name))
            if person is None or person is d:
                continue
            self._add_aliases(person, d.aliases)
            drop.add(id(d))
            self._count("merged_into_people")
        self.drafts = [d for d in self.drafts if id(d) not in drop]
        for code, owners in list(self.code_owners.items()):
            self.code_owners[code] = [o for o in owners if id(o) not in drop]

    def _resolve_roles(self) -> None:
        for d in self.drafts:
            if d.type != "person" or d.raw is None:
                continue
            seen: set[tuple[str, int, str | None, str | None]] = set()
            for c in d.raw.codes:
                country = self._split(c.code)[0]
                if self._non_role(c.code):
                    continue
                # The organisation that first defines this exact code (HAMAS for PSEREBHMS),
                # else the country.
                # A bare country+sector code (AFGGOV) means the state, not some office coded so.
                specific = len(c.code) > 6 or c.code[:3] not in self.state_codes
                owners = self.code_owners.get(c.code, []) if specific else []
                # Phoenix lists leaders right after their group: take the nearest owner above.
                above = [
                    o
                    for o in owners
                    if o.raw and o.raw.source == d.raw.source and o.raw.line < d.raw.line
                ]
                org = above[-1] if above else (owners[0] if owners else None)
                if org is None and country:
                    org = self.state_codes[country]
                if org is None:
                    continue
                rest = c.code[3:] if country and c.code.startswith(country) else c.code
                chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
                titles = [
                    self.fixes.sector_titles[x] for x in chunks if x in self.fixes.sector_titles
                ]
                title = " ".join(titles) or None
                key = (title or "", id(org), c.start, c.end)
                if key in seen:
                    continue
                seen.add(key)
                d.roles.append(("member_of", org, title, c.start, c.end))

    def _assign_ids(self) -> None:
        used: set[str] = set()
        for d in self.drafts:
            slug = slugify(d.name)
            candidates = [slug]
            if d.country:
                candidates.append(f"{slug}-{d.country.lower()}")
            candidates += [f"{slug}-{n}" for n in range(2, 10_000)]
            d.id = next(f"phoenix/{c}" for c in candidates if f"phoenix/{c}" not in used)
            used.add(d.id)

    def _entry(self, d: _Draft) -> KBEntry:
        aliases: list[str] = []
        seen = {normalize_name(d.name)}
        for a in d.aliases:
            key = normalize_name(a)
            if key not in seen:
                seen.add(key)
                aliases.append(a)
        demonyms = list(dict.fromkeys(d.demonyms))
        roles = [
            Role(relation=rel, title=title, org=org.id, start=start, end=end)  # type: ignore[arg-type]
            for rel, org, title, start, end in d.roles
        ]
        return KBEntry.model_validate(
            dict(
                id=d.id,
                name=d.name,
                type=d.type,
                aliases=aliases,
                demonyms=demonyms,
                country=d.country,
                sector=d.sector,
                located_in=d.located_in.id if d.located_in else None,
                roles=roles,
                origin="phoenix",
            )
        )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def read_phoenix(phoenix_dir: Path) -> dict[str, list[RawEntry]]:
    """Parse the three actor dictionaries of a Phoenix folder."""
    out: dict[str, list[RawEntry]] = {}
    for name in PHOENIX_FILES:
        path = phoenix_dir / name
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise KnowledgeBaseError(
                f"cannot read Phoenix dictionary: {exc}", path=str(path)
            ) from None
        out[name] = parse_actor_text(text, name)
    return out


def build_entries(
    raw: Mapping[str, list[RawEntry]], fixes: Fixes
) -> tuple[list[KBEntry], dict[str, int]]:
    """Build KB entries from parsed dictionaries; also return counters for the report."""
    builder = PhoenixBuilder(raw, fixes)
    entries = builder.build()
    return entries, builder.stats


def dump_entries(entries: Sequence[KBEntry], output: Path, meta: Mapping[str, Any]) -> None:
    """Write entries as compact JSON, leaving out empty fields."""
    rows = [e.model_dump(exclude_defaults=True) for e in entries]
    doc = {"meta": dict(meta), "entries": rows}
    output.write_text(
        json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )


def build_phoenix_kb(
    phoenix_dir: Path, output: Path = DEFAULT_OUTPUT, fixes_path: Path = DEFAULT_FIXES
) -> dict[str, int]:
    """Parse, curate and write phoenix.json; return counts by type and by fix."""
    entries, stats = build_entries(read_phoenix(phoenix_dir), load_fixes(fixes_path))
    meta = {
        "source": "openeventdata/petrarch2 Phoenix dictionaries (MIT); see SOURCE.md",
        "files": list(PHOENIX_FILES),
    }
    dump_entries(entries, output, meta)
    counts = dict(stats)
    for e in entries:
        counts[f"type_{e.type}"] = counts.get(f"type_{e.type}", 0) + 1
    counts["entries"] = len(entries)
    return counts
