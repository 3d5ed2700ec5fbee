"""Benchmark the date stage against dateparser and htmldate, in one run, and print markdown tables.

Part 1 — strings (``../shared/dates/dev.json``, 111 gold cases): exact ISO match including the
offset, "false dates" (a value where gold is null), day-level match, and strings/s, for

* ours: ``crawler.dates.normalize_date(text, lang_hint, crawl_time)``;
* dateparser 1.5: ``dateparser.parse(text, languages=["kk", "ru"], settings=DATEPARSER_SETTINGS)``
  with the crawl time as ``RELATIVE_BASE`` (naive Almaty wall time), ``TIMEZONE=Asia/Almaty``,
  aware output, day-first order, past preference, and ``REQUIRE_PARTS=[day, month]`` so it may
  reject incomplete dates as the rules demand (without it, "қараша 2024" becomes 1 November);
* htmldate 1.11's string-level parser ``htmldate.extractors.try_date_expr`` (extensive search,
  output ``%Y-%m-%dT%H:%M:%S`` read as Almaty wall time, min 1990, max 2099 so nothing is cut as
  "future"). It has no crawl-time input, so relative and yearless dates are out of its reach.
  Its lru_cache is cleared before every timed pass.

Part 2 — pages (``../shared/corpus/benchmarks/htmldate-mediacloud-2020``, 200 pages, gold
``YYYY-MM-DD``): ``crawler.extract.page_dates.date_from_html(html, url, tz="UTC")`` against
``htmldate.find_date(html, original_date=True)`` with and without ``url=``. The sites are
worldwide with no zone in our registry, so ``tz="UTC"`` keeps every value's day as written (explicit
offsets are kept anyway), which is what htmldate does. A null gold (5 pages) counts as correct
when the tool returns nothing. Pages/s include HTML parsing for both.

Run: ``.venv/bin/python scripts/bench_dates.py`` (about a minute; dateparser dominates).
"""

from __future__ import annotations

import gzip
import json
import sys
import time
import warnings
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"

from crawler.dates import normalize_date  # noqa: E402
from crawler.extract.page_dates import date_from_html  # noqa: E402

ALMATY = ZoneInfo("Asia/Almaty")
DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "Asia/Almaty", "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"],
}


def _crawl(case) -> datetime | None:
    return datetime.fromisoformat(case["crawl_time"]) if case["crawl_time"] else None


def run_ours(case):
    return normalize_date(case["text"], lang_hint=case["lang_hint"], crawl_time=case["crawl_time"])


def run_dateparser(case):
    import dateparser

    settings = dict(DATEPARSER_SETTINGS)
    crawl = _crawl(case)
    if crawl is not None:
        settings["RELATIVE_BASE"] = crawl.astimezone(ALMATY).replace(tzinfo=None)
    try:
        dt = dateparser.parse(case["text"], languages=["kk", "ru"], settings=settings)
    except Exception:  # noqa: BLE001 - a crash counts as "no answer"
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=ALMATY)
    elif dt.utcoffset().total_seconds() == 0:     # same post-processing rule as ours: UTC -> Almaty
        dt = dt.astimezone(ALMATY)
    return dt.replace(microsecond=0).isoformat()


def run_htmldate(case):
    from htmldate.extractors import try_date_expr

    try:
        out = try_date_expr(case["text"], "%Y-%m-%dT%H:%M:%S", True, datetime(1990, 1, 1), datetime(2099, 1, 1))
    except Exception:  # noqa: BLE001
        return None
    return datetime.fromisoformat(out).replace(tzinfo=ALMATY).isoformat() if out else None


def _rate(fn, cases, passes: int, before_pass=None) -> float:
    best = float("inf")
    for _ in range(passes):
        if before_pass:
            before_pass()
        t0 = time.perf_counter()
        for case in cases:
            fn(case)
        best = min(best, time.perf_counter() - t0)
    return len(cases) / best


