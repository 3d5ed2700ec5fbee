"""Scoring primitives for ``scripts/eval_extraction.py``: pure functions, no I/O, stdlib only.

Two upstream metrics are reproduced exactly:

* **Zyte article-extraction benchmark** (scrapinghub/article-extraction-benchmark ``evaluate.py``):
  tokens are ``\\w+`` matches (case kept), a page's text is a bag of 4-token shingles (a text of
  fewer than 4 tokens is one shorter shingle), per-page TP/FP/FN are normalised to sum 1, precision
  is averaged over the pages whose output is non-empty (``tp + fp > 0``), recall over the pages whose
  truth is non-empty (``tp + fn > 0``), and F1 is the harmonic mean of the two averages. So an empty
  output costs recall only. Accuracy = identical token sequences; "±" = bootstrap std over pages.
* **trafilatura evaluation** (adbar/trafilatura ``tests/eval_common.py``): whitespace-normalised
  substring match of each "with" (must be in the body) and "without" (must not) snippet; TP/FP/FN/TN
  summed over all snippets of all pages; a crash or ``None`` output matches nothing.

The rest (paragraph recall, chrome leaks, title and date checks) are this project's own checks.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from datetime import date, datetime

TOKEN_RE = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)   # as upstream
_WS = re.compile(r"\s+")

TpFpFn = tuple[float, float, float]


# --- Zyte: shingles -------------------------------------------------------------------------------

def tokenize(text: str | None) -> list[str]:
    """``\\w+`` tokens, case kept (upstream's IGNORECASE flag changes nothing for ``\\w``)."""
    return TOKEN_RE.findall(text or "")


def shingles(text: str | None, n: int = 4) -> Counter:
    """Bag of n-token shingles; a text of 1..n-1 tokens is a single shorter shingle, none is empty."""
    tokens = tokenize(text)
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_match(true: str | None, pred: str | None, n: int = 4) -> TpFpFn:
    """Per-page (tp, fp, fn) over shingle counts, normalised to sum 1 (all zero when both are empty)."""
    t, p = shingles(true, n), shingles(pred, n)
    tp = float(sum((t & p).values()))
    fp = float(sum((p - t).values()))
    fn = float(sum((t - p).values()))
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def harmonic(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def page_f1(tp: float, fp: float, fn: float) -> float:
    """One page's F1 from its own precision and recall (for ranking pages, not an upstream figure)."""
    return harmonic(precision_score(tp, fp, fn), recall_score(tp, fp, fn))


def zyte_scores(tp_fp_fns: list[TpFpFn]) -> dict[str, float]:
    """Upstream ``metrics_from_tp_fp_fns``. Where upstream would divide by zero pages (every output
    empty) precision is 0.0 here instead of an exception."""
    precs = [precision_score(*x) for x in tp_fp_fns if x[0] + x[1] > 0]
    recs = [recall_score(*x) for x in tp_fp_fns if x[0] + x[2] > 0]
    precision = statistics.mean(precs) if precs else 0.0
    recall = statistics.mean(recs) if recs else 0.0
    return {"precision": precision, "recall": recall, "f1": harmonic(precision, recall)}


def token_accuracy(true: str | None, pred: str | None) -> float:
    """Upstream ``get_accuracy``: 1.0 when the token sequences are identical."""
    return float(tokenize(true) == tokenize(pred))


def bootstrap_std(tp_fp_fns: list[TpFpFn], n_bootstrap: int = 1000, seed: int = 0) -> dict[str, float]:
    """Std of precision/recall/F1 over page resamples with replacement (upstream's "±"), seeded."""
    if len(tp_fp_fns) < 2:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    rng = random.Random(seed)
    values: dict[str, list[float]] = {}
    k = len(tp_fp_fns)
    for _ in range(n_bootstrap):
        sample = [tp_fp_fns[rng.randrange(k)] for _ in range(k)]
        for key, v in zyte_scores(sample).items():
            values.setdefault(key, []).append(v)
    return {key: statistics.stdev(v) for key, v in values.items()}


# --- trafilatura eval: snippets -------------------------------------------------------------------

def norm_ws(text: str | None) -> str:
    """Whitespace runs (incl. NBSP and newlines) to one space, trimmed."""
    return _WS.sub(" ", text or "").strip()


def snippet_counts(with_: list[str], without: list[str], result: str | None) -> tuple[int, int, int, int]:
    """Upstream ``count_item``: (tp, fp, fn, tn) by whitespace-normalised substring match."""
    if isinstance(result, str):
        res = norm_ws(result)
        tp = sum(1 for w in with_ if norm_ws(w) in res)
        fp = sum(1 for w in without if norm_ws(w) in res)
    else:
        tp = fp = 0
    return tp, fp, len(with_) - tp, len(without) - fp


def confusion_scores(tp: int, fp: int, fn: int, tn: int) -> dict[str, float]:
    """Upstream ``ConfusionMatrix.scores``: each 0.0 when its denominator is empty."""
    total = tp + fp + fn + tn
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "accuracy": (tp + tn) / total if total else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
    }


# --- project checks -------------------------------------------------------------------------------

def paragraph_recall(paragraphs: list[str], text: str | None) -> float:
    """Fraction of truth paragraphs found verbatim (no normalisation) in ``text``; 1.0 for none."""
    if not paragraphs:
        return 1.0
    text = text or ""
    return sum(1 for p in paragraphs if p in text) / len(paragraphs)


def leaks(strings: list[str], text: str | None) -> int:
    """How many chrome strings (whitespace-normalised) occur in ``text``."""
    body = norm_ws(text)
    return sum(1 for s in strings if norm_ws(s) and norm_ws(s) in body)


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\ufeff"))


def contains(text: str | None, sentence: str | None) -> bool:
    """Substring test, whitespace-normalised and blind to invisible typesetting characters (soft
    hyphens, zero-width spaces) that truth copied from page source may hold and a reader drops."""
    def norm(s: str | None) -> str:
        return norm_ws((s or "").translate(_INVISIBLE))
    return bool(sentence) and norm(sentence) in norm(text)


def title_match(truth: str | None, pred: str | None) -> bool:
    """Exact title after whitespace normalisation (case and punctuation count)."""
    return bool(norm_ws(truth)) and norm_ws(truth) == norm_ws(pred)


_DATE_RE = re.compile(
    r"(\d{4})-(\d{1,2})[-.](\d{1,2})"                               # day; lenient about "2022-01.26"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"                # time, fraction dropped
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?"                                   # offset
)


def parse_date(value: str | None) -> tuple[date, datetime | None] | None:
    """Leading ISO-like date in ``value`` -> (wall-clock day, aware instant or None).

    The instant is None when the value has no time or no offset (a naive time is no instant).
    Trailing notes ("2020-12-03T18:47 (Kyiv time)") are ignored; ``None`` when nothing parses.
    """
    m = _DATE_RE.match((value or "").strip())
    if not m:
        return None
    y, mo, d, hh, mm, ss, off = m.groups()
    try:
        day = date(int(y), int(mo), int(d))
        if hh is None or off is None:
            return day, None
        off = "+00:00" if off == "Z" else (off if ":" in off else f"{off[:3]}:{off[3:]}")
        return day, datetime.fromisoformat(f"{day.isoformat()}T{hh}:{mm}:{ss or '00'}{off}")
    except ValueError:
        return None


def date_match(truth: str | None, pred: str | None) -> tuple[bool | None, bool | None]:
    """(same day, same instant) of ``pred`` against ``truth``; None where the check does not apply.

    Day: both aware -> ``pred`` seen in ``truth``'s offset; otherwise the wall-clock days. Instant
    (to the second): only when ``truth`` has a time and an offset; a prediction without one fails.
    """
    t = parse_date(truth)
    if t is None:
        return None, None
    p = parse_date(pred)
    if p is None:
        return False, (False if t[1] else None)
    (t_day, t_inst), (p_day, p_inst) = t, p
    if t_inst is not None and p_inst is not None:
        return p_inst.astimezone(t_inst.tzinfo).date() == t_day, p_inst == t_inst
    return p_day == t_day, (False if t_inst else None)


def ratio(hits: int, total: int) -> float | None:
    """hits/total, None when nothing was checked (printed as n/a)."""
    return hits / total if total else None
