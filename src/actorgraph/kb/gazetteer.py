"""Towns of the world by name, read offline from data/kb/gazetteer.tsv (built from GeoNames by
scripts/build_gazetteer.py; see data/kb/SOURCE.md).

The file is sorted by normalised name and searched by bisection through a memory map: a
process that asks for a few names reads a few pages, and nothing is loaded at start-up.

>>> towns = Gazetteer.default().lookup("Odesa")
>>> towns[0].country, round(towns[0].lat)
('UKR', 46)
"""

from __future__ import annotations

import functools
import mmap
import threading
from dataclasses import dataclass
from pathlib import Path

from actorgraph.kb.loader import DATA_DIR, normalize_name

GAZETTEER_FILE = DATA_DIR / "gazetteer.tsv"
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def encode_id(n: int) -> str:
    """A GeoNames id in base 36, as the file stores it.

    >>> encode_id(2643743)
    '1knxb'
    """
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if n == 0:
            return out


@dataclass(frozen=True)
class Town:
    """One town: GeoNames id, ISO 3166-1 alpha-3 country, (lat, lon), population; ``primary``
    is its GeoNames name when it was found under another name of it ("Odessa" -> "Odesa")."""

    geonameid: int
    country: str
    lat: float
    lon: float
    population: int
    primary: str | None = None

    @property
    def kb_id(self) -> str:
        return f"geonames/{self.geonameid}"


class Gazetteer:
    """Name -> towns, most populous first. Thread-safe; the file is opened on first lookup.

    Example: ``Gazetteer(Path("towns.tsv")).lookup("Vessa")`` -> ``[Town(...), ...]``
    """

    def __init__(self, path: Path = GAZETTEER_FILE) -> None:
        self.path = path
        self._data: mmap.mmap | bytes | None = None
        self._lock = threading.Lock()

    @classmethod
    @functools.cache
    def default(cls) -> Gazetteer:
        return cls()

    def _bytes(self) -> mmap.mmap | bytes:
        if self._data is None:
            with self._lock:
                if self._data is None:
                    try:
                        with self.path.open("rb") as f:
                            self._data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
                    except (OSError, ValueError):
                        self._data = b""  # no file (or an empty one): no towns, no error
        return self._data

    def lookup(self, name: str) -> list[Town]:
        """The towns called ``name`` (any spelling that normalises alike), biggest first."""
        key = normalize_name(name)
        return list(self._lookup_key(key)) if key else []

    @functools.lru_cache(maxsize=4096)  # noqa: B019 -- one gazetteer per process
    def _lookup_key(self, key: str) -> tuple[Town, ...]:
        data = self._bytes()
        k = key.encode("utf-8")
        lo, hi = 0, len(data)
        # lo is always a line start; find the first line whose key is >= k.
        while lo < hi:
            mid = (lo + hi) // 2
            start = data.rfind(b"\n", 0, mid) + 1 if mid > lo else lo
            tab = data.find(b"\t", start)
            if tab < 0:
                break
            if data[start:tab] < k:
                nl = data.find(b"\n", start)
                lo = len(data) if nl < 0 else nl + 1
            else:
                hi = start
        tab = data.find(b"\t", lo)
        if tab < 0 or data[lo:tab] != k:
            return ()
        nl = data.find(b"\n", tab)
        line = bytes(data[tab + 1 : nl if nl >= 0 else len(data)]).decode("utf-8")
        return tuple(_town(rec) for rec in line.split(";") if rec)


def _town(rec: str) -> Town:
    parts = rec.split(" ")
    primary = parts[5].replace("_", " ") if len(parts) > 5 else None
    lat, lon = float(parts[2]), float(parts[3])
    return Town(int(parts[0], 36), parts[1], lat, lon, int(parts[4]), primary)
