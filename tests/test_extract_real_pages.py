"""The real-page set (tests/fixtures/real-pages): article pages real publishers wrote, truth by hand
(full body, title, day, chrome strings), scored as ``scripts/eval_extraction.py --only real-pages``
scores it. The floors are the figures measured when the set was last extended (see its README.md);
a change that lowers one fails here. Issue 15's targets (body F1 >= 0.98, titles >= 95%, no chrome
string) are met and held.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts")]

import extraction_metrics as m  # noqa: E402
from eval_benchmarks import BENCHMARKS  # noqa: E402
from eval_extraction import run_ours  # noqa: E402

BENCH = BENCHMARKS["real-pages"]


@pytest.fixture(scope="module")
def scores():
    return {page_id: BENCH.score(truth, run_ours(html, url)) for page_id, html, url, truth in BENCH.load()}


def test_the_set_is_there(scores):
    assert len(scores) >= 20
    assert any(page_id.startswith("inform.kz/") for page_id in scores)


def test_titles(scores):
    assert m.ratio(sum(s["title"] for s in scores.values()), len(scores)) >= 0.95


def test_first_and_last_sentences(scores):
    hits, total = (sum(s["sent"][k] for s in scores.values()) for k in range(2))
    assert hits == total


def test_body_f1_floor(scores):
    f1 = m.zyte_scores([tuple(s["tpfpfn"]) for s in scores.values()])["f1"]
    assert f1 >= 0.988          # measured 0.993
    assert min(s["f1"] for s in scores.values()) >= 0.95     # measured 0.955 (smol.kp.ru: a deck kept)


def test_issue_f1_target(scores):
    """Issue 15: body F1 >= 0.98 (reached: 0.993)."""
    assert m.zyte_scores([tuple(s["tpfpfn"]) for s in scores.values()])["f1"] >= 0.98


def test_issue_chrome_target(scores):
    """Issue 15: no chrome string in any body (the last one, admin-smolensk.ru's site header printed
    before the headline, went with :func:`crawler.extract.generic.drop_lines_before_headline`)."""
    assert {page_id: s["leaks"] for page_id, s in scores.items() if s["leaks"]} == {}
