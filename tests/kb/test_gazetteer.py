"""The town gazetteer: the sorted file, its bisection, its build, and the choice of a town
among namesakes (invented towns in files made here; real towns for the shipped data)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from actorgraph.kb.gazetteer import Gazetteer, Town, encode_id
from actorgraph.resolve.places import choose_town

ROOT = Path(__file__).resolve().parents[2]


def _write(path: Path, rows: dict[str, list[str]]) -> Path:
    path.write_text("".join(f"{k}\t{';'.join(v)}\n" for k, v in sorted(rows.items())))
    return path


def test_bisection_finds_every_key_and_only_those(tmp_path: Path) -> None:
    names = [f"town {chr(97 + i)}{chr(97 + j)}" for i in range(8) for j in range(9)]
    rows = {n: [f"{encode_id(k + 1)} NRL {k}.5 1.25 {100 * k}"] for k, n in enumerate(names)}
    gaz = Gazetteer(_write(tmp_path / "g.tsv", rows))
    for k, n in enumerate(names):
        (town,) = gaz.lookup(n.title())
        assert town.geonameid == k + 1 and town.lat == k + 0.5 and town.population == 100 * k
    assert gaz.lookup("town") == []  # a prefix of keys is no key
    assert gaz.lookup("town aa x") == []
    assert gaz.lookup("aaa") == [] and gaz.lookup("zzz") == []


def test_several_towns_and_another_name(tmp_path: Path) -> None:
    rows = {
        "vessa": ["1 NRL 10.50 20.25 5000", "2 KSL -3.00 4.00 700"],
        "wessa": ["1 NRL 10.50 20.25 5000 Vessa"],
    }
    gaz = Gazetteer(_write(tmp_path / "g.tsv", rows))
    assert [t.country for t in gaz.lookup("VESSA")] == ["NRL", "KSL"]
    (alt,) = gaz.lookup("Wessa")
    assert alt.primary == "Vessa" and alt.kb_id == "geonames/1"


def test_missing_file_is_an_empty_gazetteer(tmp_path: Path) -> None:
    assert Gazetteer(tmp_path / "none.tsv").lookup("Vessa") == []
    assert Gazetteer(_write(tmp_path / "empty.tsv", {})).lookup("Vessa") == []


def test_shipped_gazetteer_knows_small_towns_with_their_country() -> None:
    gaz = Gazetteer.default()
    (shlomi,) = [t for t in gaz.lookup("Shlomi") if t.country == "ISR"]
    assert 32 < shlomi.lat < 34 and 34 < shlomi.lon < 36
    assert {t.country for t in gaz.lookup("Tripoli")} >= {"LBY", "LBN"}
    # an English name of a big city leads to it
    assert gaz.lookup("Odessa")[0].primary == "Odesa"


def test_build_script_writes_a_sorted_searchable_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    countries = {"NR": {"iso": "NR", "iso3": "NRL"}, "KS": {"iso": "KS", "iso3": "KSL"}}
    (data / "countries.json").write_text(json.dumps(countries))

    def city(gid: int, name: str, cc: str, pop: int, alts: list[str]) -> dict[str, object]:
        return {"geonameid": gid, "name": name, "latitude": 1.0, "longitude": 2.0,
                "countrycode": cc, "population": pop, "alternatenames": alts}  # fmt: skip

    cities = {
        "1": city(1, "Vessa", "NR", 250_000, ["Wessa", "Весса", "a ba ca"]),
        "2": city(2, "Brenna", "NR", 3_000, ["Brennstadt"]),
        "3": city(3, "Vessa", "KS", 2_000, []),
        "4": city(4, "Ostmark", "ZZ", 9_000, []),  # no known country
    }
    (data / "cities1000.json").write_text(json.dumps(cities))
    out = tmp_path / "g.tsv"
    script = ROOT / "scripts" / "build_gazetteer.py"
    done = subprocess.run(
        [sys.executable, str(script), "--data", str(data), "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    keys = [line.split("\t")[0] for line in out.read_text().splitlines()]
    assert keys == sorted(keys)
    gaz = Gazetteer(out)
    assert [t.geonameid for t in gaz.lookup("Vessa")] == [1, 3]  # biggest first
    assert gaz.lookup("Wessa")[0].primary == "Vessa"
    assert gaz.lookup("Brennstadt") == []  # a small town keeps its own name only
    assert gaz.lookup("a ba ca") == [] and gaz.lookup("Ostmark") == []


def _towns() -> list[Town]:
    return [Town(1, "NRL", 0, 0, 900_000), Town(2, "KSL", 1, 1, 40_000)]


def test_the_country_the_text_gives_decides() -> None:
    assert choose_town(_towns(), ["KSL"], Counter({"NRL": 5})).geonameid == 2


def test_the_country_the_document_talks_about_decides() -> None:
    assert choose_town(_towns(), [], Counter({"KSL": 2, "XXX": 9})).geonameid == 2


def test_without_context_only_a_dominant_city_is_taken() -> None:
    assert choose_town(_towns(), [], Counter()).geonameid == 1
    close = [Town(1, "NRL", 0, 0, 90_000), Town(2, "KSL", 1, 1, 40_000)]
    assert choose_town(close, [], Counter()) is None
    assert choose_town([Town(3, "NRL", 0, 0, 4_000)], [], Counter()) is None
    assert choose_town([], ["NRL"], Counter({"NRL": 1})) is None