def strings_part() -> None:
    cases = json.loads((SHARED / "dates" / "dev.json").read_text("utf-8"))
    tools = {"ours (normalize_date)": run_ours, "dateparser 1.5": run_dateparser,
             "htmldate try_date_expr": run_htmldate}
    results = {name: [fn(c) for c in cases] for name, fn in tools.items()}
    rates = {
        "ours (normalize_date)": _rate(run_ours, cases, 20),
        "dateparser 1.5": _rate(run_dateparser, cases, 2),
        "htmldate try_date_expr": _rate(run_htmldate, cases, 3, _clear_htmldate_caches),
    }
    n_null = sum(c["expected"] is None for c in cases)
    print(f"### Strings: `dates/dev.json` ({len(cases)} cases, {n_null} must be null)\n")
    print("| tool | exact ISO (incl. offset) | same day | false dates on null cases | strings/s |")
    print("|---|---|---|---|---|")
    for name, got in results.items():
        exact = sum(g == c["expected"] for g, c in zip(got, cases))
        day = sum((g or "")[:10] == (c["expected"] or "")[:10] and (g is None) == (c["expected"] is None)
                  for g, c in zip(got, cases))
        false = sum(g is not None and c["expected"] is None for g, c in zip(got, cases))
        print(f"| {name} | {exact}/{len(cases)} ({exact / len(cases):.1%}) | {day / len(cases):.1%} "
              f"| {false}/{n_null} | {rates[name]:,.0f} |")
    print("\nPer category (exact matches):\n")
    names = list(results)
    print("| category | n | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    cats: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(cases):
        cats[c["category"]].append(i)
    for cat in sorted(cats, key=lambda k: (-len(cats[k]), k)):
        idx = cats[cat]
        cells = [f"{sum(results[n][i] == cases[i]['expected'] for i in idx)}" for n in names]
        print(f"| {cat} | {len(idx)} | " + " | ".join(cells) + " |")


def _clear_htmldate_caches() -> None:
    """Clear htmldate's per-input memo caches so a timed pass starts cold (its one-time set-up
    caches — the dateparser instance, the month-word table — stay warm, as they would in a crawl)."""
    from htmldate import extractors, validators

    for fn in (getattr(extractors, "try_date_expr", None), getattr(validators, "_parse_and_validate", None),
               getattr(validators, "filter_ymd_candidate", None)):
        if fn is not None and hasattr(fn, "cache_clear"):
            fn.cache_clear()


def pages_part() -> None:
    import htmldate

    base = SHARED / "corpus" / "benchmarks" / "htmldate-mediacloud-2020"
    gold = json.loads((base / "eval_mediacloud_2020.json").read_text("utf-8"))
    pages = []
    for url, item in gold.items():
        html = gzip.open(base / "test_set" / (item["file"] + ".gz")).read().decode("utf-8", "replace")
        pages.append((url, html, item["date"] if isinstance(item["date"], str) else None))

    def ours(url, html):
        r = date_from_html(html, url, tz="UTC")
        return r.published[:10] if r.published else None

    def hd_url(url, html):
        return htmldate.find_date(html, original_date=True, url=url)

    def hd_plain(url, html):
        return htmldate.find_date(html, original_date=True)

    tools = {"ours (date_from_html)": ours, "htmldate find_date(original_date=True, url=url)": hd_url,
             "htmldate find_date(original_date=True)": hd_plain}
    print(f"\n### Pages: htmldate-mediacloud-2020 ({len(pages)} pages, "
          f"{sum(g is None for *_, g in pages)} with no gold date)\n")
    print("| tool | correct day | accuracy | pages/s |")
    print("|---|---|---|---|")
    for name, fn in tools.items():
        for url, html, _ in pages[:5]:   # warm-up: imports, lazy tables
            fn(url, html)
        _clear_htmldate_caches()         # no answer may come from a previous run's cache
        t0 = time.perf_counter()
        got = [fn(url, html) for url, html, _ in pages]
        dt = time.perf_counter() - t0
        ok = sum(g == d for g, (_, _, d) in zip(got, pages))
        print(f"| {name} | {ok}/{len(pages)} | {ok / len(pages):.1%} | {len(pages) / dt:,.0f} |")


def main() -> int:
    if not SHARED.is_dir():
        print(f"reference data not found at {SHARED}", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    import logging

    logging.disable(logging.CRITICAL)   # htmldate/dateparser log every unparseable string
    strings_part()
    pages_part()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
