"""Turn a :class:`Site` into served bytes: pages, listings, feed, sitemaps, robots.txt, and traps.

Each post's ``special`` decides how it is served:

* ``windows-1251``  -- bytes in cp1251, ``charset=windows-1251`` header, ``<meta charset>`` after ``<title>``
* ``malformed``     -- the page with unclosed divs, stray end tags and mis-nested inline tags
* ``retry_500``     -- ``fail_first=1``: one HTTP 500, then the page
* ``cloud_template``-- rendered by the tagDiv cloud (tdb) template
* ``tracking_duplicate`` -- linked with ``?utm_source=telegram&utm_medium=social`` from the feed/home
* ``robots``        -- a real article under a robots-disallowed prefix
* ``not_article``   -- a WordPress gallery page at a post-like URL
* ``truncated``     -- the body stops inside ``<head>``
* ``404``           -- linked from the listing and sitemap, never served
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from .model import REMOVED, Post, Site
from .resources import HTML, RSS, TEXT, XML, Resource
from .themes import jnews, jnews_pages, tagdiv, tagdiv_cloud, tagdiv_pages
from .wordpress import robots, rss, wp_core_sitemaps, yoast_sitemaps

TRACKING = "?utm_source=telegram&utm_medium=social"
ROBOTS_PREFIX = "/zhabyq/"


def _html(text: str) -> Resource:
    return Resource(200, HTML, text.encode("utf-8"))


def crawl_day(site: Site) -> date:
    """The day the listings, home page and feed were fetched: the last capture day of any post."""
    return max((p.captured_date for p in site.posts), default=date(2025, 9, 1))


def malform(html: str, post: Post, base: str) -> str:
    """Break the markup the way hand-edited and plugin-mangled pages are broken, keeping all text."""
    swaps = [
        # mis-nested inline tags and an unquoted attribute in the first paragraph
        ("<p>Қаратал ауданының орталығы Үштөбе қаласында",
         "<p class=lead>Қаратал ауданының <strong>орталығы <em>Үштөбе</strong> қаласында</em>"),
        # a paragraph without its end tag
        ("итмұрын бұталары егілді.</p>\n", "итмұрын бұталары егілді."),
        # stray end tags nobody opened
        ("деді қала әкімі Ерболат Сапаров.</p>", "деді қала әкімі Ерболат Сапаров.</font></span></p>"),
        # a raw "&" in an attribute
        ("<p>Акцияға белсене атсалысқан №3 мектептің оқушылары",
         f'<p>Акцияға белсене атсалысқан <a href="{base}/tag/ushtobe/?from=body&utm=1">№3 мектептің оқушылары</a>'),
        # an unclosed div in the post header
        (f'<span class="td-nr-views-{post.post_id}">', f'<div class="td-post-views-inner"><span class="td-nr-views-{post.post_id}">'),
        # stray closing divs in the sidebar, and a page that never closes
        ('<h4 class="block-title"><span>Recent Comments</span></h4>', '</div></div><h4 class="block-title"><span>Recent Comments</span></h4>'),
        ("    </article> <!-- /.post -->", "    <!-- /.post -->"),
        ("</body>\n</html>\n", ""),
    ]
    for old, new in swaps:
        if html.count(old) != 1:
            raise AssertionError(f"malform: {old!r} occurs {html.count(old)} times")
        html = html.replace(old, new)
    return html


def truncate(html: str) -> str:
    """The first bytes of a page, cut inside ``<head>`` before the title (a dropped connection)."""
    return html[: html.index("<title>") + 4]


def _listing_resources(site: Site, render, day: date) -> dict[str, Resource]:
    posts = site.listed()
    pages = max(1, math.ceil(len(posts) / site.per_page))
    out = {}
    for n in range(1, pages + 1):
        chunk = posts[(n - 1) * site.per_page: n * site.per_page]
        path = f"/category/{site.listing_category}/" + (f"page/{n}/" if n > 1 else "")
        # page 2+ were fetched the next day, as a crawler walking pagination slowly would
        out[path] = _html(render(site, chunk, n, pages, day + timedelta(days=1 if n > 1 else 0)))
    return out


def tagdiv_single(site: Site, post: Post) -> Resource:
    special = post.special
    if special == "not_article":
        return _html(tagdiv_pages.gallery(site, post))
    if special == "cloud_template":
        return _html(tagdiv_cloud.single(site, post)[0])
    if special == "windows-1251":
        html, _ = tagdiv.single(site, post, charset="windows-1251")
        body = html.encode("cp1251", errors="xmlcharrefreplace")
        return Resource(200, "text/html; charset=windows-1251", body)
    if special == "truncated":
        return _html(truncate(tagdiv.single(site, post, title_pos="yoast")[0]))
    html, _ = tagdiv.single(site, post, title_pos="first" if post.post_id % 3 else "after_charset")
    if special == "malformed":
        html = malform(html, post, site.base_url)
    return Resource(200, HTML, html.encode("utf-8"), fail_first=1 if special == "retry_500" else 0)


def jnews_single(site: Site, post: Post) -> Resource:
    html, _ = jnews.single(site, post)
    return Resource(200, HTML, html.encode("utf-8"), fail_first=1 if post.special == "retry_500" else 0)


def build(site: Site) -> dict[str, Resource]:
    """Every path of one demo site."""
    day = crawl_day(site)
    tracked = {p.slug: site.url(p) + TRACKING for p in site.posts if p.special == "tracking_duplicate"}
    res: dict[str, Resource] = {}
    single = tagdiv_single if site.cms == "tagdiv" else jnews_single
    for post in site.posts:
        if post.special not in ("404", REMOVED):
            res[site.path(post)] = single(site, post)
    feed = site.in_feed()
    res["/feed/"] = Resource(200, RSS, rss(site, feed, tracked).encode("utf-8"))
    if site.cms == "tagdiv":
        home_links = {slug: url.replace("&", "&amp;") for slug, url in tracked.items()}
        res["/"] = _html(tagdiv_pages.home(site, feed[:9], day, home_links, site.pages()))
        res.update(_listing_resources(site, tagdiv_pages.listing, day))
        sitemaps = wp_core_sitemaps(site, site.in_post_sitemap(), site.pages())
        disallow = [ROBOTS_PREFIX] if any(p.special == "robots" for p in site.posts) else []
        res["/robots.txt"] = Resource(200, TEXT, robots(site, "/wp-sitemap.xml", disallow).encode())
    else:
        res["/"] = _html(jnews_pages.home(site, feed[:9], day))
        res.update(_listing_resources(site, jnews_pages.listing, day))
        sitemaps = yoast_sitemaps(site, site.in_post_sitemap())
        res["/robots.txt"] = Resource(200, TEXT, robots(site, "/sitemap_index.xml").encode())
    for path, text in sitemaps.items():
        res[path] = Resource(200, XML, text.encode("utf-8"))
    return res
