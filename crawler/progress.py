"""``ProgressExtension``: what a long crawl or re-extraction is doing, while it does it.

On a terminal (stderr is a TTY) one status line per site is redrawn in place every
``PROGRESS_INTERVAL_TTY`` seconds: pages fetched, articles stored (new/changed), skipped pages and
pages per second. Elsewhere (cron, a log file, a pipe) it logs one plain line per site every
``PROGRESS_INTERVAL`` seconds at INFO, like Scrapy's LogStats, so ``--quiet`` silences it and
``--log-file`` keeps it. ``PROGRESS = False`` turns it off.

A crawl of several sites runs one Scrapy crawler per site in one process; their status lines share
one terminal block (:class:`_Board`), which only draws: every count comes from each crawler's stats.
"""

from __future__ import annotations

import logging
import sys
import time

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

logger = logging.getLogger(__name__)


class _Board:
    """The terminal block of status lines, one per site, redrawn in place."""

    def __init__(self, stream):
        self.stream = stream
        self.lines: dict[str, str] = {}
        self.drawn = 0

    def update(self, key: str, line: str) -> None:
        self.lines[key] = line
        self.draw()

    def erase(self) -> None:
        """Take the block off the screen (a log line is about to be written there); the next
        draw puts it back below that line."""
        if self.drawn:
            self.stream.write(f"\x1b[{self.drawn}F\x1b[J")
            self.stream.flush()
            self.drawn = 0

    def filter(self, record) -> bool:
        """As a logging filter on the terminal's handlers: erase the block before each record."""
        self.erase()
        return True

    def draw(self) -> None:
        out = []
        if self.drawn:
            out.append(f"\x1b[{self.drawn}F")          # back to the first line of the block
        for line in self.lines.values():
            out.append("\x1b[2K" + line + "\n")        # clear the line, write it
        self.stream.write("".join(out))
        self.stream.flush()
        self.drawn = len(self.lines)


_boards: dict[int, _Board] = {}   # one per output stream (the process's stderr)


def _board(stream) -> _Board:
    board = _boards.get(id(stream))
    if board is None:
        board = _boards[id(stream)] = _Board(stream)
        for handler in logging.getLogger().handlers:   # log lines on the same terminal go above the block
            if getattr(handler, "stream", None) is stream:
                handler.addFilter(board)
    return board


def status_line(site: str, stats: dict, elapsed: float, done: bool = False) -> str:
    pages = stats.get("response_received_count", 0)
    stored = {k: stats.get(f"archive/articles_{k}", 0) for k in ("new", "changed", "unchanged", "duplicate")}
    skipped = sum(v for k, v in stats.items() if k.startswith("archive/skipped/"))
    failed = stats.get("archive/fetch_failures", 0)
    rate = pages / elapsed if elapsed > 0 else 0.0
    read = stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0)
    return (f"{site:18} {'done' if done else 'running':7} {pages:6} pages {rate:6.1f}/s  "
            f"{sum(stored.values()):5} articles ({stored['new']} new, {stored['changed']} changed)  "
            f"{skipped} skipped  {failed} failed  {read} processed  {elapsed:5.0f}s")


class ProgressExtension:
    def __init__(self, crawler, interval: float, tty_interval: float, stream):
        self.crawler = crawler
        self.stream = stream
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.interval = tty_interval if self.tty else interval
        self.started = time.monotonic()
        self.loop = None
        self.site = "?"

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("PROGRESS", True):
            raise NotConfigured
        ext = cls(crawler, s.getfloat("PROGRESS_INTERVAL", 30.0), s.getfloat("PROGRESS_INTERVAL_TTY", 1.0),
                  sys.stderr)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider):
        self.site = getattr(spider, "site_key", None) or spider.name
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report)
        self.loop.start(self.interval, now=self.tty)

    def line(self, done: bool = False) -> str:
        return status_line(self.site, self.crawler.stats.get_stats(), time.monotonic() - self.started, done)

    def report(self, done: bool = False) -> None:
        if self.tty:
            _board(self.stream).update(self.site, self.line(done))
        elif not done:
            logger.info("progress: %s", " ".join(self.line().split()))

    def spider_closed(self, spider, reason):
        if self.loop and self.loop.running:
            self.loop.stop()
        self.report(done=True)
