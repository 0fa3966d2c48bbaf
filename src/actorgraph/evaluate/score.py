"""Score one extraction record against one gold document, following the gold file's rules.

Matching (all one-to-one, see :mod:`actorgraph.evaluate.assign`):

- actors: some system name (name + aliases) equals some gold name after
  :func:`~actorgraph.evaluate.names.normalize_name`, and the system type is one of the gold types.
  Titles are dropped only when either side is a person, so "General Assembly" stays itself;
- relations: type, head and one tail alternative (either way round when ``symmetric``);
- events: type among the gold types; a system source matches a gold source and a system target a
  gold target (or both target lists are empty); ``symmetric`` events may be swapped.

Relation and event arguments are system actor ids; an id stands for every gold actor its actor
matches by name and type, so a split actor still supports its relations and events.

Among all one-to-one assignments the scorer picks, in this order, the one that matches the most
required gold items, then the most items overall, then the most whose date agrees. System items
left over are duplicates when they could only have taken gold items that are taken (actors:
splits, which count as false positives); items whose only candidates are optional gold items are
ignored, as are optional gold items that nobody matched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, computed_field

from actorgraph.errors import GoldFileError, InputError
from actorgraph.evaluate.assign import assign
from actorgraph.evaluate.gold import (
    GoldDocument,
    GoldEvent,
    GoldIndex,
    GoldRelation,
    load_gold,
)
from actorgraph.evaluate.names import contains_words, normalize_name, normalize_text
from actorgraph.records import Actor, DateValue, Document, Event, ExtractionRecord, Relation


class Item(BaseModel):
    """A gold or system item listed in a report (a miss, a false positive, a split, ...)."""

    id: str | None = None
    label: str
    evidence: str | None = None
    note: str | None = None


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


class Accuracy(BaseModel):
    correct: int = 0
    scored: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        return _ratio(self.correct, self.scored)

    def add(self, ok: bool) -> None:
        self.scored += 1
        self.correct += int(ok)

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(correct=self.correct + other.correct, scored=self.scored + other.scored)


class WrongValue(BaseModel):
    """A matched item whose attribute differs from the gold: what was wanted, what came out."""

    id: str
    field: str
    want: str
    got: str


class Accuracies(BaseModel):
    """Attribute accuracy on matched pairs (required and optional), where the gold states it."""

    event_date: Accuracy = Accuracy()
    relation_date: Accuracy = Accuracy()
    place: Accuracy = Accuracy()
    modality: Accuracy = Accuracy()
    attribution: Accuracy = Accuracy()
    wrong: list[WrongValue] = []

    def __add__(self, other: Accuracies) -> Accuracies:
        return Accuracies(
            **{name: getattr(self, name) + getattr(other, name) for name in type(self).model_fields}
        )

    def check(self, field: str, ok: bool, item: str, want: object, got: object) -> None:
        getattr(self, field).add(ok)
        if not ok:
            self.wrong.append(WrongValue(id=item, field=field, want=str(want), got=str(got)))


class PartScore(BaseModel):
    """Counts for actors, relations or events.

    ``fp`` includes splits and wrong types (actors). ``duplicates`` (relations, events) are
    counted apart from tp and fp; ``optional`` counts system items that matched only optional
    gold items, which are neither right nor wrong.
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0
    duplicates: int = 0
    optional: int = 0
    misses: list[Item] = []
    spurious: list[Item] = []
    splits: list[Item] = []
    wrong_types: list[Item] = []
    duplicate_items: list[Item] = []

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def counts(self) -> PartScore:
        """The same counts without the item lists (for totals)."""
        return PartScore(
            tp=self.tp,
            fp=self.fp,
            fn=self.fn,
            duplicates=self.duplicates,
            optional=self.optional,
        )

    def __add__(self, other: PartScore) -> PartScore:
        return PartScore(
            tp=self.tp + other.tp,
            fp=self.fp + other.fp,
            fn=self.fn + other.fn,
            duplicates=self.duplicates + other.duplicates,
            optional=self.optional + other.optional,
        )


class FileScore(BaseModel):
    gold: str
    document: str
    actors: PartScore
    relations: PartScore
    events: PartScore
    events_strict: PartScore = PartScore()
    accuracy: Accuracies


class EvaluationReport(BaseModel):
    """Micro-averaged totals (counts summed over files) plus each file's score."""

    actors: PartScore
    relations: PartScore
    events: PartScore
    events_strict: PartScore = PartScore()
    accuracy: Accuracies
    files: list[FileScore]


# --- dates ---------------------------------------------------------------------------------


def date_agrees(gold: str, system: DateValue | None) -> bool:
    """True when the system date, read at the gold's precision, is the gold date.

    A system date coarser than the gold one does not agree (2017-10 is not 2017-10-31), since its
    prefix is then shorter than the gold value; a range agrees only when both its ends do.
    """
    if system is None or not system.value:
        return False
    ends = system.value.split("/")
    return all(end[: len(gold)] == gold for end in ends)


