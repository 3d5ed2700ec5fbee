"""Relative dates ("2 сағат бұрын", "Вчера, 23:50", "Сейсенбі, 18:20", "Жаңа ғана") against the crawl time.

Two kinds of arithmetic, on purpose (README rule 3):

* seconds, minutes and hours are *elapsed* time: subtract from the crawl instant in UTC, then show the
  result in the site's zone. Wall-clock arithmetic on an aware datetime is wrong across an offset
  change: 12 hours before 2024-03-01 10:00 (+05:00) is 2024-02-29 23:00 (+06:00), not 22:00.
* days, weeks, months and years are *calendar* steps: the same wall-clock time N days/weeks/months
  earlier, re-localized so the offset is the one valid on that day.

A relative form that would land after the crawl time ("Бүгін, 23:50" crawled at 16:00) is
impossible for a publication date and gives None rather than a guess.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta, timezone

from crawler.dates import vocab
from crawler.dates.zones import iso
from crawler.text import fold

_ELAPSED = {"second": 1, "minute": 60, "hour": 3600}
_VAGUE = frozenset(fold(w) for w in
                   "несколько бірнеше birneshe few several кілька bir_neche".split())


def parse_crawl_time(value, zone) -> datetime:
    """An aware datetime from a datetime or ISO string; naive values are wall time in ``zone``."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"crawl_time is not ISO 8601: {value!r}") from exc
    if not isinstance(value, datetime):
        raise ValueError(f"crawl_time must be a datetime or ISO string, not {type(value).__name__}")
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _months_back(local: datetime, months: int) -> datetime:
    total = local.year * 12 + (local.month - 1) - months
    y, m = divmod(total, 12)
    m += 1
    d = min(local.day, calendar.monthrange(y, m)[1]) if y >= 1 else local.day
    return local.replace(year=y, month=m, day=d)


def _ago(toks, k: int, crawl: datetime, zone) -> datetime | None:
    """Resolve "[<n>] <unit> [<n> <unit>] <ago>" ending at ago-word index ``k``.

    A missing count means one ("час назад"); a vague one ("несколько минут назад") means None.
    """
    i = k - 1
    seconds = 0
    calendar_steps: list[tuple[str, int]] = []
    while i >= 0 and toks[i].kind == "w":
        word = toks[i].text
        if word in vocab.HALF_HOUR:
            seconds += 1800
            i -= 1
            continue
        unit = vocab.UNITS.get(word)
        if unit is None:
            break
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and prev.kind == "n":
            if len(prev.text) > 6:
                return None
            n, i = int(prev.text), i - 2
        elif prev is not None and prev.text in vocab.NUMBER_WORDS:
            n, i = vocab.NUMBER_WORDS[prev.text], i - 2
        elif prev is not None and prev.text in _VAGUE:
            return None
        else:
            n, i = 1, i - 1
        if unit in _ELAPSED:
            seconds += n * _ELAPSED[unit]
        else:
            calendar_steps.append((unit, n))
    if i == k - 1:
        return None
    local = crawl.astimezone(zone)
    wall = local.replace(tzinfo=None)
    for unit, n in calendar_steps:
        if unit == "day":
            wall -= timedelta(days=n)
        elif unit == "week":
            wall -= timedelta(weeks=n)
        elif unit == "month":
            wall = _months_back(wall, n)
        else:
            wall = _months_back(wall, 12 * n)
    out = wall.replace(tzinfo=zone) if calendar_steps else local
    if seconds:   # elapsed time: subtract in UTC, never on the wall clock
        out = (out.astimezone(timezone.utc) - timedelta(seconds=seconds)).astimezone(zone)
    return out


def _at(day, clock, zone) -> datetime:
    h, m, s = clock or (0, 0, 0)
    return datetime(day.year, day.month, day.day, h, m, s, tzinfo=zone)


def resolve_relative(toks, clock, crawl: datetime, zone) -> str | None:
    """ISO value of the first relative expression in ``toks``, or None."""
    toks = [t for t in toks if t.text != "."]   # abbreviation dots: "14 ч. назад", "2 сағ. бұрын"
    words = [t.text for t in toks]
    local = crawl.astimezone(zone)
    try:
        for i, w in enumerate(words):
            pair = (w, words[i + 1]) if i + 1 < len(words) else None
            if (w,) in vocab.NOW_PHRASES or pair in vocab.NOW_PHRASES:
                return iso(local)
            if w in vocab.AGO_WORDS:
                out = _ago(toks, i, crawl, zone)
                if out is not None:
                    return iso(out) if out <= crawl else None
            days = vocab.DAY_WORDS.get(w)
            if days is None and pair is not None:
                days = vocab.DAY_PHRASES.get(pair)
            if days is not None:
                out = _at(local.date() - timedelta(days=days), clock, zone)
                return iso(out) if out <= crawl else None
        if clock is not None:
            for w in words:
                wd = vocab.WEEKDAYS.get(w)
                if wd is not None:
                    back = (local.weekday() - wd) % 7 or 7
                    return iso(_at(local.date() - timedelta(days=back), clock, zone))
    except (ValueError, OverflowError):
        return None
    return None
