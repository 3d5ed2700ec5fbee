"""``python -m crawler.dates "TEXT" [--lang kk] [--crawl-time ISO] [--tz ZONE]``."""

from crawler.dates.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
