"""Analyst corrections, applied inside an open session.

Each correction changes the stored graph at once and leaves redirects (``actor_redirects``) so
that what extraction files later, from new documents or from documents extracted again, lands
where the analyst said: a merged-away name goes to the actor it was merged into, a split-off
name to its own actor, a retyped actor keeps its mentions of the old type. Verdicts on facts
are columns of the fact rows, which re-extraction finds again and so keeps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from actorgraph.concepts import dates_agree
from actorgraph.kb import normalize_name
from actorgraph.store.errors import NotFoundError, StoreError
from actorgraph.store.schema import (
    ActorMentionRow,
    ActorNameRow,
    ActorRedirect,
    ActorRow,
    EventActor,
    EventMentionRow,
    EventRow,
    RelationMentionRow,
    RelationRow,
)

ACTOR_TYPES = ("person", "organization", "state", "place", "group")
# Store ids are 32-bit integers (PostgreSQL's INTEGER): a larger number names nothing, and must
# not reach the database driver, which fails on it instead of finding nothing.
MAX_ID = 2**31 - 1


def valid_id(value: int) -> bool:
    """Whether ``value`` can be a store id at all."""
    return 0 < value <= MAX_ID


STATUSES = ("confirmed", "rejected")


def name_key(type_: str, norm: str) -> str:
    return f"name:{type_}:{norm}"


def kb_key(kb_id: str) -> str:
    return f"kb:{kb_id}"


def actor_keys(row: ActorRow) -> list[str]:
    """Every key extraction could use for this actor: its names under its type, its KB id."""
    keys = [name_key(row.type, n) for n in actor_norms(row)]
    if row.kb_id:
        keys.append(kb_key(row.kb_id))
    return keys


def actor_norms(row: ActorRow) -> list[str]:
    norms = [row.norm_name, *(normalize_name(a) for a in row.aliases or [])]
    return [n for n in dict.fromkeys(norms) if n]


def index_names(s: Session, row: ActorRow, names: Iterable[str]) -> None:
    """Add names (raw or normalised) to the name index of ``row`` under its type."""
    norms = {n for n in (normalize_name(x) for x in names) if n}
    if not norms:
        return
    have = set(
        s.scalars(
            select(ActorNameRow.norm).where(
                ActorNameRow.actor_id == row.id, ActorNameRow.type == row.type
            )
        )
    )
    s.add_all(ActorNameRow(norm=n, type=row.type, actor_id=row.id) for n in sorted(norms - have))


def redirect(s: Session, key: str, actor_id: int, correction_id: int) -> None:
    existing = s.get(ActorRedirect, key)
    if existing is None:
        s.add(ActorRedirect(key=key, actor_id=actor_id, correction_id=correction_id))
    else:
        existing.actor_id, existing.correction_id = actor_id, correction_id


def get_actor(s: Session, actor_id: int) -> ActorRow:
    row = s.get(ActorRow, actor_id) if valid_id(actor_id) else None
    if row is None:
        raise NotFoundError(f"no actor with id {actor_id} in the store; list them with 'actors'")
    return row


def _add_aliases(row: ActorRow, names: Iterable[str]) -> None:
    known = set(actor_norms(row))
    extra = [n for n in dict.fromkeys(names) if normalize_name(n) not in known]
    if extra:
        row.aliases = [*(row.aliases or []), *extra]  # reassign: JSON is not mutable


# -- actors ------------------------------------------------------------------------------------


def merge_actors(s: Session, keep_id: int, other_id: int, correction_id: int) -> None:
    """Fold actor ``other_id`` into ``keep_id``: mentions, facts, names and KB id."""
    if keep_id == other_id:
        raise StoreError("cannot merge an actor with itself")
    keep, other = get_actor(s, keep_id), get_actor(s, other_id)
    for key in actor_keys(other):
        redirect(s, key, keep.id, correction_id)
    s.execute(
        update(ActorRedirect).where(ActorRedirect.actor_id == other.id).values(actor_id=keep.id)
    )
    _add_aliases(keep, [other.name, *(other.aliases or [])])
    other_names = set(s.scalars(select(ActorNameRow.norm).where(ActorNameRow.actor_id == other.id)))
    s.execute(delete(ActorNameRow).where(ActorNameRow.actor_id == other.id))
    s.flush()
    index_names(s, keep, [*other_names, *actor_norms(keep)])
    if keep.kb_id is None and other.kb_id:
        kb, other.kb_id = other.kb_id, None
        s.flush()  # kb_id is unique: free it first
        keep.kb_id = kb
    keep.wikidata = keep.wikidata or other.wikidata
    keep.country = keep.country or other.country
    keep.sector = keep.sector or other.sector
    if keep.lat is None and other.lat is not None:
        keep.lat, keep.lon = other.lat, other.lon
    _move_actor_refs(s, {other.id: keep.id})
    s.flush()
    s.delete(other)
    s.flush()
    dedupe_events(s, keep.id)


def _move_actor_refs(
    s: Session,
    moves: dict[int, int],
    *,
    only_events: set[int] | None = None,
    only_relations: set[int] | None = None,
    mentions: bool = True,
) -> None:
    """Point references to actor ``a`` at ``moves[a]``; relations that become duplicates of
    an existing one are folded into it, and relations of an actor with itself dropped."""
    for old, new in moves.items():
        if mentions:
            s.execute(
                update(ActorMentionRow).where(ActorMentionRow.actor_id == old).values(actor_id=new)
            )
            for table in (EventMentionRow, RelationMentionRow):
                s.execute(
                    update(table)
                    .where(table.attribution_actor_id == old)
                    .values(attribution_actor_id=new)
                )
        # event participants: (event, actor, role) is the key
        parts = list(s.scalars(select(EventActor).where(EventActor.actor_id == old)))
        for p in parts:
            if only_events is not None and p.event_id not in only_events:
                continue
            clash = s.get(EventActor, (p.event_id, new, p.role))
            event_id, role = p.event_id, p.role
            s.delete(p)
            s.flush()
            if clash is None:
                s.add(EventActor(event_id=event_id, actor_id=new, role=role))
        place_q = update(EventRow).where(EventRow.place_id == old)
        if only_events is not None:
            place_q = place_q.where(EventRow.id.in_(only_events))
        s.execute(place_q.values(place_id=new))
        rels = list(
            s.scalars(
                select(RelationRow).where(
                    (RelationRow.head_id == old) | (RelationRow.tail_id == old)
                )
            )
        )
        for rel in rels:
            if only_relations is not None and rel.id not in only_relations:
                continue
            head = new if rel.head_id == old else rel.head_id
            tail = new if rel.tail_id == old else rel.tail_id
            _retarget_relation(s, rel, head, tail)
        s.flush()


def _retarget_relation(s: Session, rel: RelationRow, head: int, tail: int) -> None:
    if head == tail:
        s.execute(delete(RelationMentionRow).where(RelationMentionRow.relation_id == rel.id))
        s.delete(rel)
        s.flush()
        return
    twin = s.scalars(
        select(RelationRow).where(
            RelationRow.type == rel.type,
            RelationRow.head_id == head,
            RelationRow.tail_id == tail,
            RelationRow.id != rel.id,
        )
    ).first()
    if twin is None:
        rel.head_id, rel.tail_id = head, tail
        s.flush()
        return
    s.execute(
        update(RelationMentionRow)
        .where(RelationMentionRow.relation_id == rel.id)
        .values(relation_id=twin.id)
    )
    twin.start_value = twin.start_value or rel.start_value
    twin.start_precision = twin.start_precision or rel.start_precision
    twin.end_value = twin.end_value or rel.end_value
    twin.end_precision = twin.end_precision or rel.end_precision
    twin.status = twin.status or rel.status
    s.delete(rel)
    s.flush()


def dedupe_events(s: Session, actor_id: int) -> None:
    """Fold events of ``actor_id`` that a merge made identical (type, participants, date)."""
    ids = set(s.scalars(select(EventActor.event_id).where(EventActor.actor_id == actor_id)))
    if not ids:
        return
    parts: dict[int, dict[str, set[int]]] = defaultdict(lambda: {"source": set(), "target": set()})
    for event_id, actor, role in s.execute(
        select(EventActor.event_id, EventActor.actor_id, EventActor.role).where(
            EventActor.event_id.in_(ids)
        )
    ):
        parts[event_id][role].add(actor)
    rows = list(s.scalars(select(EventRow).where(EventRow.id.in_(ids)).order_by(EventRow.id)))
    groups: dict[tuple[str, frozenset[int], frozenset[int]], list[EventRow]] = defaultdict(list)
    for row in rows:
        p = parts[row.id]
        groups[(row.type, frozenset(p["source"]), frozenset(p["target"]))].append(row)
    for same in groups.values():
        kept: list[EventRow] = []
        for row in same:
            twin = next((k for k in kept if dates_agree(k.date_value, row.date_value)), None)
            if twin is None:
                kept.append(row)
                continue
            s.execute(
                update(EventMentionRow)
                .where(EventMentionRow.event_id == row.id)
                .values(event_id=twin.id)
            )
            twin.place_id = twin.place_id or row.place_id
            twin.status = twin.status or row.status
            s.delete(row)
            s.flush()


def split_actor(s: Session, actor_id: int, names: list[str], correction_id: int) -> int:
    """Give the mentions called by one of ``names`` an actor of their own; returns its id.

    Events and relations follow when every document reporting them mentions the actor only
    by the split-off names.
    """
    row = get_actor(s, actor_id)
    norms = {normalize_name(n) for n in names} - {""}
    if not norms:
        raise StoreError("name at least one name to split off")
    if row.norm_name in norms:
        raise StoreError(
            f"{row.name!r} is the actor's own name: rename the actor first, then split off the "
            "other names"
        )
    known = set(actor_norms(row)) | set(
        s.scalars(select(ActorNameRow.norm).where(ActorNameRow.actor_id == row.id))
    )
    unknown = [n for n in names if normalize_name(n) and normalize_name(n) not in known]
    if unknown:
        # Splitting off a name the actor never had would only make an empty actor.
        have = ", ".join(repr(a) for a in [*(row.aliases or [])][:8]) or "none"
        raise StoreError(
            f"{row.name!r} has never been called {unknown[0]!r}; split off one of its other "
            f"names (aliases: {have})"
        )
    new = ActorRow(
        name=names[0],
        norm_name=normalize_name(names[0]),
        type=row.type,
        country=row.country,
        sector=row.sector,
        aliases=[
            n for n in dict.fromkeys(names[1:]) if normalize_name(n) != normalize_name(names[0])
        ],
    )
    s.add(new)
    s.flush()
    row.aliases = [a for a in row.aliases or [] if normalize_name(a) not in norms]
    s.execute(
        delete(ActorNameRow).where(ActorNameRow.actor_id == row.id, ActorNameRow.norm.in_(norms))
    )
    index_names(s, new, norms)
    for n in norms:
        redirect(s, name_key(row.type, n), new.id, correction_id)
    moved_docs: set[str] = set()
    kept_docs: set[str] = set()
    for m in s.scalars(select(ActorMentionRow).where(ActorMentionRow.actor_id == row.id)):
        if normalize_name(m.text) in norms:
            m.actor_id = new.id
            moved_docs.add(m.document_id)
        else:
            kept_docs.add(m.document_id)
    only = moved_docs - kept_docs
    if only:
        events = _events_only_in(s, row.id, only)
        relations = _relations_only_in(s, row.id, only)
        _move_actor_refs(
            s, {row.id: new.id}, only_events=events, only_relations=relations, mentions=False
        )
    s.flush()
    return new.id


def _events_only_in(s: Session, actor_id: int, docs: set[str]) -> set[int]:
    ids = set(s.scalars(select(EventActor.event_id).where(EventActor.actor_id == actor_id)))
    ids |= set(s.scalars(select(EventRow.id).where(EventRow.place_id == actor_id)))
    if not ids:
        return set()
    rows = s.execute(
        select(EventMentionRow.event_id, EventMentionRow.document_id).where(
            EventMentionRow.event_id.in_(ids)
        )
    )
    return _only_in(rows.tuples(), docs)


def _relations_only_in(s: Session, actor_id: int, docs: set[str]) -> set[int]:
    ids = set(
        s.scalars(
            select(RelationRow.id).where(
                (RelationRow.head_id == actor_id) | (RelationRow.tail_id == actor_id)
            )
        )
    )
    if not ids:
        return set()
    rows = s.execute(
        select(RelationMentionRow.relation_id, RelationMentionRow.document_id).where(
            RelationMentionRow.relation_id.in_(ids)
        )
    )
    return _only_in(rows.tuples(), docs)


def _only_in(rows: Iterable[tuple[int, str]], docs: set[str]) -> set[int]:
    """Facts all of whose reporting documents are among ``docs``."""
    seen: dict[int, set[str]] = defaultdict(set)
    for fact_id, doc in rows:
        seen[fact_id].add(doc)
    return {i for i, d in seen.items() if d <= docs}


def rename_actor(s: Session, actor_id: int, name: str, correction_id: int) -> None:
    row = get_actor(s, actor_id)
    norm = normalize_name(name)
    if not norm:
        raise StoreError("the new name is empty")
    redirect(s, name_key(row.type, row.norm_name), row.id, correction_id)
    redirect(s, name_key(row.type, norm), row.id, correction_id)
    old_name = row.name
    row.name, row.norm_name = name, norm
    row.aliases = [a for a in row.aliases or [] if normalize_name(a) != norm]
    _add_aliases(row, [old_name])
    s.flush()
    index_names(s, row, [name])


def add_alias(s: Session, actor_id: int, alias: str, correction_id: int) -> None:
    row = get_actor(s, actor_id)
    norm = normalize_name(alias)
    if not norm:
        raise StoreError("the alias is empty")
    _add_aliases(row, [alias])
    redirect(s, name_key(row.type, norm), row.id, correction_id)
    s.flush()
    index_names(s, row, [alias])


def set_actor_type(s: Session, actor_id: int, type_: str, correction_id: int) -> None:
    if type_ not in ACTOR_TYPES:
        raise StoreError(f"unknown actor type {type_!r}; use one of {', '.join(ACTOR_TYPES)}")
    row = get_actor(s, actor_id)
    if row.type == type_:
        return
    norms = set(s.scalars(select(ActorNameRow.norm).where(ActorNameRow.actor_id == row.id)))
    norms |= set(actor_norms(row))
    for n in norms:  # later mentions typed the old way still find this actor
        redirect(s, name_key(row.type, n), row.id, correction_id)
    s.execute(delete(ActorNameRow).where(ActorNameRow.actor_id == row.id))
    row.type = type_
    s.flush()
    index_names(s, row, norms)


# -- facts -------------------------------------------------------------------------------------


def set_status(s: Session, kind: str, fact_id: int, status: str | None) -> None:
    if status is not None and status not in STATUSES:
        raise StoreError(f"unknown status {status!r}; use confirmed, rejected or none")
    row: EventRow | RelationRow | None
    if kind not in ("event", "relation"):
        raise StoreError(f"unknown fact kind {kind!r}; use event or relation")
    if not valid_id(fact_id):
        row = None
    elif kind == "event":
        row = s.get(EventRow, fact_id)
    else:
        row = s.get(RelationRow, fact_id)
    if row is None:
        raise NotFoundError(f"no {kind} with id {fact_id} in the store")
    row.status = status


def remove_alias(s: Session, actor_id: int, alias: str, correction_id: int) -> None:
    """Take an alias off an actor (undoing ``add_alias``): later mentions by that name are no
    longer sent to it. Mentions already filed stay where they are."""
    row = get_actor(s, actor_id)
    norm = normalize_name(alias)
    if not norm:
        raise StoreError("the alias is empty")
    if norm == row.norm_name:
        raise StoreError(f"{alias!r} is the actor's own name: rename the actor instead")
    row.aliases = [a for a in row.aliases or [] if normalize_name(a) != norm]
    s.execute(
        delete(ActorNameRow).where(ActorNameRow.actor_id == row.id, ActorNameRow.norm == norm)
    )
    s.execute(
        delete(ActorRedirect).where(
            ActorRedirect.key == name_key(row.type, norm), ActorRedirect.actor_id == row.id
        )
    )
    s.flush()


def actor_refs(s: Session, actor_id: int) -> dict[str, list[list[Any]]]:
    """Where the store refers to an actor in facts: event parties ``[event, role]``, event
    places ``[event]`` and relation ends ``[relation, "head" or "tail"]``. Kept with a merge, so
    that the merge can be undone (``unmerge_actors``)."""
    parties = s.execute(
        select(EventActor.event_id, EventActor.role).where(EventActor.actor_id == actor_id)
    ).all()
    places = s.scalars(select(EventRow.id).where(EventRow.place_id == actor_id)).all()
    ends = s.execute(
        select(RelationRow.id, RelationRow.head_id, RelationRow.tail_id).where(
            (RelationRow.head_id == actor_id) | (RelationRow.tail_id == actor_id)
        )
    ).all()
    return {
        "parties": sorted([int(e), str(r)] for e, r in parties),
        "places": sorted([int(e)] for e in places),
        "ends": sorted(
            [int(i), end]
            for i, head, tail in ends
            for end, who in (("head", head), ("tail", tail))
            if who == actor_id
        ),
    }


def unmerge_actors(
    s: Session,
    keep_id: int,
    names: list[str],
    refs: dict[str, dict[str, list[list[Any]]]],
    correction_id: int,
) -> int:
    """Undo a merge: the merged-away ``names`` become an actor of their own again (as
    ``split_actor`` does), and the facts the merged-away actor took part in (``refs["other"]``,
    recorded by the merge) point at it again, unless the actor kept took part in them the same
    way before the merge (``refs["keep"]``). Facts the merge folded into one stay one."""
    new_id = split_actor(s, keep_id, names, correction_id)
    other, kept = refs.get("other", {}), refs.get("keep", {})
    kept_parties = {(e, r) for e, r in kept.get("parties", [])}
    for event_id, role in other.get("parties", []):
        if s.get(EventRow, event_id) is None:
            continue  # folded into another event by the merge
        if s.get(EventActor, (event_id, new_id, role)) is None:
            s.add(EventActor(event_id=event_id, actor_id=new_id, role=role))
        if (event_id, role) not in kept_parties:
            s.execute(
                delete(EventActor).where(
                    EventActor.event_id == event_id,
                    EventActor.actor_id == keep_id,
                    EventActor.role == role,
                )
            )
    kept_places = {e for (e,) in kept.get("places", [])}
    for (event_id,) in other.get("places", []):
        row = s.get(EventRow, event_id)
        if row is not None and row.place_id == keep_id and event_id not in kept_places:
            row.place_id = new_id
    kept_ends = {(i, end) for i, end in kept.get("ends", [])}
    for rel_id, end in other.get("ends", []):
        rel = s.get(RelationRow, rel_id)
        if rel is None or (rel_id, end) in kept_ends:
            continue
        if end == "head" and rel.head_id == keep_id:
            _retarget_relation(s, rel, new_id, rel.tail_id)
        elif end == "tail" and rel.tail_id == keep_id:
            _retarget_relation(s, rel, rel.head_id, new_id)
    s.flush()
    return new_id
