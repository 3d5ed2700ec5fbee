"""Log lines for skipped pages: one line with the reason and the URL, not the whole item.

Scrapy's default logs a dropped item in full at WARNING, which for us is a page of HTML per
expected skip (a 404, a page that is not an article). The reason is in the exception message.
A page the server or the network failed (a ``FetchFailure`` other than ``robots``) is that page's
one line at WARNING, ``Skipped: <outcome>: <reason> <url>``; expected skips are INFO.
"""

from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter

from crawler.items import FetchFailure
from crawler.outcomes import FETCH_FAILURES


class ArchiveLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        failed = isinstance(item, FetchFailure) and item.outcome in FETCH_FAILURES
        return {"level": logging.WARNING if failed else logging.INFO, "msg": "Skipped: %(exception)s", "args": {"exception": exception}}
