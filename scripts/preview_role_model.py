#!/usr/bin/env python
"""What the role model would do to the roles scoreboard: the held-out half of ../shared/eval/roles
extracted once, scored as extracted and with each event's sides re-chosen by the role model.

    .venv/bin/python scripts/preview_role_model.py

The re-choice (one way the engine could use the model, done here on finished records): for each
event with a trigger, the actor with the highest P(source) becomes its source when that is at
least 0.5 and above its P(target); likewise the target (never the new source). Otherwise the
rules' side stays. Scored with ../shared/eval/scorers/roles_score.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spacy.tokens import Doc
from train_trigger_model import default_shared, in_training_part

from actorgraph.extract import Extractor, build_record
from actorgraph.extract.role_model import RoleModel
from actorgraph.records import Document, ExtractionRecord


def rechoose(record: ExtractionRecord, doc: Doc, model: RoleModel) -> ExtractionRecord:
    """The record with each event's source and target re-chosen by the role model."""
    events = []
    for e in record.events:
        if e.trigger is None:
            events.append(e)
            continue
        span = doc.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        if span is None:
            events.append(e)
            continue
        scores = model.predict_actors(span.root)
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


def score(gold: Path, records: list[ExtractionRecord], scorer: Path) -> dict[str, object]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for r in records:
            fh.write(r.model_dump_json() + "\n")
        path = fh.name
    out = subprocess.run(
        [sys.executable, str(scorer), str(gold), path, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=default_shared())
    args = ap.parse_args()
    folder = args.shared / "eval" / "roles"
    held = [
        json.loads(x)
        for x in (folder / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
        if not in_training_part(json.loads(x)["id"])
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for g in held:
            fh.write(json.dumps(g) + "\n")
        gold = Path(fh.name)
    extractor = Extractor()
    model = RoleModel.load()
    plain, chosen = [], []
    for g in held:
        document = Document(text=g["text"], source=g["id"], url=g["id"])
        doc = extractor.annotate(document)
        record = build_record(document, doc)
        plain.append(record)
        chosen.append(rechoose(record, doc, model))
    scorer = args.shared / "eval" / "scorers" / "roles_score.py"
    for name, records in (("rules", plain), ("rules + role model", chosen)):
        res = score(gold, records, scorer)
        print(f"{name}: {json.dumps(res.get('overall', res))}")


if __name__ == "__main__":
    main()
