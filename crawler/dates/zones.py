"""IANA time zones for the date stage, loaded from the pinned ``tzdata`` package and sanity-checked.

Why not just ``ZoneInfo(name)``: it reads the *system* database first (``/usr/share/zoneinfo``), and
an older system database still puts Asia/Almaty at UTC+6 after 2024-03-01 — every Kazakh date after
that day would silently be an hour off. ``requirements.txt`` pins ``tzdata`` (≥ 2024.1, which knows
the change), so zones are loaded from that package first and from the system only as a fallback.
On first use, :func:`check_tzdata` verifies the rule itself (+05:00 on 2024-03-02, +06:00 on
2024-02-28) and raises a clear ``RuntimeError`` instead of producing wrong offsets.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TZ = "Asia/Almaty"
_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*")
_checked = False


class UnknownZoneError(ValueError):
    """The ``tz`` argument names no IANA zone."""


def _load(name: str) -> ZoneInfo:
    try:
        ref = resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
        with ref.open("rb") as fh:
            return ZoneInfo.from_file(fh, key=name)
    except (ModuleNotFoundError, FileNotFoundError, IsADirectoryError, NotADirectoryError,
            PermissionError, ValueError):
        pass
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, IsADirectoryError) as exc:
        raise UnknownZoneError(f"unknown time zone {name!r}") from exc


def check_tzdata() -> None:
    """Raise RuntimeError unless the loaded database has Kazakhstan's 2024-03-01 switch to UTC+5."""
    global _checked
    if _checked:
        return
    almaty = _zone(DEFAULT_TZ)
    after = datetime(2024, 3, 2, 12, tzinfo=almaty).utcoffset()
    before = datetime(2024, 2, 28, 12, tzinfo=almaty).utcoffset()
    if after != timedelta(hours=5) or before != timedelta(hours=6):
        raise RuntimeError(
            "time-zone database too old: Asia/Almaty must be UTC+6 on 2024-02-28 and UTC+5 on "
            f"2024-03-02 (got {before} and {after}); install tzdata>=2024.1 (see requirements.txt)")
    _checked = True


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    if not isinstance(name, str) or not _ZONE_NAME.fullmatch(name) or ".." in name:
        raise UnknownZoneError(f"unknown time zone {name!r}")
    return _load(name)


def get_zone(name: str = DEFAULT_TZ) -> ZoneInfo:
    """The zone ``name`` (cached); the first call also runs :func:`check_tzdata`."""
    if not _checked:
        check_tzdata()
    return _zone(name)


def fixed_offset(minutes: int) -> timezone:
    """A fixed ``±HH:MM`` zone, for inputs that carry their own non-zero offset."""
    return timezone(timedelta(minutes=minutes))


def iso(dt: datetime) -> str | None:
    """``YYYY-MM-DDTHH:MM:SS±HH:MM``; None where the offset is not whole minutes (pre-1925 local mean time)."""
    if isinstance(dt.tzinfo, ZoneInfo):
        # A wall time skipped by a clock change (02:30 on a pre-2005 DST spring-forward night) has
        # no offset of its own: express the instant it denotes in the zone's real local time.
        dt = dt.astimezone(timezone.utc).astimezone(dt.tzinfo)
    off = dt.utcoffset()
    if off is None or off.seconds % 60 or off.microseconds:
        return None
    return dt.replace(microsecond=0).isoformat()


def to_utc(value: str | None) -> str | None:
    """An ISO 8601 value with offset as the same instant in UTC (None for None, a naive or a bad
    value): Almaty's offset changed on 2024-03-01, so sort and group on this, not on local text."""
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        return None
    return dt.astimezone(timezone.utc).isoformat(timespec="seconds")
