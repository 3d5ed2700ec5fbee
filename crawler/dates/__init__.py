"""Date normalization: any date string a Kazakh/Russian news page shows -> ISO 8601 with offset.

Interim version: machine formats only (ISO 8601, RFC 2822). The full Kazakh/Russian text parser
replaces it (issue 3) behind the same signature.
"""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Asia/Almaty"


def _aware(dt: datetime, tz: str) -> datetime:
    zone = ZoneInfo(tz)
    if dt.tzinfo is None:
        return dt.replace(tzinfo=zone)
    return dt


def normalize_date(text, lang_hint=None, crawl_time=None, tz: str = DEFAULT_TZ) -> str | None:
    """ISO 8601 with seconds and offset, or None where ``text`` holds no complete date."""
    if not text or not isinstance(text, str):
        return None
    raw = text.strip()
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        try:
            dt = parsedate_to_datetime(raw)
        except (TypeError, ValueError, IndexError):
            return None
        if dt is None:
            return None
    dt = _aware(dt, tz)
    if dt.utcoffset() is not None and dt.utcoffset().total_seconds() == 0 and raw.endswith(("Z", "+00:00", "+0000", "GMT", "UT")):
        dt = dt.astimezone(ZoneInfo(tz))
    return dt.isoformat(timespec="seconds")
