"""Extraction throughput against the bare spaCy parse of the same texts, in one run.

    python bench/throughput.py [--corpus ../shared/corpus/bbc] [--limit 600] [--repeat 2]

Both runs use the same model, batch size and texts, alternating base/full `--repeat` times; the
best time of each is kept (the least disturbed by other load). The overhead is
full / base - 1, the budget 25 %. Each actorgraph component is also timed on its own.
Results are written to docs/performance.md between the throughput markers.
"""

from __future__ import annotations

import argparse
import platform
import re
import time
from pathlib import Path

import spacy

from actorgraph.nlp import PipelineConfig, load_pipeline

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- throughput:begin -->", "<!-- throughput:end -->"


def load_texts(corpus: Path, limit: int) -> list[str]:
    files = sorted(corpus.rglob("*.txt"))
    step = max(1, len(files) // limit) if limit else 1
    picked = files[::step][:limit] if limit else files
    return [f.read_text(encoding="utf-8", errors="replace") for f in picked]


def timed_pipe(nlp: spacy.language.Language, texts: list[str]) -> float:
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - t0


def component_times(nlp: spacy.language.Language, texts: list[str]) -> dict[str, float]:
    times: dict[str, float] = {name: 0.0 for name in nlp.pipe_names}
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            doc = proc(doc)
            times[name] += time.perf_counter() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    ap.add_argument("--limit", type=int, default=600, help="number of articles (0 = all)")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    texts = load_texts(args.corpus, args.limit)
    if not texts:
        raise SystemExit(f"no .txt articles under {args.corpus}; pass --corpus DIR")
    words = sum(len(t.split()) for t in texts)
    base = spacy.load(PipelineConfig().model)
    full = load_pipeline(PipelineConfig())
    timed_pipe(base, texts[:20])  # warm-up: lazy loads, caches
    timed_pipe(full, texts[:20])
    base_t, full_t = [], []
    for _ in range(args.repeat):
        base_t.append(timed_pipe(base, texts))
        full_t.append(timed_pipe(full, texts))
    b, f = min(base_t), min(full_t)
    comp = component_times(full, texts)
    ours = {k: v for k, v in comp.items() if k.startswith("actorgraph_")}
    spacy_part = sum(v for k, v in comp.items() if not k.startswith("actorgraph_"))
    ratio = f / b - 1
    comp_ratio = sum(ours.values()) / spacy_part
    stride = max(1, 2225 // max(1, len(texts)))
    lines = [
        BEGIN,
        "## Extraction throughput (`bench/throughput.py`)",
        "",
        f"Corpus: {len(texts)} BBC articles, {words:,} words "
        f"(`{args.corpus.name}`, one file in {stride}, sorted by path). "
        f"Machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, spaCy {spacy.__version__}, model "
        f"`{PipelineConfig().model}`, batch size 32, one process; best of {args.repeat}.",
        "",
        "| run | seconds | words/s |",
        "|---|---:|---:|",
        f"| bare spaCy parse | {b:.2f} | {words / b:,.0f} |",
        f"| actorgraph extraction (parse + components) | {f:.2f} | {words / f:,.0f} |",
        "",
        f"**Overhead over the parse: {ratio:+.1%}** (budget +25 %). "
        f"Timed per component, actorgraph's components cost {comp_ratio:.1%} of the spaCy "
        f"components' time:",
        "",
        "| component | seconds |",
        "|---|---:|",
        *[f"| {k} | {v:.2f} |" for k, v in comp.items()],
        END,
    ]
    block = "\n".join(lines)
    print(block)
    if not args.no_write:
        old = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
        if BEGIN in old:
            new = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), block, old, flags=re.S)
        else:
            new = old.rstrip() + "\n\n" + block + "\n"
        DOC.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
