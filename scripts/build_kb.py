"""Regenerate src/actorgraph/data/kb/phoenix.json from the Phoenix actor dictionaries.

Usage: python scripts/build_kb.py --phoenix /work/shared/reference/phoenix
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actorgraph.errors import ActorgraphError
from actorgraph.kb.build import DEFAULT_FIXES, DEFAULT_OUTPUT, build_phoenix_kb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phoenix", type=Path, required=True, help="folder of Phoenix.*.txt")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--fixes", type=Path, default=DEFAULT_FIXES)
    args = parser.parse_args(argv)
    try:
        counts = build_phoenix_kb(args.phoenix, args.output, args.fixes)
    except ActorgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size / 1e6:.1f} MB)")
    for key in sorted(counts):
        print(f"  {key}: {counts[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
