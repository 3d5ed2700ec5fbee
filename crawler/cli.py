"""``python -m crawler``: the archivist's command line.

    python -m crawler list                         registered sites
    python -m crawler crawl SITE [SITE ...]        crawl sites into archive.db (incremental)
    python -m crawler crawl --all                  every registered real site
    python -m crawler demo                         serve the bundled demo sites on 127.0.0.1 and crawl them
    python -m crawler status                       what the archive holds, per site; last runs
    python -m crawler date "23 қараша 2024"        normalise one date string
    python -m crawler extract FILE --url URL       extract one saved page as JSON
    python -m crawler reextract SITE [SITE ...]    read the site's captured pages again (after an upgrade)
    python -m crawler reextract --all              every site the archive holds
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from crawler.registry import registry


def _host_map(values) -> dict:
    out = {}
    for value in values or []:
        src, sep, dst = value.partition("=")
        if not sep:
            raise SystemExit(f"--host-map wants SRC=DST, got {value!r}")
        out[src] = dst
    return out


def _known_sites(keys) -> bool:
    """Some site keys, all registered; else say which are not, on stderr."""
    unknown = [k for k in keys if k not in registry()]
    if unknown or not keys:
        print(f"unknown or missing site(s): {unknown or 'none given'}; see `python -m crawler list`", file=sys.stderr)
        return False
    return True


def _settings(pairs) -> dict:
    """``-s NAME=VALUE`` options as Scrapy setting overrides."""
    return dict(s.split("=", 1) for s in pairs or [])


def cmd_list(args) -> int:
    for site in registry().values():
        print(f"{site.key:18} {site.cms:10} {'verified' if site.verified else 'unverified':10} "
              f"{','.join(site.languages):16} {site.region}")
    return 0


def cmd_crawl(args) -> int:
    from crawler.crawl import run_crawl

    keys = [k for k, site in registry().items() if not site.demo] if args.all else args.sites
    if not _known_sites(keys):
        return 2
    run_crawl(keys, db=args.db, host_map=_host_map(args.host_map), full=args.full,
              loopback=args.loopback, settings=_settings(args.set))
    print_summary(args.db)
    return 0


def cmd_demo(args) -> int:
    from crawler.crawl import run_crawl
    from crawler.demo import DEMO_SITES, DemoServer, build_site

    servers = [DemoServer(build_site(key)) for key in DEMO_SITES]
    for server in servers:
        server.__enter__()
    try:
        host_map = {base: server.base_url for base, server in zip(DEMO_SITES.values(), servers)}
        for base, local in host_map.items():
            print(f"demo: serving {base} on {local}")
        run_crawl(list(DEMO_SITES), db=args.db, host_map=host_map, loopback=True,
                  settings={"LOG_LEVEL": args.log_level})
    finally:
        for server in servers:
            server.__exit__(None, None, None)
    print_summary(args.db)
    return 0


def print_summary(db: str) -> None:
    from crawler.storage import Archive

    archive = Archive(db)
    s = archive.summary()
    archive.close()
    print(f"\narchive: {db}: {s['articles']} articles")
    for site, lang, n in s["by_site_language"]:
        print(f"  {site:18} {lang or '?':8} {n}")
    print(f"  published from {s['date_range'][0]} to {s['date_range'][1]}")
    print("pages by outcome:")
    for site, outcome, n in s["pages_by_outcome"]:
        print(f"  {site:18} {outcome:14} {n}")
    print(f"\nquery it:  sqlite3 {db} \"select site, published, title from articles order by published desc limit 10\"")
    print("browse it: make serve   (Datasette on http://127.0.0.1:8001/)")
    print(f"after an extractor upgrade: python -m crawler reextract --all --db {db}")


def cmd_status(args) -> int:
    if not Path(args.db).exists():
        print(f"no archive at {args.db}", file=sys.stderr)
        return 2
    print_summary(args.db)
    from crawler.storage import Archive

    archive = Archive(args.db)
    rows = archive.conn.execute(
        "SELECT id, site, kind, started_at, finished_at, finish_reason, articles_new, articles_changed, "
        "articles_unchanged, skipped, errors FROM crawl_runs ORDER BY id DESC LIMIT 10").fetchall()
    archive.close()
    print("\nlast runs (id site kind started finished reason new changed unchanged skipped errors):")
    for row in rows:
        print("  " + " ".join(str(v) for v in row))
    return 0


def cmd_reextract(args) -> int:
    from crawler.crawl import run_reextract
    from crawler.storage import Archive

    if not Path(args.db).exists():
        print(f"no archive at {args.db}", file=sys.stderr)
        return 2
    archive = Archive(args.db)
    archived = [r[0] for r in archive.conn.execute("SELECT DISTINCT site FROM pages ORDER BY site")]
    archive.close()
    keys = [k for k in archived if k in registry()] if args.all else args.sites
    if not _known_sites(keys):
        return 2
    run_reextract(keys, db=args.db, settings=_settings(args.set))
    archive = Archive(args.db)
    runs = archive.conn.execute(
        "SELECT site, articles_new, articles_changed, articles_unchanged, duplicates, skipped FROM crawl_runs "
        "WHERE kind='reextract' AND id IN (SELECT max(id) FROM crawl_runs WHERE kind='reextract' GROUP BY site) "
        f"AND site IN ({','.join('?' * len(keys))}) ORDER BY site", keys).fetchall()
    archive.close()
    print("\nre-extracted (site new changed unchanged duplicate skipped):")
    for row in runs:
        print("  " + " ".join(str(v) for v in row))
    return 0


def cmd_extract(args) -> int:
    """One saved page through the crawl's own path (:func:`crawler.process.process_page`)."""
    from crawler.process import FetchedPage, process_page, unregistered_site
    from crawler.record import Skip

    if args.site and not _known_sites([args.site]):
        return 2
    site = registry()[args.site] if args.site else unregistered_site(args.url, args.tz)
    source = sys.stdin.buffer if args.file == "-" else None
    try:
        body = source.read() if source else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    result = process_page(FetchedPage(url=args.url, body=body, site=site, fetched_at=args.crawl_time,
                                      discovered_via=args.via or "", discovery_date=args.discovery_date))
    if isinstance(result, Skip):
        print(f"{result.outcome}: {result.reason}", file=sys.stderr)
        return 2 if result.outcome != "extract_error" else 1
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m crawler", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("list", help="list registered sites").set_defaults(func=cmd_list)

    crawl = sub.add_parser("crawl", help="crawl sites into the archive")
    crawl.add_argument("sites", nargs="*")
    crawl.add_argument("--all", action="store_true", help="every registered real site")
    crawl.add_argument("--db", default="archive.db")
    crawl.add_argument("--full", action="store_true", help="re-fetch articles already archived")
    crawl.add_argument("--host-map", action="append", metavar="SRC=DST",
                       help="fetch SRC origin from DST (e.g. a loopback mirror); stored URLs keep SRC")
    crawl.add_argument("--loopback", action="store_true", help="politeness off: only for servers on this machine")
    crawl.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="any Scrapy setting")
    crawl.set_defaults(func=cmd_crawl)

    demo = sub.add_parser("demo", help="crawl the bundled demo sites served on 127.0.0.1")
    demo.add_argument("--db", default="archive.db")
    demo.add_argument("--log-level", default="WARNING")
    demo.set_defaults(func=cmd_demo)

    status = sub.add_parser("status", help="what the archive holds")
    status.add_argument("--db", default="archive.db")
    status.set_defaults(func=cmd_status)

    extract = sub.add_parser("extract", help="extract one saved HTML page as JSON (the crawl's own path)")
    extract.add_argument("file", help="the saved page (bytes as served), or - for standard input")
    extract.add_argument("--url", required=True, help="the URL the page was fetched from")
    extract.add_argument("--site", help="registry key: the site's CMS hint, time zone and language")
    extract.add_argument("--crawl-time", help="when it was fetched (ISO 8601): the 'now' of relative dates")
    extract.add_argument("--tz", default="Asia/Almaty", help="time zone of a page of no registered site")
    extract.add_argument("--via", choices=("sitemap", "feed", "listing"), help="how the crawl found the page")
    extract.add_argument("--discovery-date", help="the feed's date (or sitemap's) for the page, as written there")
    extract.set_defaults(func=cmd_extract)

    reextract = sub.add_parser("reextract", help="read the captured pages of sites again through the pipelines")
    reextract.add_argument("sites", nargs="*")
    reextract.add_argument("--all", action="store_true", help="every registered site the archive holds")
    reextract.add_argument("--db", default="archive.db")
    reextract.add_argument("-s", "--set", action="append", metavar="NAME=VALUE", help="any Scrapy setting")
    reextract.set_defaults(func=cmd_reextract)

    date = sub.add_parser("date", help="normalise one date string", add_help=False)
    date.add_argument("rest", nargs=argparse.REMAINDER)
    date.set_defaults(func=lambda a: _date(a.rest))
    return parser


def _date(argv) -> int:
    from crawler.dates.cli import main

    return main(argv)


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
