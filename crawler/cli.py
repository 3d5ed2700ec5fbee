"""``python -m crawler``: the archivist's command line.

    python -m crawler list                         registered sites
    python -m crawler crawl SITE [SITE ...]        crawl sites into archive.db (incremental)
    python -m crawler crawl --all                  every registered real site
    python -m crawler demo                         serve the bundled demo sites on 127.0.0.1 and crawl them
    python -m crawler status                       what the archive holds, per site; last runs
    python -m crawler date "23 қараша 2024"        normalise one date string
    python -m crawler extract FILE --url URL       extract one saved page as JSON (FILE - : standard input)
    python -m crawler extract --fetch URL          fetch one page (robots.txt obeyed) and extract it
    python -m crawler reextract SITE [SITE ...]    read the site's captured pages again (after an upgrade)
    python -m crawler reextract --all              every site the archive holds
    python -m crawler report [--html F] [--png F]  per site: last crawl, articles per day, gaps, extraction health
    python -m crawler export --format jsonl|csv|parquet [--site S] [--since D] ...   the articles, streamed
    python -m crawler check [--db archive.db]      validate the registry and the archive
    python -m crawler warc-migrate                 write an older archive's zlib captures into WARC files, once
    python -m crawler crawl SITE --redis URL       a distributed worker (frontier and pages in Redis)
    python -m crawler writer --redis URL           the distributed crawl's one archive writer
    python -m crawler recover --redis URL          re-enqueue what killed workers lost
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from crawler.registry import RegistryError, registry


class UsageError(ValueError):
    """A mistake on the command line: one line on stderr, exit code 2."""


def _pairs(values, option: str) -> dict:
    """``NAME=VALUE`` options as a dict."""
    out = {}
    for value in values or []:
        name, sep, rest = value.partition("=")
        if not sep or not name:
            raise UsageError(f"{option} wants NAME=VALUE, got {value!r}")
        out[name] = rest
    return out


def _host_map(values) -> dict:
    return _pairs(values, "--host-map")


def _known_sites(keys) -> bool:
    """Some site keys, all registered; else say which are not, on stderr."""
    unknown = [k for k in keys if k not in registry()]
    if unknown or not keys:
        print(f"unknown or missing site(s): {unknown or 'none given'}; see `python -m crawler list`", file=sys.stderr)
        return False
    return True


def _settings(pairs) -> dict:
    """``-s NAME=VALUE`` options as Scrapy setting overrides."""
    return _pairs(pairs, "-s")


def _run_locked(args, run, *, demo: bool = False) -> int:
    """Hold the archive's writer lock around ``run()`` (a crawl or re-extraction), print the
    summary and one line per site that had a problem, and return the exit code."""
    import sqlite3

    from crawler import outcomes
    from crawler.crawl import ConfigError, configure_logging
    from crawler.storage import Archive, ArchiveBusy, StorageError

    if getattr(args, "log_file", None) or getattr(args, "quiet", False):
        configure_logging(log_file=args.log_file, quiet=args.quiet, level=args.log_level)
    try:
        handle = Archive.acquire(args.db, wait=args.wait)
    except ArchiveBusy as exc:
        print(exc, file=sys.stderr)
        return outcomes.EXIT_LOCKED
    except (sqlite3.Error, StorageError, OSError) as exc:
        print(f"cannot open the archive {args.db}: {' '.join(str(exc).split())}", file=sys.stderr)
        return outcomes.EXIT_STORAGE
    try:
        result = run()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return outcomes.EXIT_USAGE
    finally:
        handle.release()
    code = result.exit_code
    if not args.quiet or code:
        print_summary(args.db)
    for site_run in result.sites.values():
        problem = site_run.problem()
        if problem:
            print(f"{site_run.site}: {problem}", file=sys.stderr)
    if result.signal:
        print(f"stopped by signal {result.signal}: the runs are closed as 'shutdown'", file=sys.stderr)
    if demo and code == outcomes.EXIT_FAILED_PAGES:
        print("(the demo sites fail some pages on purpose: see crawler/demo/truth.json)")
        return outcomes.EXIT_OK
    return code


def _archive_exists(db: str) -> bool:
    """An archive file at ``db``; else say so on stderr (a folder is not one)."""
    path = Path(db)
    if not path.is_file():
        print(f"no archive at {db}" + (" (that is a folder)" if path.is_dir() else ""), file=sys.stderr)
        return False
    return True


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
    host_map, settings = _host_map(args.host_map), {"LOG_LEVEL": args.log_level, **_settings(args.set)}
    redis_url = args.redis or settings.get("REDIS_URL") or _project_setting("REDIS_URL")
    if redis_url:
        return _crawl_distributed(args, keys, redis_url, host_map, settings)
    return _run_locked(args, lambda: run_crawl(keys, db=args.db, host_map=host_map, full=args.full,
                                                loopback=args.loopback, settings=settings))


def _project_setting(name: str):
    from crawler.crawl import project_settings

    return project_settings().get(name)


def _reachable_redis(url: str):
    """The Redis at ``url`` (it answered PING), else None, having said why in one line."""
    from crawler.distributed import RedisUnavailable, connect_checked

    try:
        return connect_checked(url)
    except RedisUnavailable as exc:
        print(exc, file=sys.stderr)
        return None


def _crawl_distributed(args, keys, redis_url, host_map, settings) -> int:
    """A distributed worker (``--redis URL``): no archive here; the writer stores its pages."""
    from crawler.crawl import ConfigError, configure_logging, run_distributed_crawl
    from crawler import outcomes

    if args.full:
        raise UsageError("--full is not supported with --redis (the shared dupefilter is the incremental memory)")
    if _reachable_redis(redis_url) is None:
        return outcomes.EXIT_USAGE
    if args.log_file or args.quiet:
        configure_logging(log_file=args.log_file, quiet=args.quiet, level=args.log_level)
    try:
        result = run_distributed_crawl(keys, redis_url=redis_url, host_map=host_map, loopback=args.loopback,
                                       settings=settings)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return outcomes.EXIT_USAGE
    for site_run in result.sites.values():
        print(f"{site_run.site}: worker finished ({site_run.finish_reason}); pages handed to the writer")
    if result.signal:
        return 128 + result.signal
    # No finish reason: the spider never closed (an error the log shows), not a finished round.
    return outcomes.EXIT_ERROR if any(r.finish_reason is None for r in result.sites.values()) else outcomes.EXIT_OK


def cmd_writer(args) -> int:
    from crawler.crawl import configure_logging
    from crawler.redis_writer import run_writer

    configure_logging(log_file=args.log_file, level=args.log_level)
    return run_writer(args.redis, args.db, until_idle=args.until_idle, batch=args.batch, wait=args.wait)


def cmd_recover(args) -> int:
    from crawler import outcomes
    from crawler.redis_writer import recover

    server = _reachable_redis(args.redis)
    if server is None:
        return outcomes.EXIT_USAGE
    try:
        counts = recover(server)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    total = sum(counts.values())
    print(f"recover: {total} article request(s) re-enqueued" + "".join(f"\n  {s:18} {n}" for s, n in sorted(counts.items())))
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
        return _run_locked(args, lambda: run_crawl(list(DEMO_SITES), db=args.db, host_map=host_map, loopback=True,
                                                   settings={"LOG_LEVEL": args.log_level,
                                                             # nobody to contact on loopback: no warning
                                                             "ARCHIVE_CONTACT": "loopback demo"}), demo=True)
    finally:
        for server in servers:
            server.__exit__(None, None, None)


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
    if not _archive_exists(args.db):
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
    from crawler import outcomes
    from crawler.crawl import run_reextract
    from crawler.storage import Archive

    if not _archive_exists(args.db):
        return 2
    archive = Archive(args.db)
    archived = [r[0] for r in archive.conn.execute("SELECT DISTINCT site FROM pages ORDER BY site")]
    archive.close()
    keys = [k for k in archived if k in registry()] if args.all else args.sites
    if not _known_sites(keys):
        return 2
    settings = {"LOG_LEVEL": args.log_level, **_settings(args.set)}
    code = _run_locked(args, lambda: run_reextract(keys, db=args.db, settings=settings))
    if code in (outcomes.EXIT_LOCKED, outcomes.EXIT_STORAGE, outcomes.EXIT_USAGE):
        return code
    archive = Archive(args.db)
    runs = archive.conn.execute(
        "SELECT site, articles_new, articles_changed, articles_unchanged, duplicates, skipped FROM crawl_runs "
        "WHERE kind='reextract' AND id IN (SELECT max(id) FROM crawl_runs WHERE kind='reextract' GROUP BY site) "
        f"AND site IN ({','.join('?' * len(keys))}) ORDER BY site", keys).fetchall()
    archive.close()
    print("\nre-extracted (site new changed unchanged duplicate skipped):")
    for row in runs:
        print("  " + " ".join(str(v) for v in row))
    return code


def cmd_extract(args) -> int:
    """One saved page through the crawl's own path (:func:`crawler.process.process_page`)."""
    from crawler.process import FetchedPage, process_page, unregistered_site
    from crawler.record import Skip

    if args.fetch and args.file:
        raise UsageError("give a FILE (or -) or --fetch URL, not both")
    if not args.fetch and not args.file:
        raise UsageError("give a FILE, - for standard input, or --fetch URL")
    if not args.fetch and not args.url:
        raise UsageError("--url is required with a FILE (the URL the page was fetched from)")
    if args.site and not _known_sites([args.site]):
        return 2
    content_type = None
    if args.fetch:
        from crawler.fetch import FetchError, fetch

        try:
            got = fetch(args.fetch, timeout=args.timeout)
        except FetchError as exc:
            print(f"cannot fetch {exc}", file=sys.stderr)
            return 2
        body, content_type = got.body, got.content_type
        args.url = args.url or got.url
        args.crawl_time = args.crawl_time or got.fetched_at
    elif args.file == "-":
        body = sys.stdin.buffer.read()
    else:
        path = Path(args.file)
        if path.is_dir():
            raise UsageError(f"{args.file} is a folder, not a saved page")
        try:
            body = path.read_bytes()
        except OSError as exc:
            print(f"cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    site = registry()[args.site] if args.site else unregistered_site(args.url, args.tz)
    result = process_page(FetchedPage(url=args.url, body=body, site=site, fetched_at=args.crawl_time,
                                      content_type=content_type,
                                      discovered_via=args.via or "", discovery_date=args.discovery_date))
    if isinstance(result, Skip):
        print(f"{result.outcome}: {result.reason}", file=sys.stderr)
        return 2 if result.outcome != "extract_error" else 1
    print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    return 0


def cmd_check(args) -> int:
    """The registry, then (when it exists) the archive: one line per finding; exit 0, 2 (the
    registry is wrong) or 4 (the archive is damaged)."""
    from crawler import outcomes
    from crawler.storage import check_archive

    code = outcomes.EXIT_OK
    try:
        sites = registry()
        print(f"ok       registry: {len(sites)} sites")
    except RegistryError as exc:
        print(f"error    registry: {exc}")
        code = outcomes.EXIT_USAGE
    if not Path(args.db).exists():
        print(f"note     archive {args.db}: does not exist (yet)")
        return code
    for level, message in check_archive(args.db):
        print(f"{level:8} archive {args.db}: {message}")
        if level == "damaged":
            code = outcomes.EXIT_STORAGE
    return code


def cmd_warc_migrate(args) -> int:
    """Captures kept as zlib blobs (archives from before WARC writing) into WARC files, once."""
    from crawler import outcomes
    from crawler.storage import Archive, ArchiveBusy
    from crawler.warc import migrate_captures

    if not Path(args.db).exists():
        print(f"no archive at {args.db}", file=sys.stderr)
        return 2
    try:
        archive = Archive.acquire(args.db, wait=args.wait)
    except ArchiveBusy as exc:
        print(exc, file=sys.stderr)
        return outcomes.EXIT_LOCKED
    try:
        result = migrate_captures(archive, warc_dir=args.warc_dir, drop_zlib=args.drop_zlib)
    finally:
        archive.release()
    print(f"warc-migrate: {result['migrated']} captures written to WARC files "
          f"({', '.join(result['sites']) or 'none'}); {result['already']} already had a WARC record")
    return 0




def _run_options(parser, log_level: str = "INFO") -> None:
    """Options of the commands that write the archive (crawl, reextract, demo)."""
    from crawler.outcomes import EXIT_CODES_HELP

    parser.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                        help="wait this long for another run's lock on the archive (default: exit 5 at once)")
    parser.add_argument("--log-file", help="log here, rotated at 10 MB (5 files kept), instead of stderr")
    parser.add_argument("--quiet", action="store_true", help="for cron: log errors only; print the summary "
                                                              "only when something failed")
    parser.add_argument("--log-level", default=log_level, help=f"log level (default {log_level})")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = EXIT_CODES_HELP


