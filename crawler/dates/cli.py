"""Command line: ``date "TEXT" [--lang kk] [--crawl-time ISO] [--tz ZONE]`` -> the ISO value or ``null``.

``main(argv)`` takes the arguments *after* the ``date`` sub-command, so the lead's
``python -m crawler date ...`` dispatcher can hand them straight through; ``python -m crawler.dates``
calls it too. A leading literal ``date`` is tolerated so both spellings work everywhere.
Exit 0 with a printed value or ``null``; exit 2 with a message for a bad ``--crawl-time``/``--tz``.
"""

from __future__ import annotations

import argparse
import sys

from crawler.dates.normalize import normalize_date
from crawler.dates.relative import parse_crawl_time
from crawler.dates.zones import DEFAULT_TZ, UnknownZoneError, get_zone


DESCRIPTION = "Normalize one Kazakh/Russian date string to ISO 8601 with offset (prints null if none)."


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m crawler date", description=DESCRIPTION)
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The ``date`` arguments, on this module's parser or on ``python -m crawler``'s sub-parser."""
    p.add_argument("text", help="the date string as shown on the page")
    p.add_argument("--lang", default=None, help="page language hint: kk, ru, kk-Latn, ... (optional)")
    p.add_argument("--crawl-time", default=None,
                   help="ISO 8601 crawl time, for relative dates and dates without a year")
    p.add_argument("--tz", default=DEFAULT_TZ, help=f"IANA zone of the site (default {DEFAULT_TZ})")


def main(argv: list[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["date"]:
        args_in = args_in[1:]
    parser = _parser()
    try:
        args = parser.parse_args(args_in)
    except SystemExit as exc:          # argparse already printed the usage message
        return int(exc.code or 0)
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Print the normalised date of parsed arguments; the exit code."""
    try:
        zone = get_zone(args.tz)
    except UnknownZoneError as exc:
        print(f"error: --tz: {exc}", file=sys.stderr)
        return 2
    crawl = None
    if args.crawl_time is not None:
        try:
            crawl = parse_crawl_time(args.crawl_time, zone)
        except ValueError as exc:
            print(f"error: --crawl-time: {exc}", file=sys.stderr)
            return 2
    value = normalize_date(args.text, lang_hint=args.lang, crawl_time=crawl, tz=args.tz)
    print(value if value is not None else "null")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
