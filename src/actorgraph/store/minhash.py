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

import numpy as np
from numpy.typing import NDArray

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


_A = np.array([a for a, _ in _COEFFS], dtype=np.uint64)[:, None]
_B = np.array([b for _, b in _COEFFS], dtype=np.uint64)[:, None]
_P = np.uint64(_PRIME)
_LOW31 = np.uint64((1 << 31) - 1)
_LOW30 = np.uint64((1 << 30) - 1)


def _mod_p(v: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """``v mod (2**61 - 1)`` for ``v < 2**64``: 2**61 is 1 modulo the Mersenne prime."""
    v = (v & _P) + (v >> np.uint64(61))
    v = (v & _P) + (v >> np.uint64(61))
    return np.where(v >= _P, v - _P, v)


def signature(text: str) -> list[int]:
    """The 64 MinHash values of the text's word 5-shingles.

    Exactly ``min((a * x + b) % (2**61 - 1))`` over the shingle hashes ``x``, computed in
    64-bit limbs with numpy: the products need 125 bits, and Python's big integers made this
    a sixth of the time of filing a document.
    """
    x = _mod_p(np.array([_base(s) for s in shingles(text)], dtype=np.uint64))[None, :]
    a1, a0 = _A >> np.uint64(31), _A & _LOW31  # a = a1 * 2**31 + a0, a1 < 2**30
    x1, x0 = x >> np.uint64(31), x & _LOW31
    high = (a1 * x1) << np.uint64(1)  # a1 x1 2**62 is 2 a1 x1 modulo p
    mid = a1 * x0 + a0 * x1  # < 2**62; mid 2**31 is (mid >> 30) + (mid & (2**30 - 1)) 2**31
    mid_folded = (mid >> np.uint64(30)) + ((mid & _LOW30) << np.uint64(31))
    product = _mod_p(high + mid_folded + a0 * x0)  # the sum stays below 2**64
    values = _mod_p(product + _B)
    return [int(v) for v in values.min(axis=1)]


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
