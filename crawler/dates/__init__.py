"""Date normalization: any date string a Kazakh/Russian news page shows -> ISO 8601 with offset.

Public surface (the rest of the crawler imports these names):

* :func:`normalize_date` — one string to ``YYYY-MM-DDTHH:MM:SS±HH:MM`` or None
  (implementation in :mod:`crawler.dates.normalize`, word tables in :mod:`crawler.dates.vocab`,
  relative dates in :mod:`crawler.dates.relative`, zones in :mod:`crawler.dates.zones`);
* :mod:`crawler.dates.page` — the page-level stage (candidates from JSON-LD, meta, ``<time>``, the
  visible date line and the URL, then the choice);
* :mod:`crawler.dates.cli` — ``python -m crawler.dates "TEXT" [--lang] [--crawl-time] [--tz]``.

The rules are those of ``../shared/dates/README.md``: Asia/Almaty wall time by default (UTC+6 before
2024-03-01, UTC+5 after), explicit non-zero offsets kept, day-first numbers, None rather than a guess.
"""

from __future__ import annotations

from crawler.dates.normalize import normalize_date
from crawler.dates.zones import DEFAULT_TZ, UnknownZoneError, check_tzdata, get_zone

__all__ = ["DEFAULT_TZ", "UnknownZoneError", "check_tzdata", "get_zone", "normalize_date"]
