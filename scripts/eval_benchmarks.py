"""The five extraction test sets of ``scripts/eval_extraction.py``: one loader and one scorer each.

A loader yields ``(page_id, html, url, truth)``; HTML bytes are decoded once, with
``w3lib.encoding.html_to_unicode(None, raw)``, and every extractor gets the same text. A scorer
turns ``(truth, output)`` into one page's figures (see ``extraction_metrics`` for the formulas);
``output`` has ``text``, ``title`` and ``date`` (ISO string or None). All data is read in place
from ``../shared`` (never copied into the repository).
"""

from __future__ import annotations

import gzip
import html as html_lib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from w3lib.encoding import html_to_unicode

import extraction_metrics as m

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CMS_PAGES = ROOT / "tests" / "fixtures" / "cms-pages"
REAL_PAGES = ROOT / "tests" / "fixtures" / "real-pages"
CORPUS = SHARED / "corpus"
BENCH = CORPUS / "benchmarks"
NEAR_EMPTY_TOKENS = 25   # "an empty/near-empty body" for the pages whose truth has none

Page = tuple[str, str, str, dict]


def decode(raw: bytes) -> str:
    return html_to_unicode(None, raw)[1]


def _read(path: Path) -> str:
    raw = path.read_bytes()
    return decode(gzip.decompress(raw) if path.suffix == ".gz" else raw)


# --- loaders --------------------------------------------------------------------------------------

def load_seed() -> Iterator[Page]:
    """corpus/seed: 4 reconstructed tagDiv articles with exact paragraphs and chrome strings."""
    for t in json.loads((CORPUS / "seed" / "truth.json").read_text("utf-8")):
        html = _read(CORPUS / "seed" / "site" / t["path"])
        yield t["path"].split("/")[3], html, t["url"], {
            "paragraphs": t["body_paragraphs"], "body": "\n\n".join(t["body_paragraphs"]),
            "must_not": t["must_not_contain"], "title": t["title"], "date": t["published"],
        }


def load_cms_pages() -> Iterator[Page]:
    """tests/fixtures/cms-pages and cms-pages-2: hand-written pages in the profiled CMS families (kk, kk-Latn, ru).

    Read as bytes and decoded like every other set (some put <title> before <meta charset>).
    """
    for truth_path in sorted(CMS_PAGES.glob("*/*.json")) + sorted(CMS_PAGES.with_name("cms-pages-2").glob("*/*.json")):
        t = json.loads(truth_path.read_text("utf-8"))
        html = decode(truth_path.with_suffix(".html").read_bytes())
        yield f"{truth_path.parent.parent.name}/{truth_path.parent.name}/{truth_path.stem}", html, t["url"], {
            "paragraphs": t["paragraphs"], "body": "\n\n".join(t["paragraphs"]),
            "must_not": t["must_not"], "title": t["title"], "date": t["published"],
        }


def load_real_pages() -> Iterator[Page]:
    """tests/fixtures/real-pages: real regional article pages from public repositories and public
    benchmarks, truth by hand (title, day, full body, first and last body sentence, chrome strings);
    provenance in the folder's README."""
    for truth_path in sorted(REAL_PAGES.glob("*/*.json")):
        t = json.loads(truth_path.read_text("utf-8"))
        html = decode(truth_path.with_suffix(".html").read_bytes())
        yield f"{truth_path.parent.name}/{truth_path.stem}", html, t["url"], {
            "first": t["first"], "last": t.get("last"), "listing": False, "title": t["title"],
            "date": t.get("date"), "must_not": t.get("must_not") or [], "body": t["body"],
        }


def load_pages() -> Iterator[Page]:
    """corpus/pages: 25 real pages with title, ISO date (when known), first/last body sentence."""
    for t in json.loads((CORPUS / "truth.json").read_text("utf-8")):
        listing = t.get("body_first") is None and t.get("date_iso_if_known") is None
        yield t["file"].removeprefix("pages/"), _read(CORPUS / t["file"]), t["url"].split()[0], {
            "first": t.get("body_first"), "last": t.get("body_last"), "listing": listing,
            "title": None if listing else t.get("title"), "date": t.get("date_iso_if_known"),
        }


