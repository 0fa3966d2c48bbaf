"""Gold annotation files: typed models and a loader that names the broken item on error.

The format is that of the shared seed gold file; its header states the matching rules that
:mod:`actorgraph.evaluate.score` implements.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from actorgraph.concepts import PLOVER_TYPES, RELATION_TYPES, Modality
from actorgraph.errors import GoldFileError
from actorgraph.evaluate.names import normalize_name
from actorgraph.records import ActorType

_DATE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
DATE_HINT = "write YYYY, YYYY-MM or YYYY-MM-DD"


def gold_date(value: object) -> str | None:
    """A gold date as YYYY, YYYY-MM or YYYY-MM-DD; YAML may hand us a date or a bare year."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if isinstance(value, str):
        text = value.strip()
        if _DATE_RE.fullmatch(text):
            parts = [int(p) for p in text.split("-")]
            try:
                if len(parts) == 3:
                    dt.date(*parts)
                elif len(parts) == 2 and not 1 <= parts[1] <= 12:
                    raise ValueError
            except ValueError:
                raise ValueError(f"{text!r} is not a calendar date; {DATE_HINT}") from None
            return text
    raise ValueError(f"{value!r} is not a date; {DATE_HINT}")


def _as_list(value: object) -> object:
    """Accept a scalar where the format allows one value or a list of alternatives."""
    return [value] if isinstance(value, str) else value


def _check_choice(values: list[str], allowed: tuple[str, ...], what: str) -> list[str]:
    if not values:
        raise ValueError(f"give at least one {what}")
    for v in values:
        if v not in allowed:
            raise ValueError(f"unknown {what} {v!r}; use one of {', '.join(allowed)}")
    return values


class GoldModel(BaseModel):
    # Unknown keys are refused: a misspelt "optinal" would otherwise silently count an item.
    model_config = ConfigDict(extra="forbid")


class GoldSource(GoldModel):
    file: Path = Field(description="the document text, relative to the gold file")
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="YYYY, YYYY-MM or YYYY-MM-DD")

    @field_validator("published", mode="before")
    @classmethod
    def _published(cls, v: object) -> str | None:
        return gold_date(v)


class GoldActor(GoldModel):
    name: str = Field(min_length=1)
    type: list[ActorType] = Field(description="the accepted types (YAML: one or a list)")
    aliases: list[str] = []
    optional: bool = False
    evidence: str | None = None

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, v: object) -> object:
        return _as_list(v)

    @field_validator("type")
    @classmethod
    def _type_nonempty(cls, v: list[ActorType]) -> list[ActorType]:
        if not v:
            raise ValueError("give at least one actor type")
        return v

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases(cls, v: object) -> object:
        return [] if v is None else v

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


class GoldRelation(GoldModel):
    id: str | None = None
    type: list[str]
    head: list[str] = Field(description="gold actor name(s); alternatives")
    tail: list[str] = Field(description="gold actor name(s); alternatives")
    symmetric: bool = Field(False, description="head and tail may be given either way round")
    start: str | None = None
    end: str | None = None
    optional: bool = False
    evidence: str | None = None

    @field_validator("type", "head", "tail", mode="before")
    @classmethod
    def _lists(cls, v: object) -> object:
        return _as_list(v)

    @field_validator("head", "tail")
    @classmethod
    def _nonempty(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("name at least one gold actor")
        return v

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: list[str]) -> list[str]:
        return _check_choice(v, RELATION_TYPES, "relation type")

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, v: object) -> str | None:
        return gold_date(v)


class GoldEvent(GoldModel):
    id: str | None = None
    type: list[str]
    source: list[str] = Field(description="gold actor names; any one may match")
    target: list[str] = Field(description="gold actor names; [] for an event without a target")
    symmetric: bool = False
    date: str | None = None
    place: list[str] = Field([], description="gold actor names of the place; alternatives")
    modality: Modality | None = None
    attribution: list[str] = Field([], description="who the text credits; alternatives")
    optional: bool = False
    evidence: str | None = None

    @field_validator("type", "source", "target", "place", "attribution", mode="before")
    @classmethod
    def _lists(cls, v: object) -> object:
        return [] if v is None else _as_list(v)

    @field_validator("source")
    @classmethod
    def _has_source(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("name at least one gold actor as source")
        return v

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: list[str]) -> list[str]:
        return _check_choice(v, PLOVER_TYPES, "PLOVER type")

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: object) -> str | None:
        return gold_date(v)


class GoldDocument(GoldModel):
    path: Path | None = Field(None, description="the gold file this was read from")
    document: GoldSource
    actors: list[GoldActor] = []
    relations: list[GoldRelation] = []
    events: list[GoldEvent] = []

    @property
    def text_path(self) -> Path:
        """The document text: ``document.file`` resolved against the gold file's folder."""
        base = self.path.parent if self.path is not None else Path()
        return base / self.document.file

    @property
    def label(self) -> str:
        return str(self.path) if self.path is not None else str(self.document.file)


