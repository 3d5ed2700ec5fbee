"""The bundled demo sites: truth.json agrees with the served bytes, and the server behaves.

Every check parses the *rendered bytes* with lxml (as Scrapy does), independently of the content
data the pages were generated from, so a theme change that moves a paragraph or leaks a chrome
string into the body fails here.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.error
import urllib.request
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import lxml.etree as etree
import lxml.html
import pytest

from crawler.demo import DEMO_SITES, DemoServer, build_site, load_truth, resources_from_dir

TRUTH = load_truth()
SITES = {key: build_site(key) for key in DEMO_SITES}
ARTICLES = TRUTH["articles"]
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _cls(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def charset_of(content_type: str) -> str:
    m = re.search(r"charset=([\w-]+)", content_type)
    return m.group(1) if m else "utf-8"


def page(article: dict):
    res = SITES[article["site"]][article["path"]]
    return lxml.html.document_fromstring(res.body.decode(charset_of(res.content_type)))


def body_container(doc, article: dict):
    """Where the article body lives, per theme."""
    cms = TRUTH["sites"][article["site"]]["cms"]
    if cms == "jnews":
        xpath = f"//div[{_cls('entry-content')}]//div[{_cls('content-inner')}]"
    elif article["special"] == "cloud_template":
        xpath = f"//div[{_cls('tdb_single_content')}]/div[{_cls('tdb-block-inner')}]"
    else:
        xpath = f"//div[{_cls('td-post-content')}]"
    found = doc.xpath(xpath)
    assert len(found) == 1, f"{article['path']}: {len(found)} body containers"
    return found[0]


def body_ps(container) -> list:
    """``<p>`` elements of the body that are not inside an ad block or a figure."""
    out = []
    for p in container.iter("p"):
        anc = [a for a in p.iterancestors() if a is not container]
        if any(a.tag == "figure" or re.search(r"\b(td-a-rec|jeg_ad)\b", a.get("class", "")) for a in anc):
            continue
        out.append(p)
    return out


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def visible_text_outside_body(doc, article: dict) -> str:
    """Document text without script/style and without the truth paragraphs and captions."""
    doc = lxml.html.document_fromstring(lxml.html.tostring(doc, encoding="unicode"))
    for el in doc.xpath("//script|//style|//noscript"):
        el.drop_tree()
    container = body_container(doc, article)
    wanted = set(article["body_paragraphs"])
    for p in body_ps(container):
        if p.text_content() in wanted:
            p.drop_tree()
    for cap in container.iter("figcaption"):
        cap.drop_tree()
    return norm(doc.text_content())


# ---------------------------------------------------------------------------------------------
# truth.json itself


def test_public_interface():
    assert DEMO_SITES == {"demo-tagdiv": "https://zhuldyz-gazeti.test", "demo-jnews": "https://dala-habar.test"}
    assert set(TRUTH) == {"sites", "articles", "not_crawled", "skipped"}
    assert {k: v["base_url"] for k, v in TRUTH["sites"].items()} == DEMO_SITES


def test_truth_file_is_up_to_date():
    from crawler.demo.truth import dumps, make_truth

    assert dumps(make_truth()) == dumps(TRUTH), "run: python -m crawler.demo.truth"


def test_article_mix():
    langs = [a["language"] for a in ARTICLES]
    assert len(ARTICLES) >= 14
    assert langs.count("kk") >= 6 and langs.count("kk-Latn") >= 3 and langs.count("ru") >= 4
    early = [a for a in ARTICLES if datetime.fromisoformat(a["published"]) < datetime(2024, 3, 1, tzinfo=timezone.utc)]
    assert early and len(early) < len(ARTICLES) / 2
    specials = {a["special"] for a in ARTICLES}
    assert {"tracking_duplicate", "windows-1251", "retry_500", "malformed", "cloud_template"} <= specials
    assert {s["reason"] for s in TRUTH["skipped"]} == {"not_article", "truncated", "404"}
    assert [n["reason"] for n in TRUTH["not_crawled"]] == ["robots"]
    assert any(a["captions"] for a in ARTICLES)
    assert all(2 <= len(a["body_paragraphs"]) <= 8 for a in ARTICLES)


def test_offsets_follow_asia_almaty():
    zoneinfo = pytest.importorskip("zoneinfo")
    zone = zoneinfo.ZoneInfo("Asia/Almaty")
    if datetime(2024, 6, 1, tzinfo=zone).utcoffset().total_seconds() != 5 * 3600:
        pytest.skip("tzdata older than 2024a")
    for a in ARTICLES:
        for key in ("published", "modified"):
            value = datetime.fromisoformat(a[key])
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", a[key])
            assert value.utcoffset() == value.astimezone(zone).utcoffset(), (a["url"], key)


# ---------------------------------------------------------------------------------------------
# truth against the rendered pages


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["path"])
def test_body_paragraphs_are_exactly_the_page_paragraphs(article):
    doc = page(article)
    container = body_container(doc, article)
    chrome = set(article["must_not_contain"])
    texts = [p.text_content() for p in body_ps(container)]
    texts = [t for t in texts if t.strip("\xa0 \n\t") and t not in chrome]
    assert texts == article["body_paragraphs"]
    assert [c.text_content() for c in container.iter("figcaption")] == article["captions"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["path"])
def test_chrome_strings_are_on_the_page_and_not_in_the_body(article):
    doc = page(article)
    outside = visible_text_outside_body(doc, article)
    content = article["body_paragraphs"] + article["captions"]
    assert len(article["must_not_contain"]) >= 20
    for s in article["must_not_contain"]:
        assert norm(s) in outside, f"chrome string not visible outside the body: {s!r}"
        assert not any(s in text for text in content), f"chrome string inside the body: {s!r}"


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a["path"])
def test_metadata_on_the_page(article):
    doc = page(article)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    assert meta["article:published_time"] == article["published"]
    assert meta["article:modified_time"] == article["modified"]
    assert meta["og:type"] == "article" and meta["og:url"] == article["url"]
    assert meta["author"] == article["authors"][0]
    assert doc.xpath("//link[@rel='canonical']/@href") == [article["url"]]
    graph = json.loads(doc.xpath("//script[@type='application/ld+json']/text()")[0])["@graph"]
    node = next(n for n in graph if n["@type"] in ("Article", "NewsArticle"))
    assert (node["datePublished"], node["dateModified"]) == (article["published"], article["modified"])
    assert node["headline"] == article["title"] and node["author"]["name"] == article["authors"][0]
    h1 = doc.xpath("//h1")
    assert [norm(h.text_content()) for h in h1] == [article["title"]]
    if TRUTH["sites"][article["site"]]["cms"] == "tagdiv":
        header = "tdb_single_date" if article["special"] == "cloud_template" else "td-post-header"
        times = doc.xpath(f"//div[{_cls(header)}]//time/@datetime")
        assert times == [article["published"]]
        assert len(doc.xpath("//time")) > 1, "the sidebar repeats the time markup for other posts"


def test_windows_1251_page():
    (article,) = [a for a in ARTICLES if a["special"] == "windows-1251"]
    res = SITES[article["site"]][article["path"]]
    assert res.content_type == "text/html; charset=windows-1251"
    text = res.body.decode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        res.body.decode("utf-8")
    assert text.index("<title>") < text.index('<meta charset="windows-1251"')
    assert all(p in text for p in article["body_paragraphs"])


def test_malformed_page_is_malformed():
    (article,) = [a for a in ARTICLES if a["special"] == "malformed"]
    text = SITES[article["site"]][article["path"]].body.decode()
    assert text.count("<div") != text.count("</div>")
    assert "</font>" in text and "</body>" not in text and "</strong> қаласында</em>" in text


def test_cloud_template_page():
    (article,) = [a for a in ARTICLES if a["special"] == "cloud_template"]
    doc = page(article)
    assert doc.xpath(f"//h1[{_cls('tdb-title-text')}]") and not doc.xpath(f"//h1[{_cls('entry-title')}]")
    assert doc.xpath(f"//div[{_cls('tdb-head-date-txt')}]")


def test_skipped_pages():
    by_reason = {s["reason"]: s for s in TRUTH["skipped"]}
    tagdiv = SITES["demo-tagdiv"]
    truncated = tagdiv[urlsplit(by_reason["truncated"]["url"]).path].body.decode()
    assert "<head>" in truncated and "<title>" not in truncated and "<body" not in truncated
    assert urlsplit(by_reason["404"]["url"]).path not in tagdiv
    gallery = lxml.html.document_fromstring(tagdiv[urlsplit(by_reason["not_article"]["url"]).path].body.decode())
    meta = {m.get("property"): m.get("content") for m in gallery.iter("meta")}
    assert meta["og:type"] == "website" and "article:published_time" not in meta
    assert re.search(r"/\d{4}/\d\d/\d\d/[^/]+/$", by_reason["not_article"]["url"])


# ---------------------------------------------------------------------------------------------
# discovery: robots, sitemaps, feed, listings


def robots_for(key: str) -> RobotFileParser:
    rp = RobotFileParser()
    rp.parse(SITES[key]["/robots.txt"].body.decode().splitlines())
    return rp


def sitemap_urls(key: str) -> dict[str, str]:
    """Every ``<loc>`` of the site's sitemap tree -> its ``lastmod``."""
    site = SITES[key]
    start = re.search(r"Sitemap: (\S+)", site["/robots.txt"].body.decode()).group(1)
    todo, urls = [start], {}
    while todo:
        root = etree.fromstring(site[urlsplit(todo.pop()).path].body)
        for entry in root:
            loc, lastmod = entry.findtext("sm:loc", namespaces=NS), entry.findtext("sm:lastmod", namespaces=NS)
            if root.tag.endswith("sitemapindex"):
                todo.append(loc)
            else:
                assert len(root) <= 1000
                urls[loc] = lastmod
    return urls


