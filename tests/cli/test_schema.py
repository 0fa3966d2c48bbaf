"""The committed JSON Schema matches the typed record, and real CLI output validates against it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from actorgraph import SCHEMA_VERSION
from actorgraph.cli import app
from actorgraph.concepts import RELATION_TYPES
from actorgraph.records import schema_json

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "docs" / "schema" / "extraction.schema.json"
REGENERATE = "the record changed: run `python scripts/gen_schema.py` and commit the result"

# Invented reporting, written for this test; a leader, a place and two events.
ARTICLE = (
    "Pressure on the border\n"
    "Russian President Vladimir Putin met Turkish officials in Ankara on 4 June 2019. "
    "A day later Turkey said it might close the crossing, and Iran accused Israel of "
    "sabotage, according to a state broadcaster.\n"
)


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("schema") / "border.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--published", "2019-06-06"])
    assert result.exit_code == 0, result.stderr
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def test_committed_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_json(), REGENERATE


def test_schema_declares_draft_2020_12_and_version(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(f":{SCHEMA_VERSION}")
    Draft202012Validator.check_schema(schema)


def test_schema_lists_the_documented_enumerations(schema: dict[str, Any]) -> None:
    defs = schema["$defs"]
    assert set(defs["Actor"]["properties"]["type"]["enum"]) == {
        "person",
        "organization",
        "state",
        "place",
        "group",
    }
    assert set(defs["Event"]["properties"]["modality"]["enum"]) == {
        "asserted",
        "reported",
        "hedged",
        "denied",
        "negated",
        "future",
        "intended",
        "hypothetical",
    }
    assert set(defs["DateValue"]["properties"]["basis"]["enum"]) == {
        "text",
        "context",
        "publication",
        "none",
    }
    assert len(RELATION_TYPES) == 9


def test_extract_output_validates(validator: Draft202012Validator, record: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    assert errors == [], [f"{list(e.path)}: {e.message}" for e in errors]
    # The record is not trivially empty: the schema was checked on real content.
    assert record["actors"]
    assert record["events"]


def test_extract_output_uses_the_schema_version(record: dict[str, Any]) -> None:
    assert record["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize(
    "damage",
    ["drop-document", "extra-field", "bad-actor-type", "string-offset", "bad-modality"],
)
def test_schema_rejects_a_damaged_record(
    validator: Draft202012Validator, record: dict[str, Any], damage: str
) -> None:
    broken = copy.deepcopy(record)
    if damage == "drop-document":
        del broken["document"]
    elif damage == "extra-field":
        broken["actors"][0]["nickname"] = "x"
    elif damage == "bad-actor-type":
        broken["actors"][0]["type"] = "city"
    elif damage == "string-offset":
        broken["actors"][0]["mentions"][0]["start"] = "12"
    else:
        broken["events"][0]["modality"] = "rumoured"
    assert not validator.is_valid(broken)
