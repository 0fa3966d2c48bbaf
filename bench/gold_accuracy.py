"""Score extraction against the gold files (the seed article and the bundled example corpus).

    python bench/gold_accuracy.py [--seed ../shared/eval/seed.gold.yaml] [--no-write]

Writes one table per gold set to docs/accuracy.md between the gold markers.
"""

from __future__ import annotations

import argparse
import re
from importlib import resources
from pathlib import Path

from actorgraph.evaluate import EvaluationReport, evaluate
from actorgraph.extract import Extractor

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "accuracy.md"
BEGIN, END = "<!-- gold:begin -->", "<!-- gold:end -->"


def table(title: str, report: EvaluationReport) -> list[str]:
    rows = [
        f"### {title}",
        "",
        "| part | tp | fp | fn | P | R | F1 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    data = report.model_dump()
    for part in ("actors", "relations", "events"):
        p = data[part]
        rows.append(
            f"| {part} | {p['tp']} | {p['fp']} | {p['fn']} | {fmt(p['precision'])} | "
            f"{fmt(p['recall'])} | {fmt(p['f1'])} |"
        )
    acc = {k: v for k, v in data["accuracy"].items() if k != "wrong"}  # the list of misses
    rows += ["", "| accuracy on matched items | correct / scored |", "|---|---:|"]
    rows += [f"| {k.replace('_', ' ')} | {v['correct']} / {v['scored']} |" for k, v in acc.items()]
    return [*rows, ""]


def fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=Path, default=ROOT.parent / "shared/eval/seed.gold.yaml")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    ex = Extractor()
    examples = resources.files("actorgraph").joinpath("data/examples")
    golds = sorted(Path(str(p)) for p in examples.iterdir() if p.name.endswith(".gold.yaml"))
    lines = [BEGIN, "## Gold files (`bench/gold_accuracy.py`)", ""]
    if args.seed.exists():
        lines += table("Seed article", evaluate([args.seed], ex.extract))
    lines += table(f"Example corpus ({len(golds)} articles)", evaluate(golds, ex.extract))
    lines.append(END)
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
