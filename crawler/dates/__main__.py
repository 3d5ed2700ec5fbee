"""``python -m crawler.dates "TEXT" [--lang kk] [--crawl-time ISO] [--tz ZONE]``."""

from crawler.dates.cli import main

raise SystemExit(main())
