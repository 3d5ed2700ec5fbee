"""Crawls of a server that fails in every way we know (``tests/faultserver.py``), with the real engine.

Each fault is one article URL of a site shaped like the registry's ``zhetysu-gazeti`` entry,
fetched through ``--host-map``. Every URL must end with a ``pages`` row of the right outcome, the
crawl must finish (exit 3: failed pages, never 1) within its time bound, and the good articles on
the same site must be stored with their text intact. Politeness is read off the server's clock:
Retry-After and Crawl-delay waits, robots.txt that fails or stalls.

``FAULTS`` is also the source of docs/reliability.md's table: ``python -m tests.test_faults``
prints it (how many times each fault is injected by this suite, and what the crawler makes of it).
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO, rows
from tests.faultserver import (ARTICLE_PREFIX, KK_PARAGRAPHS, RU_PARAGRAPHS, SITE, Fault, FaultServer,
                               article_html, drip_handler, gzip_bomb, reset_handler, stall_handler, streamed)

pytestmark = pytest.mark.e2e

HTML = {"Content-Type": "text/html; charset=utf-8"}
MAXSIZE = 256 * 1024            # DOWNLOAD_MAXSIZE of the main crawl: a good article is ~3 KB
TIMEOUT = 2                     # DOWNLOAD_TIMEOUT of the main crawl (seconds)
CRAWL_BOUND = 120               # no crawl of this module may take longer (seconds)


def a(path: str) -> str:
    return ARTICLE_PREFIX + path + "/"


def page(key: str, **kw) -> bytes:
    return article_html(key, **kw).encode("utf-8")


def _redirect(to: str, status: int = 301) -> Fault:
    return Fault(status=status, headers={"Location": to, **HTML}, body=b"")


def _chain(name: str, hops: int, end: str) -> dict[str, Fault]:
    """``hops`` redirects name-0 -> name-1 -> ... -> ``end``; only the first is listed."""
    out = {}
    for i in range(hops):
        nxt = a(f"{name}-{i + 1}") if i + 1 < hops else end
        out[a(f"{name}-{i}" if i else name)] = _redirect(nxt)
        if i:
            out[a(f"{name}-{i}")].article = False
    return out


def _charset_page(key: str, encoding: str, *, meta: str | None, header: str | None,
                  bom: bool = False) -> Fault:
    body = article_html(key, lang="ru", charset=meta).encode(encoding)
    if bom:
        body = b"\xef\xbb\xbf" + body
    ctype = "text/html" + (f"; charset={header}" if header else "")
    return Fault(headers={"Content-Type": ctype}, body=body)


def _invalid_utf8(key: str) -> bytes:
    body = page(key)
    return body.replace("библиотека".encode(), "библиотека".encode() + b"\xff\xfe\xc3\x28\x80", 1)


def main_faults() -> dict[str, Fault]:
    gz_page = gzip.compress(page("truncated-gzip"))
    ok_kk = page("ok-kk", lang="kk")
    reset_mid = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 9000\r\n\r\n"
                 + page("reset-mid-body")[:1500])
    faults = {
        a("ok-ru"): Fault(body=page("ok-ru")),
        a("ok-kk"): Fault(body=ok_kk),
        a("http-404"): Fault(status=404, body=b"<html><body>not found</body></html>"),
        a("http-500"): Fault(status=500, body=b"<html><body>error</body></html>"),
        a("burst-5xx"): Fault(body=page("burst-5xx"), fail_first=2, fail_status=503),
        a("retry-after-429"): Fault(body=page("retry-after-429"), fail_first=1, fail_status=429,
                                     fail_headers={"Retry-After": "2"}),
        a("retry-after-503"): Fault(body=page("retry-after-503"), fail_first=1, fail_status=503,
                                     fail_headers={"Retry-After": "1"}),
        a("retry-after-too-long"): Fault(body=page("retry-after-too-long"), fail_first=99, fail_status=429,
                                          fail_headers={"Retry-After": "3600"}),
        a("timeout"): Fault(handler=stall_handler(TIMEOUT * 3)),
        a("slow-drip-ok"): Fault(handler=drip_handler(page("slow-drip-ok"), every=0.1, chunk=1024)),
        a("slow-drip-timeout"): Fault(handler=drip_handler(page("slow-drip-timeout"), every=0.5, chunk=64)),
        a("reset-in-headers"): Fault(handler=reset_handler(b"HTTP/1.1 200 OK\r\nContent-Ty")),
        a("reset-mid-body"): Fault(handler=reset_handler(reset_mid)),
        a("truncated-gzip"): Fault(headers={"Content-Encoding": "gzip", **HTML}, body=gz_page[:len(gz_page) * 2 // 3]),
        a("gzip-ok"): Fault(headers={"Content-Encoding": "gzip", **HTML}, body=gzip.compress(page("gzip-ok"))),
        a("gzip-bomb"): Fault(headers={"Content-Encoding": "gzip", **HTML}, body=gzip_bomb(MAXSIZE * 8)),
        a("too-large"): Fault(body=b"<html><body>" + b"<p>x</p>" * (MAXSIZE // 8 + 100) + b"</body></html>"),
        a("too-large-chunked"): Fault(body=streamed(MAXSIZE * 4)),
        a("redirect-loop"): _redirect(a("redirect-loop-b")),
        a("redirect-loop-b"): Fault(status=302, headers={"Location": a("redirect-loop"), **HTML}, article=False),
        a("redirect-self"): _redirect(a("redirect-self")),
        **_chain("redirect-chain-long", 25, a("ok-ru")),
        **_chain("redirect-chain-ok", 3, a("moved-target")),
        a("moved-target"): Fault(body=page("moved-target"), article=False),
        a("redirect-offsite"): _redirect("https://elsewhere.example/news/moved/"),
        a("redirect-offsite-hop"): _redirect(a("redirect-offsite")),
        a("binary-png"): Fault(body=b"\x89PNG\r\n\x1a\n" + os.urandom(4000)),
        a("binary-random"): Fault(body=bytes(range(256)) * 16),
        a("pdf"): Fault(headers={"Content-Type": "application/pdf"}, body=b"%PDF-1.4\n" + b"0" * 500),
        a("cp1251-labelled"): _charset_page("cp1251-labelled", "cp1251", meta="windows-1251", header="windows-1251"),
        a("cp1251-meta-only"): _charset_page("cp1251-meta-only", "cp1251", meta="windows-1251", header=None),
        a("cp1251-unlabelled"): _charset_page("cp1251-unlabelled", "cp1251", meta=None, header=None),
        a("cp1251-mislabelled-utf8"): _charset_page("cp1251-mislabelled-utf8", "cp1251", meta="utf-8", header="utf-8"),
        a("koi8r-labelled"): _charset_page("koi8r-labelled", "koi8_r", meta="koi8-r", header="koi8-r"),
        a("koi8r-unlabelled"): _charset_page("koi8r-unlabelled", "koi8_r", meta=None, header=None),
        a("utf8-bom"): _charset_page("utf8-bom", "utf-8", meta=None, header=None, bom=True),
        a("utf8-mislabelled-cp1251"): _charset_page("utf8-mislabelled-cp1251", "utf-8", meta="windows-1251",
                                                     header="windows-1251"),
        a("utf8-invalid-bytes"): Fault(body=_invalid_utf8("utf8-invalid-bytes")),
        a("nul-bytes"): Fault(body=page("nul-bytes", nul=True)),
        a("deep-nesting"): Fault(body=page("deep-nesting", nesting=10_000)),
        a("robots-disallowed"): Fault(body=page("robots-disallowed")),
    }
    return faults


ROBOTS = Fault(headers={"Content-Type": "text/plain"}, article=False,
               body=b"User-agent: *\nDisallow: /2024/12/01/robots-disallowed/\n")

# URL -> the pages.outcome it must end with (and the HTTP status where there is one).
EXPECTED = {
    "ok-ru": "article", "ok-kk": "article", "http-404": ("http_error", 404), "http-500": ("http_error", 500),
    "burst-5xx": "article", "retry-after-429": "article", "retry-after-503": "article",
    "retry-after-too-long": ("http_error", 429), "timeout": "timeout", "slow-drip-ok": "article",
    "slow-drip-timeout": "timeout", "reset-in-headers": "network_error", "reset-mid-body": "network_error",
    "truncated-gzip": "network_error", "gzip-ok": "article", "gzip-bomb": "too_large", "too-large": "too_large",
    "too-large-chunked": "too_large", "redirect-loop": "redirect_loop", "redirect-self": "redirect_loop",
    "redirect-chain-long": "too_many_redirects", "redirect-offsite": "off_site_redirect",
    "redirect-offsite-hop": "off_site_redirect", "binary-png": "not_html", "binary-random": "not_html",
    "pdf": "not_html", "robots-disallowed": "robots",
    # decoded and stored: see test_good_articles_are_stored_with_their_text
    "cp1251-labelled": "article", "cp1251-meta-only": "article", "koi8r-labelled": "article",
    "cp1251-unlabelled": "article", "koi8r-unlabelled": "article",
    "utf8-bom": "article", "utf8-mislabelled-cp1251": "article", "utf8-invalid-bytes": "article",
    # cp1251 bytes under a UTF-8 label (detected), stray NUL bytes near the top (dropped), a body
    # 10,000 <div>s deep (read without recursion): each one correct article
    "cp1251-mislabelled-utf8": "article", "nul-bytes": "article", "deep-nesting": "article",
}
# A chain that ends on the same site is followed: the page is recorded at its final URL.
REDIRECTED = {"redirect-chain-ok": "moved-target"}


def crawl(*host_maps: tuple[str, str], db, settings: dict, timeout: float = CRAWL_BOUND) -> tuple[subprocess.CompletedProcess, float]:
    cmd = [sys.executable, "-m", "crawler", "crawl", "zhetysu-gazeti", "--db", str(db), "--loopback",
           "-s", "LOG_LEVEL=INFO", "-s", "EXTRACT_WORKERS=0"]
    for src, dst in host_maps:
        cmd += ["--host-map", f"{src}={dst}"]
    for name, value in settings.items():
        cmd += ["-s", f"{name}={value}"]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=timeout)
    return proc, time.monotonic() - started


@pytest.fixture(scope="module")
def main_crawl(tmp_path_factory):
    db = tmp_path_factory.mktemp("faults") / "archive.db"
    with FaultServer(main_faults(), robots=ROBOTS, max_stall=TIMEOUT * 3) as server:
        proc, took = crawl((SITE, server.base_url), db=db, settings={
            "DOWNLOAD_TIMEOUT": TIMEOUT, "DOWNLOAD_MAXSIZE": MAXSIZE, "DOWNLOAD_WARNSIZE": 0,
            "RETRY_AFTER_MAX": 10})
    pages = {r["url"]: r for r in rows(db, "select url, outcome, reason, http_status from pages")}
    return {"proc": proc, "took": took, "server": server, "db": db, "pages": pages}


def url(key: str) -> str:
    return SITE + a(key)


def test_the_crawl_finishes_with_exit_3_not_a_crash_or_a_hang(main_crawl):
    proc = main_crawl["proc"]
    assert proc.returncode == 3, proc.stderr[-4000:]
    assert "Traceback" not in proc.stderr
    assert main_crawl["took"] < 60


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_every_fault_url_has_a_pages_row_with_its_outcome(main_crawl, key):
    want = EXPECTED[key]
    outcome, status = want if isinstance(want, tuple) else (want, None)
    row = main_crawl["pages"].get(url(key))
    assert row is not None, f"no pages row for {key}"
    assert row["outcome"] == outcome, row
    if status:
        assert row["http_status"] == status
    if outcome not in ("article", "robots"):
        assert row["reason"], row


def test_robots_is_only_what_robots_txt_forbade(main_crawl):
    robots = [u for u, r in main_crawl["pages"].items() if r["outcome"] == "robots"]
    assert robots == [url("robots-disallowed")]
    assert main_crawl["server"].hits(a("robots-disallowed")) == 0


def test_every_listed_url_ends_with_a_row(main_crawl):
    listed = [p for p, f in main_faults().items() if f.article]
    missing = [p for p in listed if SITE + p not in main_crawl["pages"]
               and p.strip("/").split("/")[-1] not in REDIRECTED]
    assert missing == []


def test_reasons_say_what_happened(main_crawl):
    pages = main_crawl["pages"]
    assert "elsewhere.example/news/moved/" in pages[url("redirect-offsite")]["reason"]
    assert "elsewhere.example" in pages[url("redirect-offsite-hop")]["reason"]
    assert "redirect-loop-b" in pages[url("redirect-loop")]["reason"]
    assert "REDIRECT_MAX_TIMES" in pages[url("redirect-chain-long")]["reason"]
    assert "DOWNLOAD_MAXSIZE" in pages[url("gzip-bomb")]["reason"]
    assert "DOWNLOAD_MAXSIZE" in pages[url("too-large")]["reason"]
    assert "gzip" in pages[url("truncated-gzip")]["reason"]
    assert "PNG" in pages[url("binary-png")]["reason"]
    assert "Retry-After 3600" in pages[url("retry-after-too-long")]["reason"]


def test_a_same_site_redirect_chain_is_followed(main_crawl):
    assert main_crawl["pages"][url("moved-target")]["outcome"] == "article"
    assert rows(main_crawl["db"], "select count(*) n from articles where canonical_url = ?",
                (url("moved-target"),)) == [{"n": 1}]
    # the URL asked for says where it went, with the first redirect's status
    asked = main_crawl["pages"][url("redirect-chain-ok")]
    assert asked["outcome"] == "article" and asked["reason"] == f"redirected to {url('moved-target')}"
    assert asked["http_status"] in (301, 302, 303, 307, 308)


def test_one_log_line_per_failed_page(main_crawl):
    """``Skipped: <outcome>: <reason> <url>`` at WARNING, and nothing else about that page
    (Scrapy's own warnings about sizes and data loss are demoted to DEBUG); never the page."""
    err = main_crawl["proc"].stderr
    for key in ("gzip-bomb", "too-large", "too-large-chunked", "redirect-loop", "timeout", "binary-png",
                "reset-mid-body", "http-500", "truncated-gzip"):
        lines = [line for line in err.splitlines() if url(key) in line]
        assert len(lines) == 1 and "WARNING: Skipped: " in lines[0], lines
    assert max(len(line) for line in err.splitlines()) < 2000


def test_retries_and_retry_after(main_crawl):
    server = main_crawl["server"]
    assert server.hits(a("http-500")) == 3                   # RETRY_TIMES = 2
    assert server.hits(a("burst-5xx")) == 3                  # 503, 503, 200
    assert server.hits(a("retry-after-too-long")) == 1       # 3600 s > RETRY_AFTER_MAX: not retried now
    for key, wait in (("retry-after-429", 2), ("retry-after-503", 1)):
        first, second = server.times(a(key))[:2]
        assert second - first >= wait - 0.05, (key, second - first)
    # the wait holds only its request: the rest of the crawl went on meanwhile
    t429 = server.times(a("retry-after-429"))
    assert any(t429[0] < t < t429[1] for t in server.times(a("ok-ru")) + server.times(a("slow-drip-ok"))
               + server.times(a("timeout")) + server.times(a("http-500")))


def test_good_articles_are_stored_with_their_text(main_crawl):
    db = main_crawl["db"]
    stored = {r["canonical_url"]: r for r in rows(db, "select canonical_url, title, body_text from articles")}
    for key in [k for k, v in EXPECTED.items() if v == "article"]:
        row = stored.get(url(key))
        assert row is not None, f"{key} not stored"
        paragraphs = KK_PARAGRAPHS if key == "ok-kk" else RU_PARAGRAPHS
        for p in paragraphs:
            assert f"{key}: {p}" in row["body_text"], (key, p[:40], row["body_text"][:300])
        assert "\ufffd" not in row["title"]
    # Invalid bytes in a UTF-8 page cost those bytes only, never the page's encoding.
    assert "открылась" in stored[url("utf8-invalid-bytes")]["body_text"]


# --- spider traps ------------------------------------------------------------------------------------
def test_a_spider_trap_stops_at_the_discovery_limit(tmp_path):
    """Sitemap indexes that each name the next, and listing pages that each link the next, 300 deep:
    the crawl requests at most MAX_DISCOVERY_PAGES of them, says so once, archives what they led
    to, and exits 3 (it may have missed articles)."""
    xml = {"Content-Type": "application/xml"}
    sm = '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</sitemapindex>'
    urlset = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'
    loc = "<sitemap><loc>{}</loc></sitemap>"
    faults = {"/wp-sitemap.xml": Fault(headers=xml, article=False, body=sm.format(loc.format(SITE + "/trap/sm-1.xml")).encode())}
    for n in range(1, 301):
        faults[f"/trap/sm-{n}.xml"] = Fault(headers=xml, article=False, body=sm.format(
            loc.format(f"{SITE}/trap/sm-{n + 1}.xml") + loc.format(f"{SITE}/trap/urls-{n}.xml")).encode())
        faults[f"/trap/urls-{n}.xml"] = Fault(headers=xml, article=False, body=urlset.format(
            f"<url><loc>{SITE}{a(f'trap-{n}')}</loc></url>").encode())
        faults[a(f"trap-{n}")] = Fault(body=page(f"trap-{n}"), article=False)
        listing = "/category/zhanalyqtar/" + (f"page/{n}/" if n > 1 else "")
        faults[listing] = Fault(article=False, body=(
            f'<html><head><link rel="next" href="/category/zhanalyqtar/page/{n + 1}/"></head>'
            f"<body><h1>News</h1><p>Page {n}.</p></body></html>").encode())
    with FaultServer(faults) as server:
        proc, _ = crawl((SITE, server.base_url), db=tmp_path / "a.db", settings={
            "MAX_DISCOVERY_PAGES": 40, "MAX_LISTING_PAGES": 1000})
    assert proc.returncode == 3, proc.stderr[-3000:]
    assert proc.stderr.count("discovery stopped after 40 sitemaps and listing pages") == 1
    discovery = [p for _, p, _ in server.log if p.startswith(("/trap/", "/category/"))]
    # the registry's listing is not counted; every other sitemap and listing page is
    assert len(discovery) - 1 == 40 and len(discovery) == len(set(discovery))
    archived = rows(tmp_path / "a.db", "select count(*) n from articles")[0]["n"]
    assert archived == sum(p.startswith("/trap/urls-") for p in discovery) > 0


# --- politeness --------------------------------------------------------------------------------------
def test_crawl_delay_is_honoured(tmp_path):
    faults = {a(f"delay-{i}"): Fault(body=page(f"delay-{i}")) for i in range(4)}
    robots = Fault(headers={"Content-Type": "text/plain"}, article=False,
                   body=b"User-agent: *\nCrawl-delay: 1\nDisallow: /wp-admin/\n")
    with FaultServer(faults, robots=robots) as server:
        proc, _ = crawl((SITE, server.base_url), db=tmp_path / "a.db", settings={})
    assert proc.returncode == 0, proc.stderr[-3000:]
    times = sorted(t for t, p, _ in server.log if p != "/robots.txt")
    assert len(times) == 7                                  # sitemap, feed, listing, 4 articles
    gaps = [b - a_ for a_, b in zip(times, times[1:])]
    assert min(gaps) >= 0.95, gaps
    assert rows(tmp_path / "a.db", "select count(*) n from articles") == [{"n": 4}]


def test_crawl_delay_is_capped(tmp_path):
    faults = {a(f"cap-{i}"): Fault(body=page(f"cap-{i}")) for i in range(2)}
    robots = Fault(headers={"Content-Type": "text/plain"}, article=False, body=b"User-agent: *\nCrawl-delay: 3600\n")
    with FaultServer(faults, robots=robots) as server:
        proc, took = crawl((SITE, server.base_url), db=tmp_path / "a.db", settings={"CRAWL_DELAY_MAX": 0.5})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "capped at CRAWL_DELAY_MAX" in proc.stderr
    times = sorted(t for t, p, _ in server.log if p != "/robots.txt")
    assert min(b - a_ for a_, b in zip(times, times[1:])) >= 0.45


def test_robots_txt_500_disallows_the_whole_site(tmp_path):
    faults = {a("r500"): Fault(body=page("r500"))}
    robots = Fault(status=500, headers={"Content-Type": "text/plain"}, body=b"oops", article=False)
    with FaultServer(faults, robots=robots) as server:
        proc, _ = crawl((SITE, server.base_url), db=tmp_path / "a.db", settings={})
    assert server.requested() == {"/robots.txt"}             # nothing fetched but robots.txt
    assert server.hits("/robots.txt") == 2                   # ROBOTSTXT_RETRY_TIMES = 1
    assert proc.returncode == 3                              # the run says the site was not crawled
    assert "robots.txt unavailable (HTTP 500)" in proc.stderr
    assert "zhetysu-gazeti: " in proc.stderr and "robots.txt unavailable on 1 host(s)" in proc.stderr


def test_robots_rules_hold_for_the_requests_that_waited_for_robots_txt(tmp_path):
    """The sitemap, the feed and the listing all wait for robots.txt at the start; each of them
    must get the rules (awaited on one shared Deferred, all but the first got None: allow all)."""
    faults = {a("rules-1"): Fault(body=page("rules-1"))}
    robots = Fault(headers={"Content-Type": "text/plain"}, article=False,
                   body=b"User-agent: *\nDisallow: /feed/\nDisallow: /category/\n")
    with FaultServer(faults, robots=robots) as server:
        proc, _ = crawl((SITE, server.base_url), db=tmp_path / "a.db", settings={})
    assert server.hits("/feed/") == server.hits("/category/zhanalyqtar/") == 0
    assert server.hits(a("rules-1")) == 1
    assert proc.returncode == 0, proc.stderr[-3000:]       # what robots.txt forbids is no failure


def test_robots_txt_404_allows_everything(tmp_path):
    faults = {a("r404"): Fault(body=page("r404"))}
    robots = Fault(status=404, body=b"<html>404</html>", article=False)
    with FaultServer(faults, robots=robots) as server:
        proc, _ = crawl((SITE, server.base_url), db=tmp_path / "a.db", settings={})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert server.hits(a("r404")) == 1


def test_unavailable_robots_txt_refuses_only_its_own_host_as_robots_rows(tmp_path):
    """The site's articles on a second host (a subdomain) whose robots.txt answers 503 or never:
    those are `robots` rows saying robots.txt was unavailable; the main host's articles are
    fetched meanwhile, and the stall costs at most ROBOTSTXT_TIMEOUT x (1 + retries)."""
    sub = "https://ru.zhetysu-gazeti.kz"
    for robots, label in ((Fault(status=503, body=b"busy", article=False), "HTTP 503"),
                          (Fault(handler=stall_handler(), article=False), "unreachable")):
        sub_server = FaultServer({a("sub-1"): Fault(body=page("sub-1"))}, robots=robots, max_stall=30).start()
        main = {a("main-1"): Fault(body=page("main-1")), a("main-2"): Fault(body=page("main-2"))}
        main_server = FaultServer(main).start()
        # the main host's sitemap lists the subdomain's article too
        main_server.faults["/wp-sitemap.xml"].body = main_server.faults["/wp-sitemap.xml"].body.replace(
            b"</urlset>", f"<url><loc>{sub}{a('sub-1')}</loc></url></urlset>".encode())
        db = tmp_path / f"{label.split()[0]}.db"
        try:
            proc, took = crawl((SITE, main_server.base_url), (sub, sub_server.base_url), db=db,
                               settings={"ROBOTSTXT_TIMEOUT": 2})
        finally:
            sub_server.stop()
            main_server.stop()
        pages = {r["url"]: r for r in rows(db, "select url, outcome, reason from pages")}
        assert pages[sub + a("sub-1")]["outcome"] == "robots"
        assert label in pages[sub + a("sub-1")]["reason"] and "RFC 9309" in pages[sub + a("sub-1")]["reason"]
        assert sub_server.hits(a("sub-1")) == 0
        assert pages[SITE + a("main-1")]["outcome"] == pages[SITE + a("main-2")]["outcome"] == "article"
        assert took < 2 * 2 + 25                              # 2 robots.txt tries of 2 s, plus start-up
        # robots.txt unavailable is not the site's wish, it is a host left uncrawled: the run says so
        assert proc.returncode == 3 and "robots.txt unavailable on 1 host(s)" in proc.stderr


def test_user_agent_names_the_contact(tmp_path):
    seen = []

    def record_ua(h, srv):
        seen.append(h.headers.get("User-Agent"))
        h.send_response(404)
        h.send_header("Content-Length", "0")
        h.end_headers()

    for contact in ("", "mailto:archive@example.org"):
        seen.clear()
        with FaultServer({}, robots=Fault(handler=record_ua, article=False)) as server:
            settings = {"ARCHIVE_CONTACT": contact} if contact else {}
            proc, _ = crawl((SITE, server.base_url), db=tmp_path / "ua.db", settings=settings)
        if contact:
            assert seen == ["kz-news-archive/0.1 (+mailto:archive@example.org)"]
            assert "ARCHIVE_CONTACT is not set" not in proc.stderr
        else:
            assert seen == ["kz-news-archive/0.1 (contact not set)"]
            assert proc.stderr.count("ARCHIVE_CONTACT is not set") == 1


def test_a_real_50_mb_response_is_refused_as_too_large(tmp_path):
    """50 MB streamed (chunked, no length) under the default DOWNLOAD_MAXSIZE (16 MiB), and 50 MB
    announced by Content-Length: both cut off, the crawl goes on."""
    size = 50 * 1024 * 1024
    announced = Fault(handler=None, headers={"Content-Length": str(size), **HTML}, body=streamed(size))
    faults = {a("fifty-mb-stream"): Fault(body=streamed(size)), a("fifty-mb-announced"): announced,
              a("after-fifty"): Fault(body=page("after-fifty"))}
    with FaultServer(faults) as server:
        proc, took = crawl((SITE, server.base_url), db=tmp_path / "a.db", settings={})
    pages = {r["url"]: r["outcome"] for r in rows(tmp_path / "a.db", "select url, outcome from pages")}
    assert pages[url("fifty-mb-stream")] == "too_large"
    assert pages[url("fifty-mb-announced")] == "too_large"
    assert pages[url("after-fifty")] == "article"
    assert proc.returncode == 3 and took < 60


def test_sigterm_does_not_wait_out_a_long_retry_after(tmp_path):
    """A 429 asking for 200 s (under RETRY_AFTER_MAX): the retry waits, but a SIGTERM stops the
    crawl at once (143), not 200 s later."""
    import signal

    faults = {a("long-wait"): Fault(body=page("long-wait"), fail_first=99, fail_status=429,
                                    fail_headers={"Retry-After": "200"})}
    with FaultServer(faults) as server:
        cmd = [sys.executable, "-m", "crawler", "crawl", "zhetysu-gazeti", "--db", str(tmp_path / "a.db"),
               "--loopback", "--host-map", f"{SITE}={server.base_url}", "-s", "EXTRACT_WORKERS=0"]
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while server.hits(a("long-wait")) == 0 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert server.hits(a("long-wait")) == 1
            time.sleep(0.5)
            stopped = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 128 + signal.SIGTERM
        assert time.monotonic() - stopped < 15
        assert server.hits(a("long-wait")) == 1          # never retried early