def build_parser() -> argparse.ArgumentParser:
    from crawler.outcomes import EXIT_CODES_HELP

    parser = argparse.ArgumentParser(prog="python -m crawler", description=__doc__, epilog=EXIT_CODES_HELP,
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
    crawl.add_argument("--redis", metavar="URL", help="distributed worker: share the frontier in Redis at URL "
                                                      "and hand pages to `python -m crawler writer` (no archive here)")
    _run_options(crawl)
    crawl.set_defaults(func=cmd_crawl)

    demo = sub.add_parser("demo", help="crawl the bundled demo sites served on 127.0.0.1")
    demo.add_argument("--db", default="archive.db")
    _run_options(demo, log_level="WARNING")
    demo.set_defaults(func=cmd_demo)

    status = sub.add_parser("status", help="what the archive holds")
    status.add_argument("--db", default="archive.db")
    status.set_defaults(func=cmd_status)

    extract = sub.add_parser("extract", help="extract one saved HTML page as JSON (the crawl's own path)")
    extract.add_argument("file", nargs="?", help="the saved page (bytes as served), or - for standard input")
    extract.add_argument("--url", help="the URL the page was fetched from (required with FILE; "
                                       "with --fetch, the final URL by default)")
    extract.add_argument("--fetch", metavar="URL", help="fetch the page once (project User-Agent, robots.txt "
                                                         "obeyed) instead of reading a FILE")
    extract.add_argument("--timeout", type=float, default=20.0, help="--fetch timeout in seconds (default 20)")
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
    _run_options(reextract)
    reextract.set_defaults(func=cmd_reextract)

    check = sub.add_parser("check", help="validate the registry and the archive (exit 0, 2: registry, 4: archive)")
    check.add_argument("--db", default="archive.db")
    check.set_defaults(func=cmd_check)

    from crawler.dates import cli as date_cli

    date = sub.add_parser("date", help="normalise one date string", description=date_cli.DESCRIPTION)
    date_cli.add_arguments(date)
    date.set_defaults(func=date_cli.run)

    from crawler import export, report

    export.add_parser(sub)
    report.add_parser(sub)
    _search_parser(sub)

    migrate = sub.add_parser("warc-migrate", help="write an older archive's zlib captures into WARC files, once")
    migrate.add_argument("--db", default="archive.db")
    migrate.add_argument("--warc-dir", help="where the WARC files go (default: <db>.warcs)")
    migrate.add_argument("--drop-zlib", action="store_true",
                         help="clear each blob once its WARC record is read back equal (VACUUM to reclaim the space)")
    migrate.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                         help="wait this long for another run's lock on the archive")
    migrate.set_defaults(func=cmd_warc_migrate)

    writer = sub.add_parser("writer", help="distributed mode: drain the workers' pages from Redis into the archive")
    writer.add_argument("--redis", required=True, metavar="URL")
    writer.add_argument("--db", default="archive.db")
    writer.add_argument("--until-idle", type=float, metavar="SECONDS",
                        help="exit once nothing has arrived for this long (default: run until SIGTERM)")
    writer.add_argument("--batch", type=int, default=500, help="messages per transaction (default 500)")
    writer.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                        help="wait this long for another run's lock on the archive")
    writer.add_argument("--log-file", help="log here instead of stderr")
    writer.add_argument("--log-level", default="INFO")
    writer.set_defaults(func=cmd_writer)

    recover = sub.add_parser("recover", help="distributed mode: re-enqueue article requests killed workers lost")
    recover.add_argument("--redis", required=True, metavar="URL")
    recover.set_defaults(func=cmd_recover)

    return parser


