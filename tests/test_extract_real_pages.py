"""The real-page set (tests/fixtures/real-pages): article pages real publishers wrote, truth by hand
(full body, title, day, chrome strings), scored as ``scripts/eval_extraction.py --only real-pages``
scores it. The floors are the figures measured when the set was last extended (see its README.md);
a change that lowers one fails here. Issue 15's body F1 target (>= 0.98) is met and held; its chrome
target (no chrome string) is not yet, and is the strict xfail below, so reaching it shows.
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
    assert f1 >= 0.988          # measured 0.992
    assert min(s["f1"] for s in scores.values()) >= 0.95     # measured 0.955 (smol.kp.ru: a deck kept)


def test_chrome_ceiling(scores):
    assert sum(s["leaks"] for s in scores.values()) <= 1      # measured 1


def test_issue_f1_target(scores):
    """Issue 15: body F1 >= 0.98 (reached: 0.992)."""
    assert m.zyte_scores([tuple(s["tpfpfn"]) for s in scores.values()])["f1"] >= 0.98


@pytest.mark.xfail(reason="issue 15 chrome target not reached yet: 1 chrome string (admin-smolensk.ru: "
                          "the site header printed before the rubric h1)", strict=True)
def test_issue_chrome_target(scores):
    assert sum(s["leaks"] for s in scores.values()) == 0
