"""Discovery parsers: sitemaps, feeds and listing pages -> article URLs (pure functions).

Scrapy's SitemapSpider drops ``lastmod`` and Google News fields, so we parse sitemaps ourselves;
the dates ride along with each URL for the date stage and for incremental crawling.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.etree as etree
import lxml.html
from w3lib.url import url_query_cleaner

logger = logging.getLogger(__name__)

# Query parameters that only track where a reader came from; they never change the page.
TRACKING_PARAMS = (
    "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "utm_id",
    "fbclid", "gclid", "yclid", "ysclid", "_ga", "mc_cid", "mc_eid", "igshid", "utm_referrer",
)


@dataclass(frozen=True)
class Link:
    url: str
    date: str | None = None      # lastmod / pubDate / news:publication_date, raw text
    date_kind: str | None = None  # "lastmod" | "pubdate"


def clean_url(url: str) -> str:
    """The URL without its fragment and tracking parameters; otherwise exactly as the site wrote it."""
    cleaned = url_query_cleaner(url, TRACKING_PARAMS, remove=True, keep_fragments=False)
    return cleaned[:-1] if cleaned.endswith("?") else cleaned


_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)


# The sitemap protocol's limit on an uncompressed sitemap (sitemaps.org: 50 MB); a feed is held to
# it too. A gzipped document that inflates past it is a bomb, not a sitemap: refused, never inflated.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


def _inflate(body: bytes, max_size: int = MAX_DOCUMENT_BYTES) -> bytes:
    """``body`` gunzipped (every member; a cut stream gives what it holds), inflating at most
    ``max_size`` bytes: ValueError past it."""
    pieces, size, data = [], 0, body
    while data:                                   # one gzip member a turn
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        while data:                               # a megabyte at a time
            piece = inflater.decompress(data, 2**20)
            size += len(piece)
            if size > max_size:
                pieces.clear()    # a handler that keeps the log record keeps this frame too
                raise ValueError(f"gzip data inflates past {max_size} bytes (the sitemap protocol's limit)")
            pieces.append(piece)
            data = inflater.unconsumed_tail
        if not inflater.eof:                      # cut short: what it holds
            break
        data = inflater.unused_data
    return b"".join(pieces)


def _xml_root(body: bytes):
    if body[:2] == b"\x1f\x8b":
        body = _inflate(body)
    root = etree.fromstring(body.strip() or b"<empty/>", parser=_XML_PARSER)
    if root is None:
        raise ValueError("not XML")
    return root


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child_text(el, name: str) -> str | None:
    for child in el:
        if _local(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def parse_sitemap(body: bytes) -> tuple[str, list[Link]]:
    """``("index", [sitemaps])`` or ``("urlset", [pages])``. Malformed XML gives ``("urlset", [])``."""
    try:
        root = _xml_root(body)
    except (ValueError, etree.XMLSyntaxError, OSError, EOFError, zlib.error) as exc:
        logger.warning("unreadable sitemap: %s", exc)
        return "urlset", []
    kind = "index" if _local(root.tag) == "sitemapindex" else "urlset"
    links = []
    for entry in root:
        if _local(entry.tag) not in ("sitemap", "url"):
            continue
        loc = _child_text(entry, "loc")
        if not loc:
            continue
        date, date_kind = _child_text(entry, "lastmod"), "lastmod"
        for child in entry:
            if _local(child.tag) == "news":
                pub = _child_text(child, "publication_date")
                if pub:
                    date, date_kind = pub, "pubdate"
        links.append(Link(loc, date, date_kind if date else None))
    return kind, links


def parse_feed(body: bytes) -> list[Link]:
    """Items of an RSS 2.0, RSS 1.0 or Atom feed with their publication dates."""
    try:
        root = _xml_root(body)
    except (ValueError, etree.XMLSyntaxError, OSError, EOFError, zlib.error) as exc:
        logger.warning("unreadable feed: %s", exc)
        return []
    links = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "item":
            url = _child_text(el, "link") or _child_text(el, "guid")
            date = _child_text(el, "pubDate") or _child_text(el, "date")
        elif name == "entry":
            url = next(
                (c.get("href") for c in el if _local(c.tag) == "link" and c.get("rel", "alternate") == "alternate"),
                None,
            )
            date = _child_text(el, "published") or _child_text(el, "updated")
        else:
            continue
        if url and url.startswith(("http://", "https://")):
            links.append(Link(url.strip(), date, "pubdate" if date else None))
    return links


def listing_links(html: str, base_url: str) -> tuple[list[str], list[str]]:
    """All ``<a href>`` targets of a listing page (absolute) and its ``rel=next`` links."""
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return [], []
    base = doc.find(".//base")
    if base is not None and base.get("href"):
        base_url = urljoin(base_url, base.get("href"))
    hrefs, nexts = [], []
    for el in doc.iter("a", "link"):
        href = (el.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        # CMSs write absolute links; urljoin only for the rest (it costs more than the parse).
        url = href if href.startswith(("https://", "http://")) else urljoin(base_url, href)
        if not url.startswith(("https://", "http://")):
            continue
        if "next" in (el.get("rel") or "").lower().split():
            nexts.append(url)
        elif el.tag == "a":
            hrefs.append(url)
    return hrefs, nexts
