"""The progress display: the status line from a crawler's stats, the terminal block, the plain log lines."""

from __future__ import annotations

import io
import logging

from crawler.progress import ProgressExtension, _Board, status_line

STATS = {"response_received_count": 40, "archive/articles_new": 7, "archive/articles_changed": 1,
         "archive/articles_unchanged": 2, "archive/skipped/not_article": 3, "archive/fetch_failures": 1,
         "item_scraped_count": 10, "item_dropped_count": 4}


def test_status_line_counts():
    line = status_line("demo-tagdiv", STATS, elapsed=8.0)
    assert line.split()[:5] == ["demo-tagdiv", "running", "40", "pages", "5.0/s"]
    assert "10 articles (7 new, 1 changed)" in line and "3 skipped" in line and "1 failed" in line
    assert "14 processed" in line
    assert status_line("x", {}, elapsed=0, done=True).split()[1] == "done"


def test_board_redraws_in_place_and_gives_way_to_log_lines():
    out = io.StringIO()
    board = _Board(out)
    board.update("a", "site a 1")
    board.update("b", "site b 1")
    board.update("a", "site a 2")
    text = out.getvalue()
    assert text.endswith("\x1b[2F\x1b[2Ksite a 2\n\x1b[2Ksite b 1\n")
    assert board.filter(logging.makeLogRecord({})) is True
    assert out.getvalue().endswith("\x1b[2F\x1b[J") and board.drawn == 0


class _Stats:
    def get_stats(self):
        return STATS


class _Crawler:
    stats = _Stats()


def test_not_a_terminal_logs_plain_lines(caplog):
    ext = ProgressExtension(_Crawler(), interval=30, tty_interval=1, stream=io.StringIO())
    ext.site = "demo-jnews"
    assert not ext.tty and ext.interval == 30
    with caplog.at_level(logging.INFO, logger="crawler.progress"):
        ext.report()
        ext.report(done=True)      # the summary says the end; no second line
    assert len(caplog.records) == 1
    assert caplog.records[0].getMessage().startswith("progress: demo-jnews running 40 pages")
    assert "\x1b" not in caplog.text