def _search_parser(sub) -> None:
    search = sub.add_parser("search", help="the newest articles matching a query, in any script (docs/search.md)")
    search.add_argument("query", nargs="+", help='words (any script, any suffix); "a phrase"; a OR b; -word')
    search.add_argument("--db", default="archive.db")
    search.add_argument("--site", help="only this site (registry key)")
    search.add_argument("--lang", help="only this language: kk (both scripts), kk-Latn, ru")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(func=cmd_search)


def cmd_search(args) -> int:
    """Newest matches first: date, site, language, title, URL, one line each."""
    import sqlite3

    from crawler.search import find

    if not Path(args.db).is_file():
        print(f"no archive at {args.db}", file=sys.stderr)
        return 2
    conn = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
    try:
        has_index = conn.execute("SELECT 1 FROM sqlite_master WHERE name='articles_search'").fetchone()
    except sqlite3.DatabaseError as exc:
        print(f"{args.db}: {exc}", file=sys.stderr)
        return 2
    if not has_index:      # an archive from before the search index: build it once (a write)
        conn.close()
        from crawler.storage import Archive

        print(f"building the search index of {args.db} (once)...", file=sys.stderr)
        Archive(args.db).close()
        conn = sqlite3.connect(f"file:{Path(args.db).resolve()}?mode=ro", uri=True)
    rows = find(conn, " ".join(args.query), site=args.site, language=args.lang, limit=max(1, args.limit))
    conn.close()
    for r in rows:
        print(f"{(r['published'] or '')[:16]:16}  {r['site']}  {r['language'] or '-'}  {r['title']}  {r['url']}")
    if not rows:
        print("no matches", file=sys.stderr)
    return 0


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command != "check":      # `check` reports a bad registry among its findings
            registry()                   # every command refuses a bad registry before it starts
        return args.func(args)
    except UsageError as exc:
        print(f"python -m crawler {args.command}: {exc}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:   # e.g. --db names a file that is not an SQLite archive
        print(f"python -m crawler {args.command}: cannot read the archive: {exc}", file=sys.stderr)
        return 2
    except RegistryError as exc:
        print(f"bad site registry: {exc}", file=sys.stderr)
        return 2
