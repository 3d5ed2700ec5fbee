"""Score our extractor against trafilatura and readability-lxml on six test sets, in one run.

Sets (loaders and scorers in ``scripts/eval_benchmarks.py``, formulas in ``extraction_metrics.py``):
``seed`` (4 reconstructed tagDiv articles), ``cms-pages`` (hand-written pages in the profiled CMS
families, ``tests/fixtures/cms-pages``), ``pages`` (25 real pages), ``zyte`` (Zyte article-
extraction benchmark, its own shingle metric), ``fundus`` (fundus parser test data, Zyte shingles on
the paragraph body) and ``trafilatura`` (trafilatura's eval corpus, its own snippet metric).

Extractors, all fed the same decoded text:

* ours: ``crawler.process.process_page`` (the crawl's own path: extraction, dates, language)
  (``Asia/Almaty`` for ``.kz`` and ``.test`` hosts, ``UTC`` elsewhere, so worldwide pages keep the day as written);
* trafilatura: ``bare_extraction(html, url=url, with_metadata=True)``, default settings (comments
  are its own field, not in ``.text``); its date is a day, so the instant check is n/a for it;
* readability-lxml: ``Document(html)``, ``.summary()`` -> lxml ``text_content()`` with a newline
  after each block element, ``.short_title()``; no date.

Pages/s times only the extraction call(s) (ours includes date choosing), after one warm-up call per
extractor and set. An exception counts as an empty output ("errors"); our ``NotAnArticle`` and
``PageError`` count as empty too and are tallied as "rejected". Our pages are also split by
``extraction_method`` (profile vs generic fallback), with trafilatura on the same pages.

Run: ``.venv/bin/python scripts/eval_extraction.py [--only zyte,fundus] [--limit N] [--json out.json]
[--no-peers]`` (a few minutes for everything).
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import shlex
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

import extraction_metrics as m  # noqa: E402
from eval_benchmarks import BENCHMARKS  # noqa: E402

from crawler.process import FetchedPage, process_page, unregistered_site  # noqa: E402
from crawler.record import Skip  # noqa: E402


@dataclass
class Output:
    text: str | None = None
    title: str | None = None
    date: str | None = None
    method: str | None = None


# --- extractors -----------------------------------------------------------------------------------

def zone_for(url: str) -> str:
    """Asia/Almaty for Kazakh hosts: ``.kz``, and ``.test``, the reserved TLD of this project's own
    Kazakh test sites (demo sites and hand-written CMS pages)."""
    host = urlsplit(url).hostname or ""
    return "Asia/Almaty" if host.endswith((".kz", ".test")) else "UTC"


class Rejected(Exception):
    """Our extractor said the page is no article (or no HTML): scored as an empty output."""


def run_ours(html: str, url: str) -> Output:
    result = process_page(FetchedPage(url=url, body=html, site=unregistered_site(url, zone_for(url))))
    if isinstance(result, Skip):
        if result.outcome == "extract_error":
            raise RuntimeError(result.reason)
        raise Rejected(result.reason)
    return Output(result.body_text, result.title, result.published, result.extraction_method)


def run_trafilatura(html: str, url: str) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return Output(doc.text, doc.title, doc.date) if doc is not None else Output()


_BLOCKS = {"p", "div", "br", "li", "tr", "td", "th", "blockquote", "pre", "figcaption", "section",
           "article", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "dd", "dt"}


def run_readability(html: str, url: str) -> Output:
    import lxml.html
    from readability import Document

    doc = Document(html)
    tree = lxml.html.fromstring(doc.summary())
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return Output(tree.text_content(), doc.short_title(), None)


EXTRACTORS = {"ours": run_ours, "trafilatura": run_trafilatura, "readability": run_readability}
# What each tool's date output can be checked for: ours gives instants, trafilatura days, readability none.
DATE_CHECKS = {"ours": ("day", "instant"), "trafilatura": ("day",), "readability": ()}
REJECTIONS = (Rejected,)


# --- runner ---------------------------------------------------------------------------------------

def call(fn, html: str, url: str) -> tuple[Output, str | None, float]:
    """(output, failure kind, seconds of the call). Never raises: a failure is an empty output."""
    start = time.perf_counter()
    try:
        out, failure = fn(html, url), None
    except REJECTIONS:
        out, failure = Output(), "rejected"
    except Exception:  # noqa: BLE001 - any crash is scored as an empty output and counted
        out, failure = Output(), "error"
    return out, failure, time.perf_counter() - start


def run_benchmark(bench, extractors: list[str], limit: int | None) -> list[dict]:
    """One record per page: ``{"id", "method", name: {score..., "s", "failure", "empty"}}``."""
    records, warmed = [], False
    for i, (page_id, html, url, truth) in enumerate(bench.load()):
        if limit is not None and i >= limit:
            break
        if not warmed:
            for name in extractors:
                call(EXTRACTORS[name], html, url)
            warmed = True
        rec = {"id": page_id, "url": url, "method": None}
        for name in extractors:
            out, failure, seconds = call(EXTRACTORS[name], html, url)
            score = bench.score(truth, out)
            for check in {"day", "instant"} - set(DATE_CHECKS[name]):
                score[check] = None
            rec[name] = {**score, "s": seconds, "failure": failure, "empty": not m.tokenize(out.text)}
            if name == "ours":
                rec["method"] = out.method
        records.append(rec)
    return records


def _share(values) -> float | None:
    values = [v for v in values if v is not None]
    return m.ratio(sum(bool(v) for v in values), len(values))


def _sentence_recall(rows: list[dict]) -> float | None:
    """The share of the truth sentences found, over every page's ``sent`` (found, wanted)."""
    hits, total = (sum(r["sent"][k] for r in rows) for k in range(2))
    return m.ratio(hits, total)