# --- actors --------------------------------------------------------------------------------


class _ActorMatcher:
    """Which gold actors each system actor may be (name and type), and which only by name."""

    def __init__(self, gold: GoldDocument, actors: Sequence[Actor]) -> None:
        self.gold = gold
        self.actors = list(actors)
        self.by_id = {a.id: i for i, a in enumerate(self.actors)}
        gold_keys = [_keys(g.names) for g in gold.actors]
        self.typed: list[set[int]] = []
        self.wrong: list[set[int]] = []
        for actor in self.actors:
            keys = _keys([actor.name, *actor.aliases])
            typed: set[int] = set()
            wrong: set[int] = set()
            for gi, g in enumerate(gold.actors):
                titled = actor.type == "person" or "person" in g.type
                if keys[titled] & gold_keys[gi][titled]:
                    (typed if actor.type in g.type else wrong).add(gi)
            self.typed.append(typed)
            self.wrong.append(wrong)

    def gold_of(self, actor_id: str | None) -> set[int]:
        """Gold actors a system actor id may stand for (empty for an unknown id)."""
        i = self.by_id.get(actor_id) if actor_id is not None else None
        return self.typed[i] if i is not None else set()

    def gold_of_all(self, actor_ids: Iterable[str]) -> set[int]:
        return set().union(*(self.gold_of(a) for a in actor_ids))

    def name_of(self, actor_id: str) -> str:
        i = self.by_id.get(actor_id)
        return self.actors[i].name if i is not None else f"?{actor_id}"


def _keys(names: Iterable[str]) -> dict[bool, set[str]]:
    """Normalised names with and without titles dropped (``True`` = dropped)."""
    names = list(names)
    return {
        flag: {k for k in (normalize_name(n, drop_titles=flag) for n in names) if k}
        for flag in (False, True)
    }


def _weights(
    candidates: dict[tuple[int, int], bool], required: Sequence[bool]
) -> dict[tuple[int, int], int]:
    """Edge weights making the matching lexicographic: required > matched > date agrees."""
    k = len(candidates) + 1
    w_match = k + 1
    w_required = k * (w_match + 1) + 1
    return {
        (s, g): w_required * required[g] + w_match + int(date_ok)
        for (s, g), date_ok in candidates.items()
    }


def _actor_label(actor: Actor) -> str:
    return f"{actor.name} ({actor.type})"


def _actor_evidence(actor: Actor) -> str | None:
    if not actor.mentions:
        return None
    shown = [f"{m.text!r}@{m.start}" for m in actor.mentions[:3]]
    more = f" (+{len(actor.mentions) - 3} more)" if len(actor.mentions) > 3 else ""
    return "mentions: " + ", ".join(shown) + more


def _score_actors(gold: GoldDocument, m: _ActorMatcher) -> PartScore:
    part = PartScore()
    required = [not g.optional for g in gold.actors]
    candidates = {(s, g): False for s, gs in enumerate(m.typed) for g in gs}
    matched = assign(_weights(candidates, required))
    taken = set(matched.values())
    for s, actor in enumerate(m.actors):
        item = Item(id=actor.id, label=_actor_label(actor), evidence=_actor_evidence(actor))
        if s in matched:
            if required[matched[s]]:
                part.tp += 1
            else:
                part.optional += 1
        elif any(required[g] for g in m.typed[s]):
            part.fp += 1
            names = ", ".join(gold.actors[g].name for g in sorted(m.typed[s]))
            part.splits.append(item.model_copy(update={"note": f"split of {names}"}))
        elif m.typed[s]:
            part.optional += 1
        elif m.wrong[s]:
            part.fp += 1
            types = "; ".join(
                f"{gold.actors[g].name} is {'/'.join(gold.actors[g].type)}"
                for g in sorted(m.wrong[s])
            )
            part.wrong_types.append(item.model_copy(update={"note": f"wrong type: {types}"}))
        else:
            part.fp += 1
            part.spurious.append(item)
    for g, gactor in enumerate(gold.actors):
        if required[g] and g not in taken:
            part.fn += 1
            wrong = [m.actors[s] for s in range(len(m.actors)) if g in m.wrong[s]]
            note = (
                "found with the wrong type: " + ", ".join(_actor_label(a) for a in wrong)
                if wrong
                else None
            )
            part.misses.append(
                Item(
                    label=f"{gactor.name} ({'/'.join(gactor.type)})",
                    evidence=gactor.evidence,
                    note=note,
                )
            )
    return part


# --- relations and events ------------------------------------------------------------------


def _alts(names: list[str]) -> str:
    return "|".join(names) if names else "-"


