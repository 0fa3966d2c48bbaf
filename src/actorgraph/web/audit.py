"""The audit log in words, and undo: a merge, an alias, a rename or a verdict taken back.

An undo is a correction of its own (logged, with the reason "undo of #N"), never a deletion
from the log. A merge is undone by splitting the merged-away names off again (the names are
read from the redirects the merge left); facts the merge folded together stay folded, and a KB
id the merged-away actor brought stays with the actor kept.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select

from actorgraph.kb import normalize_name
from actorgraph.store import Store, StoreError
from actorgraph.store.models import CorrectionOut
from actorgraph.store.schema import ActorRedirect, ActorRow

UNDOABLE = frozenset({"merge_actors", "add_alias", "rename_actor", "set_status"})
_UNDO_OF = re.compile(r"^undo of #(\d+)")


class AuditEntry(BaseModel):
    """One correction, said in words with the actors' names."""

    correction: CorrectionOut
    text: str
    undoable: bool
    undone_by: int | None = None
    undo_of: int | None = None


def _names(store: Store, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    with store._read() as s:
        rows = s.execute(select(ActorRow.id, ActorRow.name).where(ActorRow.id.in_(ids)))
        return {int(i): str(name) for i, name in rows}


def _merged_names(store: Store, correction_id: int, keep: int) -> list[str]:
    """The names of the actor a merge folded away, as written (from the kept actor's aliases,
    matched to the name keys the merge redirected)."""
    with store._read() as s:
        keys = s.scalars(
            select(ActorRedirect.key).where(ActorRedirect.correction_id == correction_id)
        ).all()
        aliases = s.scalar(select(ActorRow.aliases).where(ActorRow.id == keep)) or []
    norms = {k.split(":", 2)[2] for k in keys if k.startswith("name:")}
    return [a for a in aliases if normalize_name(a) in norms]


def _survivor(log: list[CorrectionOut], actor: int, after: int) -> int:
    """The actor that ``actor`` lives on in: itself, or the one a later merge folded it into
    (followed through every later merge)."""
    for c in log:
        if c.id > after and c.kind == "merge_actors" and c.payload.get("other") == actor:
            keep = c.payload.get("keep")
            if isinstance(keep, int):
                return _survivor(log, keep, c.id)
    return actor


def _say(c: CorrectionOut, names: dict[int, str], store: Store, log: list[CorrectionOut]) -> str:
    p: dict[str, Any] = c.payload

    def who(key: str) -> str:
        i = p.get(key)
        if not isinstance(i, int):
            return "?"
        if i in names:
            return f"{names[i]} (#{i})"
        # Merged away later: its name is among the aliases of the actor it went into.
        later = _survivor(log, i, c.id)
        folded = next(
            (
                _merged_names(store, m.id, later)
                for m in log
                if m.kind == "merge_actors" and m.payload.get("other") == i and m.id > c.id
            ),
            [],
        )
        return f"“{folded[0]}” (#{i}, since merged into #{later})" if folded else f"#{i}"

    if c.kind == "merge_actors":
        keep = p.get("keep")
        kept = _survivor(log, keep, c.id) if isinstance(keep, int) else None
        gone = _merged_names(store, c.id, kept) if kept is not None else []
        undo = next(
            (u for u in log if (m := _UNDO_OF.match(u.reason or "")) and int(m.group(1)) == c.id),
            None,
        )
        split = undo.payload.get("names") if undo is not None else None
        if not gone and isinstance(split, list):
            # Undone since: the undo split these names off again.
            gone = [str(n) for n in split]
        other = f"“{gone[0]}” (#{p.get('other')})" if gone else who("other")
        return f"merged {other} into {who('keep')}"
    if c.kind == "add_alias":
        return f"added the alias “{p.get('alias')}” to {who('actor')}"
    if c.kind == "remove_alias":
        return f"removed the alias “{p.get('alias')}” from {who('actor')}"
    if c.kind == "rename_actor":
        return f"renamed {who('actor')} to “{p.get('name')}”"
    if c.kind == "set_actor_type":
        return f"made {who('actor')} a {p.get('type')}"
    if c.kind == "split_actor":
        return f"split {', '.join(map(str, p.get('names') or []))} off {who('actor')}"
    if c.kind == "set_status":
        verdict = p.get("status") or "cleared the verdict on"
        return f"{verdict} {p.get('kind')} #{p.get('id')}"
    return f"{c.kind} {p}"


def audit(store: Store) -> list[AuditEntry]:
    """The log, oldest first, each entry in words; which can be undone, which were."""
    log = store.corrections()
    ids: set[int] = set()
    for c in log:
        for key in ("keep", "actor", "other"):
            value = c.payload.get(key)
            if isinstance(value, int):
                ids.add(value)
    names = _names(store, ids)
    undone: dict[int, int] = {}
    for c in log:
        m = _UNDO_OF.match(c.reason or "")
        if m:
            undone[int(m.group(1))] = c.id
    out = []
    for c in log:
        m = _UNDO_OF.match(c.reason or "")
        out.append(
            AuditEntry(
                correction=c,
                text=_say(c, names, store, log),
                # A merge into an actor merged away since cannot be taken back first.
                undoable=c.kind in UNDOABLE
                and c.id not in undone
                and (c.kind != "merge_actors" or c.payload.get("keep") in names),
                undone_by=undone.get(c.id),
                undo_of=int(m.group(1)) if m else None,
            )
        )
    return out


def undo(store: Store, correction_id: int, *, author: str) -> str:
    """Take back one correction by a correction of its own; returns what was done, in words.
    Raises StoreError for one that cannot be undone (or was already)."""
    log = store.corrections()
    entry = next((c for c in log if c.id == correction_id), None)
    if entry is None:
        from actorgraph.store import NotFoundError

        raise NotFoundError(f"no correction #{correction_id} in the log")
    if any((_UNDO_OF.match(c.reason or "") or [None, None])[1] == str(correction_id) for c in log):
        raise StoreError(f"correction #{correction_id} was undone already")
    p: dict[str, Any] = dict(entry.payload)
    reason = f"undo of #{correction_id}"
    if entry.kind == "set_status":
        earlier = [
            c
            for c in log
            if c.id < correction_id
            and c.kind == "set_status"
            and c.payload.get("kind") == p.get("kind")
            and c.payload.get("id") == p.get("id")
        ]
        before = earlier[-1].payload.get("status") if earlier else None
        previous = str(before) if before else None
        store.set_status(
            str(p["kind"]),
            int(p["id"]),
            previous,
            author=author,
            reason=reason,
        )
        return f"{p['kind']} #{p['id']} is {previous or 'without a verdict'} again"
    if entry.kind == "add_alias":
        store.remove_alias(int(p["actor"]), str(p["alias"]), author=author, reason=reason)
        return f"the alias “{p['alias']}” is removed"
    if entry.kind == "rename_actor":
        with store._read() as s:
            keys = s.scalars(
                select(ActorRedirect.key).where(ActorRedirect.correction_id == correction_id)
            ).all()
            row = s.get(ActorRow, int(p["actor"]))
        if row is None:
            raise StoreError("the renamed actor is no longer in the store")
        new = normalize_name(str(p["name"]))
        olds = {k.split(":", 2)[2] for k in keys if k.startswith("name:")} - {new}
        old = next((a for a in row.aliases or [] if normalize_name(a) in olds), None)
        if old is None:
            raise StoreError("the actor's former name is no longer among its aliases")
        store.rename_actor(row.id, old, author=author, reason=reason)
        return f"#{row.id} is called “{old}” again"
    if entry.kind == "merge_actors":
        keep = int(p["keep"])
        names = _merged_names(store, correction_id, keep)
        if not names:
            raise StoreError("the merged-away names are no longer on the actor kept")
        refs = p.get("refs")
        if isinstance(refs, dict):
            split = store.unmerge_actors(keep, names, refs, author=author, reason=reason)
        else:  # merged before merges recorded their facts: names and mentions only
            split = store.split_actor(keep, names, author=author, reason=reason)
        return f"“{names[0]}” is an actor of its own again (#{split})"
    raise StoreError(f"a {entry.kind.replace('_', ' ')} cannot be undone here")