def aggregate(bench, records: list[dict], name: str) -> dict:
    """The row of one extractor over ``records``: the benchmark's own body metric plus the rest."""
    rows = [r[name] for r in records]
    out = {"pages": len(rows)}
    if not rows:
        return out
    if bench.body_metric == "shingles":
        tpfpfns = [tuple(r["tpfpfn"]) for r in rows]
        out.update(m.zyte_scores(tpfpfns))
        out["accuracy"] = sum(r["acc"] for r in rows) / len(rows)
        if bench.name == "zyte":
            out["f1_std"] = m.bootstrap_std(tpfpfns)["f1"]
    elif bench.body_metric == "snippets":
        counts = [sum(r["counts"][k] for r in rows) for k in range(4)]
        out.update(m.confusion_scores(*counts))
        out["counts"] = dict(zip(("tp", "fp", "fn", "tn"), counts))
    else:
        out.update(precision=None, recall=_sentence_recall(rows), f1=None)
    if bench.name in ("seed", "cms-pages", "real-pages"):
        out["leaked"] = sum(r["leaks"] for r in rows)
    if bench.name in ("seed", "cms-pages"):
        out["para_recall"] = sum(r["para"] for r in rows) / len(rows)
    if bench.name == "real-pages":
        out["first_last"] = _sentence_recall(rows)
    seconds = sum(r["s"] for r in rows)
    out.update(
        title=_share(r["title"] for r in rows), date_day=_share(r["day"] for r in rows),
        date_instant=_share(r["instant"] for r in rows), pages_per_s=len(rows) / seconds if seconds else None,
        empty=sum(r["empty"] for r in rows), rejected=sum(r["failure"] == "rejected" for r in rows),
        errors=sum(r["failure"] == "error" for r in rows),
    )
    return out


def split_groups(records: list[dict]) -> dict[str, list[dict]]:
    """Our pages by extraction method: all profiles, each profile, the generic fallback, rejected."""
    groups: dict[str, list[dict]] = {"profile:*": [r for r in records if (r["method"] or "").startswith("profile:")]}
    for method in sorted({r["method"] for r in records if r["method"]}, key=lambda x: (x.startswith("generic"), x)):
        groups[method] = [r for r in records if r["method"] == method]
    groups["rejected/error"] = [r for r in records if not r["method"]]
    return {k: v for k, v in groups.items() if v}


def worst_pages(records: list[dict], n: int = 10) -> list[dict]:
    """Our lowest per-page F1 first; among equals, where trafilatura does better first."""
    def key(r):
        return r["ours"]["f1"], -(r.get("trafilatura", {}).get("f1") or 0.0), r["id"]
    return [{"id": r["id"], "ours_f1": r["ours"]["f1"], "trafilatura_f1": r.get("trafilatura", {}).get("f1"),
             "method": r["method"] or r["ours"]["failure"]} for r in sorted(records, key=key)[:n]]


# --- report ---------------------------------------------------------------------------------------

def fmt(v, digits: int = 3) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


COLUMNS = [("pages", "pages"), ("precision", "P"), ("recall", "R"), ("f1", "F1"), ("title", "title"),
           ("date_day", "date (day)"), ("date_instant", "date (instant)"), ("pages_per_s", "pages/s"),
           ("empty", "empty"), ("rejected", "rejected"), ("errors", "errors")]