def feed_items(key: str) -> dict[str, str]:
    root = etree.fromstring(SITES[key]["/feed/"].body)
    return {item.findtext("link"): item.findtext("pubDate") for item in root.iter("item")}


def listing_urls(key: str) -> set[str]:
    site, base = SITES[key], DEMO_SITES[key]
    urls, path = set(), "/category/zhanalyqtar/"
    while path:
        doc = lxml.html.document_fromstring(site[path].body.decode())
        urls |= {a.get("href") for a in doc.xpath("//h3[contains(@class, 'title')]/a")}
        nxt = doc.xpath("//link[@rel='next']/@href")
        path = urlsplit(nxt[0]).path if nxt else None
    home = lxml.html.document_fromstring(site["/"].body.decode())
    return urls | {a.get("href") for a in home.xpath("//a[@href]") if a.get("href", "").startswith(base + "/")}


@pytest.mark.parametrize("key", list(DEMO_SITES))
def test_every_truth_url_is_linked(key):
    linked = set(sitemap_urls(key)) | set(feed_items(key)) | listing_urls(key)
    entries = [a for a in ARTICLES if a["site"] == key] + [
        e for e in TRUTH["skipped"] + TRUTH["not_crawled"] if e["site"] == key]
    for entry in entries:
        assert entry["url"] in linked, entry["url"]