def _gold_relation_label(r: GoldRelation) -> str:
    return f"{_alts(r.type)}({_alts(r.head)}, {_alts(r.tail)})"


def _gold_event_label(e: GoldEvent) -> str:
    return f"{_alts(e.type)} {_alts(e.source)} -> {_alts(e.target)}"


def _classify(
    part: PartScore,
    system_items: list[Item],
    gold_items: list[Item],
    candidates: dict[tuple[int, int], bool],
    required: list[bool],
) -> dict[int, int]:
    """Assign, then count every system item and every required gold item exactly once."""
    matched = assign(_weights(candidates, required))
    per_system: dict[int, set[int]] = {}
    for s, g in candidates:
        per_system.setdefault(s, set()).add(g)
    for s, item in enumerate(system_items):
        if s in matched:
            if required[matched[s]]:
                part.tp += 1
            else:
                part.optional += 1
        elif any(required[g] for g in per_system.get(s, ())):
            part.duplicates += 1
            of = ", ".join(gold_items[g].id or gold_items[g].label for g in sorted(per_system[s]))
            part.duplicate_items.append(item.model_copy(update={"note": f"duplicate of {of}"}))
        elif s in per_system:
            part.optional += 1
        else:
            part.fp += 1
            part.spurious.append(item)
    taken = set(matched.values())
    for g, item in enumerate(gold_items):
        if required[g] and g not in taken:
            part.fn += 1
            part.misses.append(item)
    return matched


def _relation_candidates(
    gold: GoldDocument, index: GoldIndex, m: _ActorMatcher, relations: Sequence[Relation]
) -> dict[tuple[int, int], bool]:
    candidates: dict[tuple[int, int], bool] = {}
    for g, gr in enumerate(gold.relations):
        where = f"relation {g + 1}"
        heads = set(index.resolve_all(gr.head, where))
        tails = set(index.resolve_all(gr.tail, where))
        for s, r in enumerate(relations):
            if r.type not in gr.type:
                continue
            h, t = m.gold_of(r.head), m.gold_of(r.tail)
            forward = bool(h & heads and t & tails)
            backward = gr.symmetric and bool(t & heads and h & tails)
            if forward or backward:
                stated = [(d, v) for d, v in ((gr.start, r.start), (gr.end, r.end)) if d]
                candidates[(s, g)] = bool(stated) and all(date_agrees(d, v) for d, v in stated)
    return candidates


def _event_matches(ev: Event, ge: GoldEvent, index: GoldIndex, m: _ActorMatcher, g: int) -> bool:
    where = f"event {g + 1}"
    sources = set(index.resolve_all(ge.source, where))
    targets = set(index.resolve_all(ge.target, where))

    def fits(src: list[str], tgt: list[str]) -> bool:
        if not m.gold_of_all(src) & sources:
            return False
        if not targets:
            return not tgt
        return bool(m.gold_of_all(tgt) & targets)

    return fits(ev.source, ev.target) or (ge.symmetric and fits(ev.target, ev.source))


STRICT_WORD_SHARE = 0.6


def evidence_holds(ev: Event, gold_evidence: str | None) -> bool:
    """Strict matching: one of the event's evidence texts holds the gold evidence.

    Holding means containing it (after normalisation) or at least 60 % of its distinct words,
    so an event of the right type and actors found in a sentence about something else is not
    credited. Gold events without evidence cannot be checked and pass.

    >>> from actorgraph.records import Evidence
    >>> ev = Evidence(start=0, end=9, text="Ann met Bo.")
    >>> e = Event.model_construct(evidence=ev, mentions=[])
    >>> evidence_holds(e, "Ann met Bo"), evidence_holds(e, "Cy hit Di")
    (True, False)
    """
    if not gold_evidence:
        return True
    want = normalize_text(gold_evidence)
    words = set(want.split())
    for item in [ev.evidence, *ev.mentions]:
        got = normalize_text(item.text)
        if contains_words(got, want):
            return True
        if words and len(words & set(got.split())) >= STRICT_WORD_SHARE * len(words):
            return True
    return False


def _attribution_ok(ev: Event, ge: GoldEvent, index: GoldIndex, m: _ActorMatcher) -> bool:
    if ev.attribution is None:
        return False
    said = normalize_text(ev.attribution.text)
    speaker = m.gold_of(ev.attribution.actor)
    for alt in ge.attribution:
        want = normalize_text(alt)
        if contains_words(said, want) or contains_words(want, said):
            return True
        try:
            if index.resolve(alt, "attribution") in speaker:
                return True
        except GoldFileError:
            # Free-text attributions ("security sources") name no gold actor; text must match.
            continue
    return False


