"""MinHash over word 5-shingles, for near-duplicate (syndicated copy) detection.

64 universal hash functions ``(a * x + b) mod (2**61 - 1)`` with coefficients drawn from a fixed
seed, so signatures are the same in every process and every run. The signature is cut into 16
bands of 4 rows for locality-sensitive lookup: two documents with Jaccard similarity 0.8 share at
least one band with probability above 0.999.
"""

from __future__ import annotations

import hashlib
import random
import re

NUM_HASHES = 64
SHINGLE = 5
BANDS = 16
ROWS = NUM_HASHES // BANDS
THRESHOLD = 0.8
SEED = 20240501

_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+")
_rng = random.Random(SEED)
_COEFFS: tuple[tuple[int, int], ...] = tuple(
    (_rng.randrange(1, _PRIME), _rng.randrange(0, _PRIME)) for _ in range(NUM_HASHES)
)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Word ``size``-grams of the casefolded text (the whole text when it is shorter)."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _base(shingle: str) -> int:
    return int.from_bytes(hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest(), "big")


def signature(text: str) -> list[int]:
    """The 64 MinHash values of the text's word 5-shingles."""
    bases = [_base(s) for s in shingles(text)]
    return [min((a * x + b) % _PRIME for x in bases) for a, b in _COEFFS]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity: the share of positions where the signatures agree."""
    if len(a) != len(b) or not a:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def band_keys(sig: list[int]) -> list[str]:
    """One 16-hex-digit key per band of ``ROWS`` signature values."""
    keys = []
    for band in range(BANDS):
        part = ",".join(str(v) for v in sig[band * ROWS : (band + 1) * ROWS])
        keys.append(hashlib.blake2b(part.encode("ascii"), digest_size=8).hexdigest())
    return keys