@pytest.mark.parametrize("key", list(DEMO_SITES))
def test_feed_and_sitemap_dates_are_utc(key):
    feed, sitemap = feed_items(key), sitemap_urls(key)
    for a in (a for a in ARTICLES if a["site"] == key):
        pub = next(v for k, v in feed.items() if k.split("?")[0] == a["url"])
        assert pub.endswith("+0000") and parsedate_to_datetime(pub) == datetime.fromisoformat(a["published"])
        assert sitemap[a["url"]].endswith("+00:00")
        assert datetime.fromisoformat(sitemap[a["url"]]) == datetime.fromisoformat(a["modified"])


def test_robots_disallows_the_hidden_article_only():
    rp = robots_for("demo-tagdiv")
    (hidden,) = TRUTH["not_crawled"]
    assert not rp.can_fetch("kz-news-archive", hidden["url"])
    assert urlsplit(hidden["url"]).path in SITES["demo-tagdiv"], "the page exists: only robots.txt hides it"
    assert hidden["url"] in sitemap_urls("demo-tagdiv") and hidden["url"] in listing_urls("demo-tagdiv")
    for entry in ARTICLES + TRUTH["skipped"]:
        assert robots_for(entry["site"]).can_fetch("kz-news-archive", entry["url"])


def test_tracking_duplicate_is_linked_both_ways():
    (article,) = [a for a in ARTICLES if a["special"] == "tracking_duplicate"]
    tracked = article["url"] + "?utm_source=telegram&utm_medium=social"
    assert article["aliases"] == [tracked]
    assert tracked in feed_items(article["site"]) and tracked in listing_urls(article["site"])
    assert article["url"] in sitemap_urls(article["site"])


