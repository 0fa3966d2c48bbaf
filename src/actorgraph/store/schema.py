"""The knowledge-store tables (SQLAlchemy 2 typed ORM).

Portable by construction: only generic types (``JSON`` for lists and payloads), no dialect SQL,
so the same models run on SQLite and PostgreSQL. Record-local ids (``a0``, ``e1``) never reach
the store; every row has a store-level integer id, except documents, whose id is the content
hash from ``actorgraph.records.content_id``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Stable constraint names so Alembic migrations are the same on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[str | None] = mapped_column(String(32), index=True)
    published_source: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(16))
    chars: Mapped[int] = mapped_column(Integer)
    schema_version: Mapped[str] = mapped_column(String(16))
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    minhash: Mapped[list[int]] = mapped_column(JSON)
    # Near-duplicate group: the id of the first stored document of the group (itself if none).
    dup_group: Mapped[str] = mapped_column(String(16), index=True)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DocumentBand(Base):
    """MinHash LSH bands: documents sharing a band are near-duplicate candidates."""

    __tablename__ = "document_bands"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    band: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(16))

    __table_args__ = (Index("ix_document_bands_band_key", "band", "key"),)


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300))
    norm_name: Mapped[str] = mapped_column(String(300))
    type: Mapped[str] = mapped_column(String(16))
    # Unique when set; NULLs never collide (SQLite and PostgreSQL agree on that).
    kb_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    wikidata: Mapped[str | None] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(8))
    sector: Mapped[str | None] = mapped_column(String(16))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)

    mentions: Mapped[list[ActorMentionRow]] = relationship(back_populates="actor")

    __table_args__ = (Index("ix_actors_norm_name_type", "norm_name", "type"),)


class ActorNameRow(Base):
    """Every name and alias an actor is known by, normalised, for merging across documents."""

    __tablename__ = "actor_names"

    norm: Mapped[str] = mapped_column(String(300), primary_key=True)
    type: Mapped[str] = mapped_column(String(16), primary_key=True)
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class ActorRedirect(Base):
    """Where an analyst's correction sends an actor key, whatever extraction says later.

    ``key`` is ``kb:<kb id>`` or ``name:<type>:<normalised name>``.
    """

    __tablename__ = "actor_redirects"

    key: Mapped[str] = mapped_column(String(420), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    correction_id: Mapped[int | None] = mapped_column(ForeignKey("corrections.id"))


class ActorMentionRow(Base):
    __tablename__ = "actor_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"))
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    actor: Mapped[ActorRow] = relationship(back_populates="mentions")

    # (actor, document): an actor's mention and document counts and its page of documents
    # read the index alone, however many mentions the actor has.
    __table_args__ = (Index("ix_actor_mentions_actor_id_document_id", "actor_id", "document_id"),)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(String(64))
    cameo: Mapped[str | None] = mapped_column(String(8))
    goldstein: Mapped[float | None] = mapped_column(Float)
    date_value: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str] = mapped_column(String(16))
    # Inclusive bounds of date_value, for range queries (NULL when undated).
    date_lo: Mapped[date | None] = mapped_column(Date, index=True)
    date_hi: Mapped[date | None] = mapped_column(Date, index=True)
    place_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    # An analyst's verdict ("confirmed" | "rejected"); kept when documents are re-extracted.
    status: Mapped[str | None] = mapped_column(String(16))

    participants: Mapped[list[EventActor]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )
    mentions: Mapped[list[EventMentionRow]] = relationship(back_populates="event")


class EventActor(Base):
    """Who did (role ``source``) and who was done to (role ``target``)."""

    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(8), primary_key=True)

    event: Mapped[EventRow] = relationship(back_populates="participants")

    # (actor, event): counting an actor's events and testing "is this event the actor's"
    # while walking events by date read the index alone.
    __table_args__ = (Index("ix_event_actors_actor_id_event_id", "actor_id", "event_id"),)


class EventMentionRow(Base):
    __tablename__ = "event_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    record_id: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[int | None] = mapped_column(Integer)
    trigger_start: Mapped[int | None] = mapped_column(Integer)
    trigger_end: Mapped[int | None] = mapped_column(Integer)
    trigger_text: Mapped[str | None] = mapped_column(Text)
    # Every passage of the document that reports the event, as record Evidence objects.
    passages: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    modality: Mapped[str] = mapped_column(String(16), index=True)
    attribution_text: Mapped[str | None] = mapped_column(Text)
    attribution_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    date_value: Mapped[str | None] = mapped_column(String(32))
    date_precision: Mapped[str] = mapped_column(String(16))
    date_text: Mapped[str | None] = mapped_column(Text)
    date_basis: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)

    event: Mapped[EventRow] = relationship(back_populates="mentions")


class RelationRow(Base):
    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(32))
    head_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    tail_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    start_value: Mapped[str | None] = mapped_column(String(32))
    start_precision: Mapped[str | None] = mapped_column(String(16))
    end_value: Mapped[str | None] = mapped_column(String(32))
    end_precision: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (UniqueConstraint("type", "head_id", "tail_id", name="uq_relations_key"),)


class RelationMentionRow(Base):
    __tablename__ = "relation_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id"), index=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    record_id: Mapped[str] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[int | None] = mapped_column(Integer)
    modality: Mapped[str] = mapped_column(String(16))
    attribution_text: Mapped[str | None] = mapped_column(Text)
    attribution_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    start_value: Mapped[str | None] = mapped_column(String(32))
    end_value: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)


class CorrectionRow(Base):
    """Audit log of human corrections (who, when, why, what)."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class DocumentTextRow(Base):
    """The text a document's record was extracted from, so that an analyst can read the whole
    article with its facts marked (offsets of mentions point into it)."""

    __tablename__ = "document_texts"

    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)


class SavedViewRow(Base):
    """A named view of the web app (filters, selection, camera): an analyst's investigation."""

    __tablename__ = "saved_views"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    state: Mapped[dict[str, Any]] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
