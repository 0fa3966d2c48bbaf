"""Score event extraction on the PLOVER gold-standard sentences, one sentence at a time.

    python bench/plover_gsr.py [--gold ../shared/eval/plover-gsr-dev.json] [--no-write]

For each gold sentence: was any event found; among those, is one of the gold type (after the
renames DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE); and
for that event, do its source and target agree with the gold actors. An actor agrees when the
words of one of its names overlap the gold actor text, or its country code is the gold code.
Results go to docs/accuracy.md between the plover markers.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from actorgraph.extract import Extractor
from actorgraph.kb import normalize_name
from actorgraph.records import Actor, Document, Event, ExtractionRecord

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "accuracy.md"
BEGIN, END = "<!-- plover:begin -->", "<!-- plover:end -->"
RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
STOP = {"the", "of", "and", "a", "an", "in", "for", "to", "s"}


def words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s\-]+", normalize_name(text)) if w and w not in STOP}


def agrees(actor: Actor, gold: dict[str, str]) -> bool:
    if actor.country and gold.get("code") and actor.country == gold["code"][:3]:
        return True
    gold_words = words(gold.get("actorText", ""))
    return any(words(n) & gold_words for n in [actor.name, *actor.aliases])


def side_right(ev: Event, rec: ExtractionRecord, side: str, gold: list[dict[str, str]]) -> bool:
    ids = ev.source if side == "source" else ev.target
    # Four records hold a bare string (or "") where a list of actors belongs (SOURCE.md).
    if isinstance(gold, str):
        gold = [{"actorText": gold}] if gold else []
    gold = [g for g in gold if isinstance(g, dict)]
    if not gold:
        return not ids
    actors = {a.id: a for a in rec.actors}
    return any(agrees(actors[i], g) for i in ids for g in gold)


def score_records(
    pairs: list[tuple[dict[str, Any], ExtractionRecord]], show: bool = False
) -> dict[str, Any]:
    """Score (gold sentence, record) pairs: found, typed, sides right, and counts by type."""
    n = found = typed = src_ok = tgt_ok = both_ok = 0
    by_type: Counter[str] = Counter()
    by_type_ok: Counter[str] = Counter()
    for r, rec in pairs:
        gold_type = RENAMES.get(r["event"], r["event"])
        n += 1
        by_type[gold_type] += 1
        right = [e for e in rec.events if e.type == gold_type]
        if rec.events:
            found += 1
        if right:
            typed += 1
            by_type_ok[gold_type] += 1
            src_ok += any(side_right(e, rec, "source", r.get("source", [])) for e in right)
            tgt_ok += any(side_right(e, rec, "target", r.get("target", [])) for e in right)
            both_ok += any(
                side_right(e, rec, "source", r.get("source", []))
                and side_right(e, rec, "target", r.get("target", []))
                for e in right
            )
        if show:
            got = ", ".join(e.type for e in rec.events) or "-"
            print(f"{gold_type:10} {'OK ' if right else '   '} got: {got:30} {r['text'][:90]}")
    return {
        "n": n,
        "found": found,
        "typed": typed,
        "src_ok": src_ok,
        "tgt_ok": tgt_ok,
        "both_ok": both_ok,
        "by_type": by_type,
        "by_type_ok": by_type_ok,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared/eval/plover-gsr-dev.json")
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--show", action="store_true", help="print each sentence's result")
    args = ap.parse_args()

    records = [r for r in json.loads(args.gold.read_text()) if r.get("event") != "DOCUMENT"]
    ex = Extractor()
    pairs = []
    for r in records:
        doc = Document(text=r["text"], source=r["id"], published=r.get("date"))
        pairs.append((r, ex.extract(doc)))
    s = score_records(pairs, show=args.show)
    n, found, typed = s["n"], s["found"], s["typed"]
    src_ok, tgt_ok, both_ok = s["src_ok"], s["tgt_ok"], s["both_ok"]
    by_type, by_type_ok = s["by_type"], s["by_type_ok"]
    lines = [
        BEGIN,
        "## PLOVER gold-standard sentences (`bench/plover_gsr.py`)",
        "",
        f"{n} sentences of `plover-gsr-dev.json` (the DOCUMENT record left out), each extracted "
        "on its own with the record's date as publication date. Old type names renamed as "
        "in `shared/eval/SOURCE.md`.",
        "",
        "| measure | sentences | share |",
        "|---|---:|---:|",
        f"| an event found | {found} / {n} | {found / n:.1%} |",
        f"| an event of the gold type, of those found | {typed} / {found} | "
        f"{typed / max(found, 1):.1%} |",
        f"| ... with the source right | {src_ok} / {typed} | {src_ok / max(typed, 1):.1%} |",
        f"| ... with the target right | {tgt_ok} / {typed} | {tgt_ok / max(typed, 1):.1%} |",
        f"| ... with source and target right | {both_ok} / {typed} | "
        f"{both_ok / max(typed, 1):.1%} |",
        "",
        "Type right, by gold type:",
        "",
        "| type | sentences | type right |",
        "|---|---:|---:|",
        *[f"| {t} | {c} | {by_type_ok[t]} |" for t, c in sorted(by_type.items())],
        END,
    ]
    block = "\n".join(lines)
    print(block)
    if not args.no_write:
        old = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Accuracy\n"
        if BEGIN in old:
            new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), block, old, flags=re.S)
        else:
            new = old.rstrip() + "\n\n" + block + "\n"
        DOC.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
