#!/usr/bin/env python
"""What the trained models would do to the scoreboard, applied to finished records.

    .venv/bin/python scripts/preview_models.py

Texts: the held-out halves of ../shared/eval/roles, plover-gsr-dev.json and wikievents (see
data/models/*/split.json) and the six articles (never used in training), each extracted once by
this checkout's pipeline and scored by the set's own scorer (`evaluate` for the articles) under
each policy:

- rules: the records as extracted;
- roles: each event's sides re-chosen by the role model: the actor with the highest P(side)
  becomes that side when P(side) >= 0.5 and above its P(other side) (never both sides); else
  the rules' side stays;
- veto: events whose trigger the trigger model calls no event with P(NONE) >= 0.8 dropped;
- roles+veto: both;
- roles+fill: roles, and in each sentence where the rules found no event, the candidate the
  trigger model is surest is an event (P(NONE) <= 0.2) becomes one, of the model's type, with
  the role model's sides (if it finds one).

This is a preview on finished records, not the integration: the engine can do more (give the
model's sides to candidates it now drops for want of actors, for one).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "bench"))

from plover_gsr import score_records  # noqa: E402
from train_trigger_model import default_shared, in_training_part  # noqa: E402

from actorgraph.evaluate.score import evaluate  # noqa: E402
from actorgraph.extract import Extractor, build_record  # noqa: E402
from actorgraph.extract.role_model import RoleModel  # noqa: E402
from actorgraph.extract.trigger_model import NONE, TriggerModel, candidates  # noqa: E402
from actorgraph.records import Document, Event, Evidence, ExtractionRecord  # noqa: E402
from actorgraph.records import Span as TextSpan  # noqa: E402

VETO = 0.8
FILL = 0.8


def _trigger(doc: Doc, e: Event) -> Any:
    if e.trigger is None:
        return None
    span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    return None if span is None else span.root


def rechoose(record: ExtractionRecord, doc: Doc, model: RoleModel) -> ExtractionRecord:
    """The record with each event's source and target re-chosen by the role model."""
    events = []
    for e in record.events:
        tok = _trigger(doc, e)
        if tok is None:
            events.append(e)
            continue
        scores = model.predict_actors(tok)
        update: dict[str, list[str]] = {}
        taken: set[str] = set()
        for side, other in (("source", "target"), ("target", "source")):
            best = max(
                (
                    (p[side], f"a{k}")
                    for k, p in scores.items()
                    if p[side] >= 0.5 and p[side] > p[other] and f"a{k}" not in taken
                ),
                default=None,
            )
            if best is not None:
                update[side] = [best[1]]
                taken.add(best[1])
            else:
                kept = [a for a in getattr(e, side) if a not in taken]
                update[side] = kept
                taken.update(kept)
        events.append(e.model_copy(update=update))
    return record.model_copy(update={"events": events})


def veto(record: ExtractionRecord, doc: Doc, model: TriggerModel) -> ExtractionRecord:
    """The record without the events whose trigger the model is sure is no event."""
    kept = []
    for e in record.events:
        tok = _trigger(doc, e)
        if tok is not None and model.predict(tok)[NONE] >= VETO:
            continue
        kept.append(e)
    return record.model_copy(update={"events": kept})


