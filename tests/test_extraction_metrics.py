"""The scoring functions of scripts/eval_extraction.py, on hand-computed cases.

Zyte cases follow upstream evaluate.py (4-token shingles of ``\\w+`` tokens, TP/FP/FN normalised
per page, empty outputs left out of the precision average); snippet cases follow trafilatura's
tests/eval_common.py.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from scripts import extraction_metrics as m

A = pytest.approx


@pytest.mark.parametrize("true, pred, expected", [
    ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),            # 2 shingles, both found
    ("a b c d e", "a b c d", (0.5, 0.0, 0.5)),              # abcd found, bcde missed
    ("a, b.\n c d", "a b c d", (1.0, 0.0, 0.0)),            # punctuation and spacing are not tokens
    ("A b c d", "a b c d", (0.0, 0.5, 0.5)),                # case counts
    ("one two three", "one two three four", (0.0, 0.5, 0.5)),  # <4 tokens: one 3-token shingle
    ("x y z w x y z w", "x y z w", (0.2, 0.0, 0.8)),        # bag: xyzw twice + 3 others = 5 shingles
    ("a b c d", "", (0.0, 0.0, 1.0)),                       # empty output: all missed
    ("a b c d", None, (0.0, 0.0, 1.0)),
    ("", "", (0.0, 0.0, 0.0)),                              # nothing on either side: not normalised
])
def test_shingle_match(true, pred, expected):
    assert m.shingle_match(true, pred) == A(expected)


@pytest.mark.parametrize("text, expected", [
    ("a b c d e", {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}),
    ("hi there", {("hi", "there"): 1}),
    ("  ,;  ", {}),
    ("Қала әкімі — 25 метр", {("Қала", "әкімі", "25", "метр"): 1}),   # \w is Unicode
])
def test_shingles(text, expected):
    assert dict(m.shingles(text)) == expected


@pytest.mark.parametrize("tp_fp_fn, p, r", [
    ((1.0, 0.0, 0.0), 1.0, 1.0),
    ((0.5, 0.0, 0.5), 1.0, 0.5),
    ((0.25, 0.5, 0.25), 1 / 3, 0.5),
    ((0.0, 0.5, 0.5), 0.0, 0.0),
    ((0.0, 0.0, 1.0), 0.0, 0.0),
    ((0.0, 0.0, 0.0), 1.0, 1.0),                             # both empty: perfect, as upstream
])
def test_precision_recall_score(tp_fp_fn, p, r):
    assert (m.precision_score(*tp_fp_fn), m.recall_score(*tp_fp_fn)) == (A(p), A(r))


@pytest.mark.parametrize("pages, p, r, f1", [
    ([(1.0, 0.0, 0.0), (0.5, 0.0, 0.5)], 1.0, 0.75, 6 / 7),          # P mean(1,1); R mean(1,.5)
    ([(0.0, 0.0, 1.0), (1.0, 0.0, 0.0)], 1.0, 0.5, 2 / 3),           # empty output: recall only
    ([(0.25, 0.5, 0.25), (0.5, 0.0, 0.5)], 2 / 3, 0.5, 4 / 7),       # P mean(1/3,1); R mean(.5,.5)
    ([(0.0, 0.5, 0.5)], 0.0, 0.0, 0.0),
    ([(0.0, 0.0, 0.0)], 0.0, 0.0, 0.0),                               # no page counts anywhere
])
def test_zyte_scores_average_per_page_then_harmonic_mean(pages, p, r, f1):
    got = m.zyte_scores(pages)
    assert (got["precision"], got["recall"], got["f1"]) == (A(p), A(r), A(f1))


@pytest.mark.parametrize("tp_fp_fn, f1", [
    ((0.5, 0.0, 0.5), 2 / 3),
    ((0.25, 0.5, 0.25), 0.4),                                # P 1/3, R 1/2
    ((0.0, 0.0, 1.0), 0.0),
    ((1.0, 0.0, 0.0), 1.0),
])
def test_page_f1(tp_fp_fn, f1):
    assert m.page_f1(*tp_fp_fn) == A(f1)


@pytest.mark.parametrize("true, pred, expected", [
    ("Hello, world", "Hello world!", 1.0),
    ("Hello, world", "hello world", 0.0),
    ("Hello, world", "Hello, world. More", 0.0),
])
def test_token_accuracy(true, pred, expected):
    assert m.token_accuracy(true, pred) == expected


def test_bootstrap_std_is_zero_for_identical_pages_and_seeded():
    assert m.bootstrap_std([(0.5, 0.0, 0.5)] * 5) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    mixed = [(1.0, 0.0, 0.0), (0.0, 0.0, 1.0), (0.5, 0.25, 0.25)]
    once = m.bootstrap_std(mixed, n_bootstrap=200)
    assert once == m.bootstrap_std(mixed, n_bootstrap=200)
    assert 0.0 < once["recall"] < 0.5


@pytest.mark.parametrize("with_, without, result, expected", [
    (["foo bar", "baz"], ["menu", "footer x"], "foo   bar\nqux footer  x", (1, 1, 1, 1)),
    (["foo bar", "baz"], ["menu", "footer x"], None, (0, 0, 2, 2)),          # crash / no output
    (["foo bar", "baz"], ["menu", "footer x"], "", (0, 0, 2, 2)),
    (["a\n b"], ["c"], "xx a b yy", (1, 0, 0, 1)),                            # snippet normalised too
    (["Foo"], ["Bar"], "foo bar", (0, 0, 1, 1)),                              # case counts
])
def test_snippet_counts(with_, without, result, expected):
    assert m.snippet_counts(with_, without, result) == expected


@pytest.mark.parametrize("counts, p, r, acc, f1", [
    ((3, 1, 1, 5), 0.75, 0.75, 0.8, 0.75),
    ((2, 0, 3, 4), 1.0, 0.4, 6 / 9, 4 / 7),
    ((0, 2, 3, 1), 0.0, 0.0, 1 / 6, 0.0),
    ((0, 0, 0, 0), 0.0, 0.0, 0.0, 0.0),
])
def test_confusion_scores(counts, p, r, acc, f1):
    got = m.confusion_scores(*counts)
    assert (got["precision"], got["recall"], got["accuracy"], got["f1"]) == (A(p), A(r), A(acc), A(f1))


@pytest.mark.parametrize("paragraphs, text, expected", [
    (["Alpha beta.", "Gamma  delta."], "Alpha beta.\n\nGamma delta.", 0.5),   # verbatim: no normalising
    (["Alpha beta.", "Gamma delta."], "Alpha beta.\n\nGamma delta.", 1.0),
    (["Alpha beta."], None, 0.0),
    ([], "anything", 1.0),
])
def test_paragraph_recall(paragraphs, text, expected):
    assert m.paragraph_recall(paragraphs, text) == A(expected)


@pytest.mark.parametrize("strings, text, expected", [
    (["Most Popular", "RELATED  ARTICLES", "- Advertisment -"], "body RELATED\nARTICLES body", 1),
    (["Most Popular", "- Advertisment -"], "Most Popular - Advertisment -", 2),
    (["Most Popular"], None, 0),
    (["   "], "text", 0),                                   # a blank string leaks nothing
])
def test_leaks(strings, text, expected):
    assert m.leaks(strings, text) == expected


@pytest.mark.parametrize("truth, pred, expected", [
    ("Title ", " Title", True),
    ("A\u00a0B\nC", "A B C", True),
    ("Title", "title", False),
    ("Title", "Title - Site", False),
    ("Title", None, False),
    (None, None, False),
])
def test_title_match(truth, pred, expected):
    assert m.title_match(truth, pred) is expected


@pytest.mark.parametrize("text, sentence, expected", [
    ("First  sentence.\nSecond.", "First sentence. Second.", True),
    ("First sentence.", "first sentence.", False),
    ("anything", None, False),
    (None, "x", False),
    # invisible typesetting copied into truth from page source (ukrinform: "станцию \u200b\u200bметро")
    ("станцию метро", "станцию \u200b\u200bметро", True),
    ("Қаз\u00adақстан", "Қазақстан", True),
    ("станцию метро", "станцию вокзал", False),
])
def test_contains(text, sentence, expected):
    assert m.contains(text, sentence) is expected


def _at(y, mo, d, h, mi, s, hours):
    return datetime(y, mo, d, h, mi, s, tzinfo=timezone(timedelta(hours=hours)))


@pytest.mark.parametrize("value, expected", [
    ("2024-11-23T11:42:00+05:00", (date(2024, 11, 23), _at(2024, 11, 23, 11, 42, 0, 5))),
    ("2023-11-15 17:00:00+00:00", (date(2023, 11, 15), _at(2023, 11, 15, 17, 0, 0, 0))),
    ("2025-05-14 20:28:12.467000+03:00", (date(2025, 5, 14), _at(2025, 5, 14, 20, 28, 12, 3))),
    ("2020-06-29T00:16:15Z", (date(2020, 6, 29), _at(2020, 6, 29, 0, 16, 15, 0))),
    ("2020-01-01T10:00+0530", (date(2020, 1, 1), _at(2020, 1, 1, 4, 30, 0, 0))),
    ("2020-12-03T18:47 (Kyiv time; JSON-LD has no offset)", (date(2020, 12, 3), None)),
    ("2016-08-15", (date(2016, 8, 15), None)),
    ("2022-01.26", (date(2022, 1, 26), None)),
    ("2022-11-1", (date(2022, 11, 1), None)),
    ("2022-13-01", None),
    ("15 August 2016", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert m.parse_date(value) == expected


@pytest.mark.parametrize("truth, pred, expected", [
    ("2024-11-23T11:42:00+05:00", "2024-11-23T11:42:00+05:00", (True, True)),
    ("2024-11-23T11:42:00+05:00", "2024-11-23T06:42:00+00:00", (True, True)),     # same instant
    ("2020-06-29T00:16:15+03:00", "2020-06-28T21:16:15+00:00", (True, True)),     # day seen in truth's offset
    ("2020-06-29T00:16:15+03:00", "2020-06-28", (False, False)),                  # a day is no instant
    ("2024-11-23T11:42:00+05:00", "2024-11-23T11:43:00+05:00", (True, False)),
    ("2024-11-23T11:42:00+05:00", "2024-11-23T11:42:00+06:00", (True, False)),    # wrong zone
    ("2024-11-23T11:42:00+05:00", None, (False, False)),
    ("2016-08-15", "2016-08-15T13:43:00+03:00", (True, None)),                    # day-only truth
    ("2016-08-15", None, (False, None)),
    ("2020-12-03T18:47 (Kyiv)", "2020-12-03T23:47:00+05:00", (True, None)),       # naive truth: wall day
    (None, "2020-01-01", (None, None)),
])
def test_date_match(truth, pred, expected):
    assert m.date_match(truth, pred) == expected


@pytest.mark.parametrize("hits, total, expected", [(1, 4, 0.25), (0, 3, 0.0), (0, 0, None)])
def test_ratio(hits, total, expected):
    assert m.ratio(hits, total) == expected
