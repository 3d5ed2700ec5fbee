"""Near-duplicate signatures: MinHash over word shingles of an article's body.

An agency story reprinted by a regional site keeps most of its sentences but gets another lead, a
credit line, a trimmed tail. Its exact content hash differs; the sets of its word shingles (runs of
:data:`SHINGLE_WORDS` words) overlap by far more than two different stories on the same topic do.
MinHash estimates that overlap (the Jaccard index of the two shingle sets) from fixed-size
signatures, and LSH banding finds the candidates among every archived signature without comparing
against each.

This module is pure (no archive, no Scrapy): :func:`body_signature` runs in the worker processes
(``process_page``) and again on the reactor thread only when the template stage strips blocks from
a body. The archive side (``crawler.storage``) keeps the signatures and their band keys in tables
and answers "which archived articles share a band with this one".

The hashing is our own, in numpy, rather than datasketch's ``MinHash``: the same family of
permutations (``(a*x + b) mod 2**64``, top 32 bits), but all permutations of all shingles in one
vectorised step. Measured in ``docs/syndication.md``.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

#: Words per shingle. Chosen on the syndication test corpus (docs/syndication.md): with 5, reprints
#: with a new lead and a credit line stay at J >= 0.47 and other stories on the same topic at <= 0.03.
SHINGLE_WORDS = 5
#: Permutations per signature: 128 x 4 bytes = 512 bytes an article; the estimate's standard
#: error at J = 0.5 is sqrt(J(1-J)/128) = 0.044.
NUM_PERM = 128
#: LSH banding: 32 bands of 4 rows. A pair of Jaccard J becomes a candidate with probability
#: 1 - (1 - J**4)**32: 0.87 at J = 0.4, 0.998 at J = 0.6, 0.04 at J = 0.2.
BANDS, ROWS = 32, 4
#: Estimated Jaccard at or above which two bodies are copies of one story: 0.4, below the lowest
#: reprint of the corpus (0.478) by twice the estimate's standard error, and far above unrelated
#: stories on the same topic (<= 0.03).
THRESHOLD = 0.4
#: Bodies with fewer words than this get no signature: a caption-only page or a two-line notice
#: would "copy" every other one like it.
MIN_WORDS = 30

assert BANDS * ROWS == NUM_PERM

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20240613)        # fixed: signatures must agree across runs and processes
_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)   # odd
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)
_SHIFT = np.uint64(32)
_M = _rng.integers(1, 2**63, 16, dtype=np.uint64) | np.uint64(1)     # shingle hash: one odd factor a position
_BAND_M = _rng.integers(1, 2**63, ROWS + 1, dtype=np.uint64) | np.uint64(1)
_BAND_SALT = _rng.integers(1, 2**63, BANDS, dtype=np.uint64)


def words(text: str) -> list[str]:
    """The body's words, lower-cased (letters and digits of any script; punctuation dropped)."""
    return _WORD.findall(text.lower())


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``k``-word runs of ``text`` (one run of all its words when it has fewer)."""
    w = words(text)
    if len(w) <= k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def _word_hashes(w: list[str]) -> np.ndarray:
    return np.fromiter(map(zlib.crc32, map(str.encode, w)), dtype=np.uint64, count=len(w))


def shingle_hashes(w: list[str], k: int = SHINGLE_WORDS) -> np.ndarray:
    """One 32-bit hash per distinct ``k``-word shingle of the word list ``w`` (a shingle's hash
    combines its words' CRC-32s, position by position, so no shingle string is ever built)."""
    if not w:
        return np.empty(0, dtype=np.uint64)
    wh = _word_hashes(w)
    k = min(k, len(wh))
    n = len(wh) - k + 1
    with np.errstate(over="ignore"):
        h = wh[:n] * _M[0]
        for j in range(1, k):
            h = h + wh[j:j + n] * _M[j]
    return np.unique(h >> _SHIFT)


def signature(hashes: np.ndarray) -> np.ndarray | None:
    """The MinHash signature of a set of 32-bit shingle hashes: ``NUM_PERM`` uint32 minima (None
    for an empty set). Permutation i maps x to the top 32 bits of ``(a_i*x + b_i) mod 2**64``."""
    if not len(hashes):
        return None
    # every permutation of every shingle at once: (NUM_PERM, n), wrapping mod 2**64 on purpose
    with np.errstate(over="ignore"):
        perm = (np.outer(_A, hashes) + _B[:, None]) >> _SHIFT
    return perm.min(axis=1).astype(np.uint32)


def body_signature(body_text: str, k: int = SHINGLE_WORDS) -> bytes | None:
    """The stored form of a body's signature: ``NUM_PERM`` little-endian uint32 (512 bytes), or
    None when the body is too short to compare (under :data:`MIN_WORDS` words)."""
    w = words(body_text)
    if len(w) < MIN_WORDS:
        return None
    return signature(shingle_hashes(w, k)).astype("<u4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def similarity(a: bytes | np.ndarray, b: bytes | np.ndarray) -> float:
    """The estimated Jaccard index of two bodies: the share of permutations whose minima agree."""
    a = from_bytes(a) if isinstance(a, (bytes, memoryview)) else a
    b = from_bytes(b) if isinstance(b, (bytes, memoryview)) else b
    return float(np.count_nonzero(a == b)) / len(a)


def band_keys(blob: bytes) -> list[int]:
    """One signed 64-bit key per LSH band: two signatures that agree on all rows of a band share
    that band's key. The band's rows are combined with odd random multipliers (mod 2**64) and the
    band's number is mixed in, so equal rows in different bands give different keys; all bands
    in one vectorised step."""
    rows = from_bytes(bytes(blob)).astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        h = (rows * _BAND_M[:ROWS]).sum(axis=1, dtype=np.uint64) + _BAND_SALT
        h ^= h >> np.uint64(29)
        h *= _BAND_M[ROWS]
        h ^= h >> np.uint64(32)
    return h.view(np.int64).tolist()