def _sides(scores: dict[int, dict[str, float]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    taken: set[str] = set()
    for side, other in (("source", "target"), ("target", "source")):
        best = max(
            (
                (p[side], f"a{k}")
                for k, p in scores.items()
                if p[side] >= 0.5 and p[side] > p[other] and f"a{k}" not in taken
            ),
            default=None,
        )
        out[side] = [best[1]] if best is not None else []
        taken.update(out[side])
    return out


def fill(
    record: ExtractionRecord,
    doc: Doc,
    tm: TriggerModel,
    rm: RoleModel,
    sure: float = FILL,
    both: bool = False,
) -> ExtractionRecord:
    """Add, in each sentence where the rules found no event, the candidate the trigger model is
    surest of (P(NONE) <= 1 - ``sure``), typed by it, its sides chosen by the role model; only
    when it gets at least one side (``both``: both sides)."""
    have = {e.evidence.sentence for e in record.events} | {
        m.sentence for e in record.events for m in e.mentions
    }
    cands = candidates(doc, tm.lexicon, tm.modality)
    events = list(record.events)
    for n, sent in enumerate(doc.sents):
        if n in have:
            continue
        best: tuple[float, Any, str] | None = None
        for t in cands:
            if not sent.start <= t.i < sent.end:
                continue
            kind, p = tm.best(t)
            ok = kind != NONE and 1.0 - tm.predict(t)[NONE] >= sure
            if ok and (best is None or p > best[0]):
                best = (p, t, kind)
        if best is None:
            continue
        _, t, kind = best
        sides = _sides(rm.predict_actors(t))
        if not sides["source"] and not sides["target"]:
            continue
        if both and not (sides["source"] and sides["target"]):
            continue
        ev = Evidence(start=sent.start_char, end=sent.end_char, text=sent.text, sentence=n)
        events.append(
            Event(
                id=f"m{len(events)}",
                type=kind,
                trigger=TextSpan(start=t.idx, end=t.idx + len(t), text=t.text),
                source=sides["source"],
                target=sides["target"],
                evidence=ev,
                mentions=[ev],
                confidence=0.4,
            )
        )
    return record.model_copy(update={"events": events})


def policies(tm: TriggerModel, rm: RoleModel) -> dict[str, Callable[..., ExtractionRecord]]:
    return {
        "rules": lambda rec, doc: rec,
        "roles": lambda rec, doc: rechoose(rec, doc, rm),
        "veto": lambda rec, doc: veto(rec, doc, tm),
        "roles+veto": lambda rec, doc: veto(rechoose(rec, doc, rm), doc, tm),
        "roles+fill": lambda rec, doc: fill(rechoose(rec, doc, rm), doc, tm, rm),
        "roles+fill 0.9": lambda rec, doc: fill(rechoose(rec, doc, rm), doc, tm, rm, sure=0.9),
        "roles+fill both sides": lambda rec, doc: fill(
            rechoose(rec, doc, rm), doc, tm, rm, both=True
        ),
    }


def _scorer(script: Path, gold: list[dict[str, Any]], records: list[ExtractionRecord]) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        g, r = Path(tmp) / "gold.jsonl", Path(tmp) / "records.jsonl"
        g.write_text("".join(json.dumps(x) + "\n" for x in gold), encoding="utf-8")
        r.write_text("".join(x.model_dump_json() + "\n" for x in records), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(script), str(g), str(r), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(out.stdout)


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=default_shared())
    args = ap.parse_args()
    ev = args.shared / "eval"
    extractor = Extractor()
    pol = policies(TriggerModel.load(), RoleModel.load())

    def run(document: Document) -> tuple[ExtractionRecord, Doc]:
        doc = extractor.annotate(document)
        return build_record(document, doc), doc

    # roles
    gold = [g for g in _jsonl(ev / "roles" / "sentences.jsonl") if not in_training_part(g["id"])]
    done = [run(Document(text=g["text"], source=g["id"], url=g["id"])) for g in gold]
    for name, f in pol.items():
        res = _scorer(ev / "scorers" / "roles_score.py", gold, [f(r, d) for r, d in done])
        o = res.get("overall", res)
        print(
            f"roles ({len(gold)} held out), {name}: found {o['found']['rate']:.3f} "
            f"source {o['src']['rate']:.3f} target {o['tgt']['rate']:.3f} "
            f"both {o['both']['rate']:.3f}"
        )
    # PLOVER
    recs = json.loads((ev / "plover-gsr-dev.json").read_text(encoding="utf-8"))
    gold = [r for r in recs if r.get("text") and not in_training_part(r["id"])]
    gold = [r for r in gold if r.get("event") != "DOCUMENT"]
    for r in gold:
        # Four records hold a bare string where a list of actors belongs (SOURCE.md).
        for side in ("source", "target"):
            if isinstance(r.get(side), str):
                r[side] = [{"actorText": r[side]}] if r[side] else []
    done = [
        run(Document(text=r["text"], source=r["id"], url=r["id"], published=r.get("date")))
        for r in gold
    ]
    for name, f in pol.items():
        res = score_records([(g, f(r, d)) for g, (r, d) in zip(gold, done, strict=True)])
        n = res["n"]
        print(
            f"plover ({n} held out), {name}: found {res['found'] / n:.3f} "
            f"type right {res['typed'] / n:.3f} source {res['src_ok'] / n:.3f} "
            f"target {res['tgt_ok'] / n:.3f} both {res['both_ok'] / n:.3f}"
        )
    # wikievents
    docs = {d["url"]: d for d in _jsonl(ev / "wikievents" / "documents.jsonl")}
    gold = [g for g in _jsonl(ev / "wikievents" / "gold.jsonl") if not in_training_part(g["id"])]
    done = [run(Document(text=docs[g["id"]]["text"], source=g["id"], url=g["id"])) for g in gold]
    for name, f in pol.items():
        res = _scorer(ev / "scorers" / "wikievents_score.py", gold, [f(r, d) for r, d in done])
        a = res["events"]["all"]
        print(
            f"wikievents ({len(gold)} held out), {name}: events P {a['P']:.3f} "
            f"R {a['R']:.3f} F1 {a['F1']:.3f}"
        )
    # articles
    golds = sorted((ev / "articles").glob("*.gold.yaml"))
    cache: dict[str, tuple[ExtractionRecord, Doc]] = {}
    for name, f in pol.items():

        def extract(document: Document, f: Callable[..., ExtractionRecord] = f) -> Any:
            if document.text not in cache:
                cache[document.text] = run(document)
            return f(*cache[document.text])

        report = evaluate(golds, extract)
        print(
            f"articles (6), {name}: "
            + ", ".join(
                f"{k} P {v.precision:.3f} R {v.recall:.3f} F1 {v.f1:.3f}"
                for k, v in (("events", report.events), ("strict", report.events_strict))
                if v.f1 is not None and v.precision is not None and v.recall is not None
            )
        )


if __name__ == "__main__":
    main()