class GoldIndex:
    """Resolves the actor names used in relations and events to gold actors.

    A reference resolves to the actor whose name it is; failing that, to the one actor that has
    it as an alias. Anything else is an annotation error, reported with the item.
    """

    def __init__(self, gold: GoldDocument) -> None:
        self.gold = gold
        self._by_name: dict[str, int] = {}
        self._by_alias: dict[str, set[int]] = {}
        for i, actor in enumerate(gold.actors):
            key = normalize_name(actor.name)
            if key in self._by_name:
                other = gold.actors[self._by_name[key]].name
                raise GoldFileError(
                    f"actor {i + 1} {actor.name!r} has the same name as {other!r}; "
                    "merge them or rename one",
                    path=gold.label,
                )
            self._by_name[key] = i
            for alias in actor.aliases:
                self._by_alias.setdefault(normalize_name(alias), set()).add(i)

    def resolve(self, name: str, where: str) -> int:
        key = normalize_name(name)
        if key in self._by_name:
            return self._by_name[key]
        found = self._by_alias.get(key, set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            names = ", ".join(sorted(self.gold.actors[i].name for i in found))
            raise GoldFileError(
                f"{where}: {name!r} is an alias of several actors ({names}); use the actor's name",
                path=self.gold.label,
            )
        raise GoldFileError(
            f"{where}: {name!r} is not the name or alias of any gold actor; add it to actors",
            path=self.gold.label,
        )

    def resolve_all(self, names: list[str], where: str) -> list[int]:
        return [self.resolve(n, where) for n in names]


_M = TypeVar("_M", bound=BaseModel)


def _error_text(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _validate(model: type[_M], raw: Any, where: str, path: Path) -> _M:
    if not isinstance(raw, dict):
        raise GoldFileError(f"{where}: expected a mapping of fields, got {raw!r}", path=str(path))
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise GoldFileError(f"{where}: {_error_text(exc)}; fix this item", path=str(path)) from None


def _item_label(part: str, i: int, raw: Any) -> str:
    name = None
    if isinstance(raw, dict):
        name = raw.get("id") or raw.get("name")
    return f"{part} {i + 1}" + (f" ({name})" if name else "")


def load_gold(path: Path) -> GoldDocument:
    """Read and check a gold file; every problem raises :class:`GoldFileError` naming the item."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldFileError("gold file not found; check the path", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"cannot read the gold file ({exc})", path=str(path)) from None
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise GoldFileError(f"not valid YAML{where}; fix the syntax", path=str(path)) from None
    if not isinstance(raw, dict):
        raise GoldFileError(
            "expected a mapping with document, actors, relations, events", path=str(path)
        )
    unknown = sorted(set(raw) - {"document", "actors", "relations", "events"})
    if unknown:
        raise GoldFileError(
            f"unknown top-level key {unknown[0]!r}; use document, actors, relations, events",
            path=str(path),
        )
    if "document" not in raw:
        raise GoldFileError("no 'document' section; add one with 'file:'", path=str(path))
    source = _validate(GoldSource, raw["document"], "document", path)

    parts: dict[str, list[Any]] = {}
    for part in ("actors", "relations", "events"):
        items = raw.get(part) or []
        if not isinstance(items, list):
            raise GoldFileError(f"'{part}' must be a list", path=str(path))
        parts[part] = items
    gold = GoldDocument(
        path=path,
        document=source,
        actors=[
            _validate(GoldActor, a, _item_label("actor", i, a), path)
            for i, a in enumerate(parts["actors"])
        ],
        relations=[
            _validate(GoldRelation, r, _item_label("relation", i, r), path)
            for i, r in enumerate(parts["relations"])
        ],
        events=[
            _validate(GoldEvent, e, _item_label("event", i, e), path)
            for i, e in enumerate(parts["events"])
        ],
    )
    check_references(gold)
    return gold


def check_references(gold: GoldDocument) -> GoldIndex:
    """Resolve every actor reference once so a typo fails at load time, not mid-score."""
    index = GoldIndex(gold)
    for i, rel in enumerate(gold.relations):
        where = f"relation {i + 1}" + (f" ({rel.id})" if rel.id else "")
        index.resolve_all(rel.head, where)
        index.resolve_all(rel.tail, where)
    for i, ev in enumerate(gold.events):
        where = f"event {i + 1}" + (f" ({ev.id})" if ev.id else "")
        for names in (ev.source, ev.target, ev.place):
            index.resolve_all(names, where)
        # Attributions are free text ("senior security sources"), so they need not resolve.
    return index