def score(gold: GoldDocument, record: ExtractionRecord) -> FileScore:
    """Compare one record with its gold annotation. Pure: reads no files, runs no NLP."""
    index = GoldIndex(gold)
    m = _ActorMatcher(gold, record.actors)
    actors = _score_actors(gold, m)

    def names(ids: Iterable[str]) -> str:
        return "|".join(m.name_of(i) for i in ids) or "-"

    relations = PartScore()
    rel_matched = _classify(
        relations,
        [
            Item(
                id=r.id,
                label=f"{r.type}({m.name_of(r.head)}, {m.name_of(r.tail)})",
                evidence=r.evidence.text,
            )
            for r in record.relations
        ],
        [Item(id=r.id, label=_gold_relation_label(r), evidence=r.evidence) for r in gold.relations],
        _relation_candidates(gold, index, m, record.relations),
        [not r.optional for r in gold.relations],
    )

    events = PartScore()
    ev_candidates: dict[tuple[int, int], bool] = {}
    for g, ge in enumerate(gold.events):
        for s, ev in enumerate(record.events):
            if ev.type in ge.type and _event_matches(ev, ge, index, m, g):
                ev_candidates[(s, g)] = bool(ge.date) and date_agrees(ge.date or "", ev.date)
    ev_matched = _classify(
        events,
        [
            Item(
                id=e.id,
                label=f"{e.type} {names(e.source)} -> {names(e.target)}",
                evidence=e.evidence.text,
            )
            for e in record.events
        ],
        [Item(id=e.id, label=_gold_event_label(e), evidence=e.evidence) for e in gold.events],
        ev_candidates,
        [not e.optional for e in gold.events],
    )

    strict = PartScore()
    event_items = [
        Item(
            id=e.id,
            label=f"{e.type} {names(e.source)} -> {names(e.target)}",
            evidence=e.evidence.text,
        )
        for e in record.events
    ]
    _classify(
        strict,
        event_items,
        [Item(id=e.id, label=_gold_event_label(e), evidence=e.evidence) for e in gold.events],
        {
            (s, g): d
            for (s, g), d in ev_candidates.items()
            if evidence_holds(record.events[s], gold.events[g].evidence)
        },
        [not e.optional for e in gold.events],
    )

    acc = Accuracies()
    actor_names = {a.id: a.name for a in record.actors}
    for s, g in sorted(rel_matched.items()):
        gr, r = gold.relations[g], record.relations[s]
        label = _gold_relation_label(gr)
        for want, got in ((gr.start, r.start), (gr.end, r.end)):
            if want:
                shown = got.value if got is not None else None
                acc.check("relation_date", date_agrees(want, got), label, want, shown)
    for s, g in sorted(ev_matched.items()):
        ge, ev = gold.events[g], record.events[s]
        label = ge.id or f"event {g + 1}"
        if ge.date:
            acc.check("event_date", date_agrees(ge.date, ev.date), label, ge.date, ev.date.value)
        if ge.place:
            places = set(index.resolve_all(ge.place, f"event {g + 1}"))
            got_place = actor_names.get(ev.place or "")
            acc.check("place", bool(m.gold_of(ev.place) & places), label, ge.place, got_place)
        if ge.modality:
            acc.check("modality", ev.modality == ge.modality, label, ge.modality, ev.modality)
        if ge.attribution:
            got_attr = ev.attribution.text if ev.attribution else None
            acc.check(
                "attribution",
                _attribution_ok(ev, ge, index, m),
                label,
                ge.attribution,
                got_attr,
            )

    return FileScore(
        gold=gold.label,
        document=str(gold.text_path),
        actors=actors,
        relations=relations,
        events=events,
        events_strict=strict.counts(),
        accuracy=acc,
    )


def summarize(files: Sequence[FileScore]) -> EvaluationReport:
    """Micro-average: sum the counts of every file, then compute the ratios once."""
    total = {
        "actors": PartScore(),
        "relations": PartScore(),
        "events": PartScore(),
        "events_strict": PartScore(),
    }
    acc = Accuracies()
    for f in files:
        for name in total:
            total[name] = total[name] + getattr(f, name)
        acc = acc + f.accuracy
    return EvaluationReport(
        actors=total["actors"],
        relations=total["relations"],
        events=total["events"],
        events_strict=total["events_strict"],
        accuracy=acc,
        files=list(files),
    )


def evaluate(
    gold_paths: Sequence[Path], extract: Callable[[Document], ExtractionRecord]
) -> EvaluationReport:
    """Load each gold file, read its document, run ``extract`` on it and score the result."""
    # Imported here: ingest pulls in the HTML and PDF readers, which scoring alone never needs.
    from actorgraph.ingest import read_file

    scores = []
    for path in gold_paths:
        gold = load_gold(Path(path))
        documents = read_file(gold.text_path, published=gold.document.published)
        if not documents:
            raise InputError(
                f"no document found in {gold.text_path}; check document.file in the gold file",
                path=str(path),
            )
        scores.append(score(gold, extract(documents[0])))
    return summarize(scores)