def load_zyte() -> Iterator[Page]:
    """Zyte article-extraction benchmark: 181 pages, full ``articleBody`` (no title, no date)."""
    root = BENCH / "scrapinghub-article-extraction"
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))
    for key in sorted(truth):
        yield key, _read(root / "html" / f"{key}.html.gz"), truth[key]["url"], {"body": truth[key]["articleBody"]}


def _fundus_assign(versions: dict, files: list[Path]) -> dict[Path, str]:
    """HTML file -> parser version: the version whose title is in the page; when several titles fit
    (two versions with one title) the one no other file claims; else version order = file order."""
    def norm(s):
        return m.norm_ws(html_lib.unescape(s))
    order = sorted(versions, key=lambda v: int(v.lstrip("V") or 0))
    texts = {f: norm(_read(f)) for f in files}
    hits = {f: [v for v in order if versions[v].get("title") and norm(versions[v]["title"]) in texts[f]]
            for f in files}
    out = {f: h[0] for f, h in hits.items() if len(h) == 1}
    for i, f in enumerate(files):
        if f not in out:
            free = [v for v in (hits[f] or order) if v not in out.values()]
            out[f] = free[0] if free else order[min(i, len(order) - 1)]
    return out


def fundus_body(entry: dict) -> str:
    """Fundus ``body`` as fundus prints it (``ArticleBody.text()``): the summary, then each section's
    headline and paragraphs, in document order."""
    body = entry.get("body") or {}
    paras = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        paras += (section.get("headline") or []) + (section.get("paragraphs") or [])
    return "\n\n".join(paras)


def load_fundus() -> Iterator[Page]:
    """fundus parser test data: 258 pages, expected title, publishing_date and body per version."""
    root = BENCH / "fundus-parser-test-data" / "test_data"
    for expected in sorted(root.glob("*/*.json")):
        pub, folder = expected.stem, expected.parent
        meta = json.loads((folder / "meta.info").read_text("utf-8"))
        files = sorted(f for f in folder.glob(f"{pub}_*.html.gz")
                       if re.fullmatch(re.escape(pub) + r"_\d{4}_\d\d_\d\d\.html\.gz", f.name))
        versions = json.loads(expected.read_text("utf-8"))
        for f, version in _fundus_assign(versions, files).items():
            entry = versions[version]
            yield f"{folder.name}/{f.name.removesuffix('.html.gz')}", _read(f), meta[f.name]["url"], {
                "body": fundus_body(entry), "title": entry.get("title"), "date": entry.get("publishing_date"),
            }


def load_trafilatura_eval() -> Iterator[Page]:
    """trafilatura eval: 990 pages with 'with'/'without' snippets, title (845) and date (728)."""
    root = BENCH / "trafilatura-eval"
    data = json.loads((root / "evaldata.json").read_text("utf-8"))
    for url, item in data.items():
        path = next(p for p in (root / "cache" / f"{item['file']}.gz", root / "eval" / f"{item['file']}.gz")
                    if p.is_file())   # upstream ``resolve``: cache/ first, then eval/
        yield item["file"], _read(path), url, {
            "with": item["with"], "without": item["without"],
            "title": item.get("title") or None, "date": item.get("date") or None,
        }


# --- scorers --------------------------------------------------------------------------------------

def _meta(truth: dict, out) -> dict:
    day, instant = m.date_match(truth.get("date"), out.date)
    title = m.title_match(truth["title"], out.title) if truth.get("title") else None
    return {"title": title, "day": day, "instant": instant}


def score_shingles(truth: dict, out) -> dict:
    """Zyte metric on the body, plus title and date where the truth has them."""
    tpfpfn = m.shingle_match(truth["body"], out.text)
    return {"tpfpfn": tpfpfn, "f1": m.page_f1(*tpfpfn), "acc": m.token_accuracy(truth["body"], out.text),
            **_meta(truth, out)}