EXTRA = {"seed": [("para_recall", "para recall"), ("leaked", "chrome leaked")],
         "cms-pages": [("para_recall", "para recall"), ("leaked", "chrome leaked")],
         "real-pages": [("first_last", "first/last"), ("leaked", "chrome leaked")],
         "zyte": [("f1_std", "F1 ±"), ("accuracy", "accuracy")],
         "fundus": [("accuracy", "accuracy")], "trafilatura": [("accuracy", "accuracy")]}


def table(rows: list[tuple[str, dict]], columns, first: str) -> list[str]:
    lines = ["| " + " | ".join([first] + [h for _, h in columns]) + " |",
             "|" + "---|" * (len(columns) + 1)]
    for label, row in rows:
        cells = [fmt(row.get(k), 1 if k == "pages_per_s" else 3) if row.get("pages") else "—" for k, _ in columns]
        lines.append("| " + " | ".join([label] + cells) + " |")
    return lines


def report(results: dict, command: str) -> str:
    lines = [f"`{command}`", "",
             f"Python {platform.python_version()}, trafilatura {version('trafilatura')}, "
             f"readability-lxml {version('readability-lxml')}; one process, one core. Wall time: "
             f"{results['wall_s']:.0f} s.", ""]
    for name, res in results["benchmarks"].items():
        bench = BENCHMARKS[name]
        columns = COLUMNS + EXTRA.get(name, [])
        lines += [f"### {name}", "", bench.about, ""]
        lines += table(list(res["rows"].items()), columns, "extractor") + [""]
        split_cols = [c for c in columns if c[0] not in ("rejected",)]
        split_rows = [(f"{g} — {ex}", row) for g, per in res["split"].items() for ex, row in per.items()]
        if split_rows:
            peers = "; trafilatura on the same pages" if "trafilatura" in res["rows"] else ""
            lines += [f"Split by our extraction_method ({name}){peers}:", ""]
            lines += table(split_rows, split_cols, "pages — extractor") + [""]
        ratios = [f"{g} {per['ours']['pages_per_s'] / per['trafilatura']['pages_per_s']:.1f}×"
                  for g, per in res["split"].items()
                  if "trafilatura" in per and per["ours"].get("pages_per_s") and per["trafilatura"].get("pages_per_s")]
        if ratios:
            lines += ["Speed, ours ÷ trafilatura on the same pages: " + ", ".join(ratios) + ".", ""]
        if bench.public and res.get("worst"):
            lines += [f"10 worst pages for ours ({name}, per-page F1):", "",
                      "| page | ours F1 | trafilatura F1 | extraction_method |", "|---|---|---|---|"]
            lines += [f"| {w['id']} | {fmt(w['ours_f1'])} | {fmt(w['trafilatura_f1'])} | {w['method']} |"
                      for w in res["worst"]] + [""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help=f"comma-separated subset of {','.join(BENCHMARKS)}")
    parser.add_argument("--limit", type=int, help="at most N pages per set (quick runs)")
    parser.add_argument("--json", type=Path, help="write machine-readable results (incl. per-page) here")
    parser.add_argument("--no-peers", action="store_true", help="run ours only")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.only.split(",")] if args.only else list(BENCHMARKS)
    unknown = [n for n in names if n not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown set(s) {unknown}; choose from {list(BENCHMARKS)}")
    extractors = ["ours"] if args.no_peers else list(EXTRACTORS)
    logging.getLogger("readability").setLevel(logging.CRITICAL)   # it logs each failure it raises

    started = time.perf_counter()
    results: dict = {"benchmarks": {}}
    for name in names:
        bench = BENCHMARKS[name]
        records = run_benchmark(bench, extractors, args.limit)
        split = {g: {ex: aggregate(bench, recs, ex) for ex in extractors if ex in ("ours", "trafilatura")}
                 for g, recs in split_groups(records).items()}
        results["benchmarks"][name] = {
            "rows": {ex: aggregate(bench, records, ex) for ex in extractors}, "split": split,
            "worst": worst_pages(records) if bench.public else [], "pages": records,
        }
        print(f"[{name}: {len(records)} pages, {time.perf_counter() - started:.0f} s]", file=sys.stderr)
    results["wall_s"] = time.perf_counter() - started
    command = " ".join([".venv/bin/python scripts/eval_extraction.py", *map(shlex.quote, sys.argv[1:] if argv is None else argv)])
    results["command"] = command
    print(report(results, command))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
