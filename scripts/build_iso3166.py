"""Regenerate src/actorgraph/data/export/iso3166.json (alpha-3 -> alpha-2 country codes).

Reads Debian's iso-codes package (``apt-get install iso-codes``); the exports need the alpha-2
code because STIX 2.1 locations name countries by it while actorgraph records use alpha-3.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SOURCE = Path("/usr/share/xml/iso-codes/iso_3166-1.xml")
TARGET = Path(__file__).resolve().parent.parent / "src/actorgraph/data/export/iso3166.json"


def main() -> int:
    if not SOURCE.exists():
        sys.stderr.write(f"{SOURCE} is missing: apt-get install iso-codes\n")
        return 1
    root = ET.parse(SOURCE).getroot()
    codes = {
        e.get("alpha_3_code"): e.get("alpha_2_code")
        for e in root.iter("iso_3166_entry")
        if e.get("alpha_3_code") and e.get("alpha_2_code")
    }
    TARGET.write_text(json.dumps(dict(sorted(codes.items())), indent=0) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(codes)} codes -> {TARGET}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