def score_seed(truth: dict, out) -> dict:
    """Shingles on the joined paragraphs, plus verbatim paragraph recall and chrome strings leaked."""
    return {**score_shingles(truth, out), "para": m.paragraph_recall(truth["paragraphs"], out.text),
            "leaks": m.leaks(truth["must_not"], out.text)}


def score_pages(truth: dict, out) -> dict:
    """First and last sentence present (2 checks); a page with no truth body must come out
    (near-)empty (1 check). No precision: only sentences are known."""
    if truth["first"] is None:
        hits, total = int(len(m.tokenize(out.text)) < NEAR_EMPTY_TOKENS), 1
    else:
        hits, total = m.contains(out.text, truth["first"]) + m.contains(out.text, truth["last"]), 2
    return {"sent": (hits, total), "f1": hits / total, **_meta(truth, out)}


def score_real_pages(truth: dict, out) -> dict:
    """Zyte shingles against the full hand-written body (as the other full-body sets), plus first and
    last sentence present (the last when the page's story has one), chrome strings leaked, title, day."""
    wanted = [s for s in (truth["first"], truth["last"]) if s]
    hits = sum(m.contains(out.text, s) for s in wanted)
    return {**score_shingles(truth, out), "sent": (hits, len(wanted)),
            "leaks": m.leaks(truth["must_not"], out.text)}


def score_snippets(truth: dict, out) -> dict:
    """trafilatura's snippet counts; the page F1 ranks pages only."""
    counts = m.snippet_counts(truth["with"], truth["without"], out.text)
    return {"counts": counts, "f1": m.confusion_scores(*counts)["f1"], **_meta(truth, out)}


@dataclass(frozen=True)
class Benchmark:
    name: str
    load: Callable[[], Iterator[Page]]
    score: Callable[[dict, object], dict]
    body_metric: str          # "shingles" | "snippets" | "sentences"
    public: bool
    about: str


BENCHMARKS = {b.name: b for b in (
    Benchmark("seed", load_seed, score_seed, "shingles", False,
              "4 reconstructed tagDiv articles (kk/ru). P/R/F1: Zyte shingles on the joined truth paragraphs; "
              "para recall = paragraphs present verbatim; leaked = must_not_contain strings found in the body."),
    Benchmark("cms-pages", load_cms_pages, score_seed, "shingles", False,
              "28 hand-written pages in 7 profiled CMS families (kk, kk-Latn, ru; tests/fixtures/cms-pages "
              "and cms-pages-2), no string of them in the extractor. Same figures as seed."),
    Benchmark("pages", load_pages, score_pages, "sentences", False,
              "25 real pages (1 Kazakh, 1 front page). Recall = first/last truth sentence present "
              f"(ws-normalised); pages without a truth body must come out with < {NEAR_EMPTY_TOKENS} tokens."),
    Benchmark("real-pages", load_real_pages, score_real_pages, "shingles", False,
              "real article pages (ru, incl. Kazakhstan's inform.kz; regional papers, agencies, government "
              "portals; WordPress, Joomla K2, custom CMSs) saved in public repositories and benchmarks, full body "
              "written by hand (tests/fixtures/real-pages/README.md). P/R/F1: Zyte shingles on the hand-written "
              "body; first/last = truth sentences present; leaked = chrome strings found in the body."),
    Benchmark("zyte", load_zyte, score_shingles, "shingles", True,
              "Zyte article-extraction benchmark (upstream evaluate.py): 4-token shingles, per-page P/R "
              "averaged (empty outputs count in recall only), F1 of the averages; ± = bootstrap std."),
    Benchmark("fundus", load_fundus, score_shingles, "shingles", True,
              "fundus parser test data. Body = summary + section paragraphs, scored with the Zyte shingle "
              "P/R/F1 (not ROUGE-LSum); title exact; date vs publishing_date."),
    Benchmark("trafilatura", load_trafilatura_eval, score_snippets, "snippets", True,
              "trafilatura eval (upstream eval_common.py): ws-normalised snippet substring match, "
              "TP/FP/FN/TN summed over all snippets. Corpus maintained by trafilatura's author."),
)}
