"""Typed records at every pipeline boundary.

document -> ``Document`` (ingest) -> spaCy ``Doc`` (nlp) -> ``ExtractionRecord`` (extract) -> store.
The JSON form of ``ExtractionRecord`` is the documented, versioned output of ``actorgraph extract``
(schema in docs/schema/extraction.schema.json).
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# The vocabulary (types, modalities, dates) has its home in actorgraph.concepts.
from actorgraph.concepts import DatePrecision, Modality

ActorType = Literal["person", "organization", "state", "place", "group"]
DateBasis = Literal["text", "context", "publication", "none"]
PublishedSource = Literal["option", "metadata", "jsonl", "text", "none"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


def content_id(text: str) -> str:
    """Stable document id: the first 16 hex digits of the SHA-256 of the text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Document(Record):
    """A document as read from disk or a JSONL line, before any NLP."""

    text: str
    source: str = Field(description="file path, URL or 'path#line' for JSONL")
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = Field(None, description="ISO date, YYYY, YYYY-MM or YYYY-MM-DD")
    published_source: PublishedSource = "none"
    format: Literal["text", "html", "pdf", "jsonl"] = "text"

    @property
    def id(self) -> str:
        return content_id(self.text)


class Published(Record):
    value: str | None
    source: PublishedSource


class DocumentInfo(Record):
    id: str
    source: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: Published
    format: str = "text"
    chars: int = 0


class Span(Record):
    """Character offsets into the document text, end exclusive."""

    start: int
    end: int
    text: str


class Evidence(Span):
    sentence: int | None = Field(None, description="index of the sentence in the document")


class Actor(Record):
    id: str
    name: str
    type: ActorType
    aliases: list[str] = []
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code")
    sector: str | None = Field(None, description="CAMEO agent/sector code, e.g. GOV, MIL, REB")
    kb_id: str | None = None
    wikidata: str | None = None
    coordinates: tuple[float, float] | None = Field(None, description="(lat, lon) for places")
    mentions: list[Span] = []


class Attribution(Record):
    text: str
    actor: str | None = Field(None, description="actor id when the source is an actor")


class DateValue(Record):
    value: str | None = Field(default=None, description="YYYY-MM-DD, YYYY-MM, YYYY or START/END")
    precision: DatePrecision = "unknown"
    text: str | None = None
    basis: DateBasis = "none"


class Relation(Record):
    id: str
    type: str
    head: str
    tail: str
    start: DateValue | None = None
    end: DateValue | None = None
    modality: Modality = "asserted"
    attribution: Attribution | None = None
    evidence: Evidence
    confidence: float = 0.5


class Event(Record):
    id: str
    type: str
    mode: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    trigger: Span | None = None
    source: list[str] = []
    target: list[str] = []
    date: DateValue = Field(default_factory=lambda: DateValue(value=None))
    place: str | None = Field(None, description="actor id of the place")
    modality: Modality = "asserted"
    attribution: Attribution | None = None
    evidence: Evidence
    mentions: list[Evidence] = Field(
        default_factory=list, description="every passage that reports this event"
    )
    confidence: float = 0.5


class ExtractionRecord(Record):
    schema_version: str
    document: DocumentInfo
    actors: list[Actor] = []
    relations: list[Relation] = []
    events: list[Event] = []


def schema_json() -> str:
    """The JSON Schema of ``ExtractionRecord``, as committed in docs/schema/."""
    import json

    schema = ExtractionRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "urn:actorgraph:schema:extraction:1.0"
    schema["title"] = "actorgraph extraction record"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