# ---------------------------------------------------------------------------------------------
# the server


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:
            return resp.status, resp.read(), resp.headers["Content-Type"]
    except urllib.error.HTTPError as err:
        return err.code, err.read(), err.headers["Content-Type"]


@pytest.mark.e2e   # a loopback server
def test_server_statuses():
    retry = next(a for a in ARTICLES if a["special"] == "retry_500")
    dup = next(a for a in ARTICLES if a["special"] == "tracking_duplicate")
    missing = next(s for s in TRUTH["skipped"] if s["reason"] == "404")
    with DemoServer(build_site("demo-tagdiv")) as server:
        base = server.base_url
        assert fetch(base + retry["path"])[0] == 500
        status, body, ctype = fetch(base + retry["path"])
        assert status == 200 and retry["body_paragraphs"][0] in body.decode()
        assert fetch(base + retry["path"])[0] == 200
        assert fetch(base + urlsplit(missing["url"]).path)[0] == 404
        clean, tracked = fetch(base + dup["path"]), fetch(base + dup["path"] + "?utm_source=telegram&utm_medium=social")
        assert clean[0] == tracked[0] == 200 and clean[1] == tracked[1]
        assert fetch(base + "/feed/")[2].startswith("application/rss+xml")
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        conn.request("GET", "/category/zhanalyqtar")
        resp = conn.getresponse()
        assert resp.status == 301 and resp.getheader("Location") == "/category/zhanalyqtar/"
        conn.close()
        assert server.hits[retry["path"]] == 3 and server.hits[dup["path"]] == 2
        assert not any(p.startswith("/zhabyq/") for p in server.hits)
    with DemoServer(build_site("demo-tagdiv")) as fresh:  # the 500 comes back per server instance
        assert fetch(fresh.base_url + retry["path"])[0] == 500


@pytest.mark.e2e   # a loopback server
def test_resources_from_dir(tmp_path):
    (tmp_path / "feed").mkdir()
    (tmp_path / "2024/11/23/post").mkdir(parents=True)
    (tmp_path / "index.html").write_text("<html>home</html>")
    (tmp_path / "feed/index.xml").write_text('<?xml version="1.0"?><rss version="2.0"></rss>')
    (tmp_path / "2024/11/23/post/index.html").write_text("<html>post</html>")
    (tmp_path / "robots.txt").write_text("User-agent: *\n")
    (tmp_path / "wp-sitemap.xml").write_text("<sitemapindex/>")
    res = resources_from_dir(tmp_path)
    assert set(res) == {"/", "/feed/", "/2024/11/23/post/", "/robots.txt", "/wp-sitemap.xml"}
    assert res["/feed/"].content_type.startswith("application/rss+xml")
    assert res["/"].content_type.startswith("text/html") and res["/robots.txt"].content_type.startswith("text/plain")
    with DemoServer(res) as server:
        assert fetch(server.base_url + "/2024/11/23/post/")[1] == b"<html>post</html>"


# ---------------------------------------------------------------------------------------------
# the benchmark copy


@pytest.mark.parametrize("key", list(DEMO_SITES))
def test_scaled_site(key):
    big = build_site(key, scale=2000)
    saved, SITES[key] = SITES[key], big
    try:
        in_sitemap, in_feed = sitemap_urls(key), feed_items(key)
    finally:
        SITES[key] = saved
    in_sitemap = {u: m for u, m in in_sitemap.items() if "/category/" not in u}
    assert len(in_sitemap) >= 2000 and len(in_feed) >= 2000
    base = DEMO_SITES[key]
    pages = [urlsplit(u).path for u in in_sitemap]
    assert all(u.startswith(base) for u in in_sitemap) and set(in_feed) == set(in_sitemap)
    marker = b'class="content-inner' if key == "demo-jnews" else b'class="td-post-content'
    assert all(big[p].status == 200 and marker in big[p].body for p in pages)
    assert sum(1 for p in big if "sitemap" in p) >= 3, "sitemaps are split at 1000 URLs"
    titles = {re.search(rb"<h1[^>]*>([^<]+)</h1>", big[p].body).group(1) for p in pages[:300]}
    assert len(titles) > 100, "generated titles vary"
