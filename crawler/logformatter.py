"""Log lines for skipped pages: one line with the reason and the URL, not the whole item.

Scrapy's default logs a dropped item in full at WARNING, which for us is a page of HTML per
expected skip (a 404, a page that is not an article). The reason is in the exception message.
"""

from __future__ import annotations

import logging

from scrapy.logformatter import LogFormatter


class ArchiveLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        return {"level": logging.INFO, "msg": "Skipped: %(exception)s", "args": {"exception": exception}}
