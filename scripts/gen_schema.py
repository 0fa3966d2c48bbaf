"""Regenerate docs/schema/extraction.schema.json from the typed record (run after changing it)."""

from __future__ import annotations

import json
from pathlib import Path

from actorgraph.records import schema_json

OUT = Path(__file__).resolve().parents[1] / "docs" / "schema" / "extraction.schema.json"

if __name__ == "__main__":
    OUT.write_text(schema_json(), encoding="utf-8")
    print(f"wrote {OUT} ({len(json.loads(OUT.read_text()))} top-level keys)")
