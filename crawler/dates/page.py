"""Page-level date stage: collect date candidates from a parsed page and pick the best.

Trust order (``SOURCE_RANK``): JSON-LD of the article object, then ``<meta>`` (Open Graph
``article:*``, ``itemprop``, Dublin Core, Parse.ly, Sailthru, ...), then ``<time datetime>`` /
``itemprop=datePublished`` elements *in the article*, then the visible date line near the ``h1``,
then the URL, then feed/sitemap values the spiders add, and last a raw-HTML scan (JSON-LD that
did not parse, RDF ``dc:date``, JS state keys) used only when the page has no machine date at all.
Machine values come first because the CMS writes them from its database; the visible line is what
a reader sees but is often relative ("сегодня в 17:04") or yearless.

:func:`choose_dates` lets the sources vote: the published value is the most trusted candidate
among those whose *day* most distinct sources agree on. On a normal page every source agrees and
this is just the most trusted one; when JSON-LD alone says 29 September while meta, ``<time>`` and
the visible line say 30 September, the lone value is the stale copy.

Where the page itself can mislead, and what guards against it:

* the header's top bar prints *today's* date ("Суббота, 23 ноября, 2024" on a February article):
  elements inside top bars, site headers, navigation, sidebars, widgets, "Most Popular"/related
  blocks, comments and footers never produce candidates (:data:`crawler.chrome.PAGE_CHROME_NAME`),
  and visible text is only read in a small window of elements around the article's ``h1`` and
  inside its container;
* teaser lists repeat the same ``<time class="entry-date">`` markup for other posts: ``<time>``
  elements count only inside the article that holds the ``h1`` or in that window, and a page with
  no article container but several differently dated ``<time>``s is a listing and yields none;
* a candidate later than the crawl time is impossible for a publication date and is dropped;
* a line labelled as today's date ("Бүгін: 8 желтоқсан 2026", "Сегодня: ...") is the site's clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from lxml import etree

from crawler.chrome import PAGE_CHROME_NAME, PAGE_CHROME_TAGS
from crawler.dates import normalize_date, vocab
from crawler.dates.relative import parse_crawl_time
from crawler.dates.zones import DEFAULT_TZ, fixed_offset, get_zone
from crawler.dates.zones import iso as iso_text
from crawler.jsonld import jsonld_types
from crawler.text import collapse_whitespace, fold

# Lower rank = more trusted.
SOURCE_RANK = {"jsonld": 0, "meta": 1, "time": 2, "visible": 3, "url": 4, "feed": 5, "scan": 6, "htmldate": 7}

# <meta> keys (lower-cased property/name/itemprop), most specific first.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "datepublished", "og:published_time",
    "published_time", "article:published", "article.published", "pubdate", "publishdate",
    "publish-date", "publish_date", "publication_date", "citation_publication_date",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dc.date.created", "dcterms.created", "datecreated", "date",
    "article_date_original", "original-publish-date", "cxenseparse:recs:publishtime", "og:pubdate",
    "pub_date", "mediator_published_time",
)
META_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "dc.date.modified", "dcterms.modified", "last-modified", "modified_time", "article.updated",
)

_DATE_HINT = re.compile(r"date|time|posted|publish|pubdate|created|dateline|datum|fecha|byline|"
                        r"stamp|meta|data|дата", re.I)
_URL_DATES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$|[-_])"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)"),
    re.compile(r"/((?:19|20)\d{2})(\d{2})(\d{2})(?:/|$|[-_])"),
    re.compile(r"/((?:19|20)\d{2})_(\d{2})_(\d{2})(?:/|$|[-_])"),
)
_WINDOW_BEFORE, _WINDOW_AFTER = 12, 60   # elements around the h1 that may hold the date line
_PLAIN_AFTER = 25                        # unclassed elements right under the h1 may hold it too
_MAX_VISIBLE = 160                       # longer text is a teaser or a paragraph, not a date line
_MAX_PLAIN = 100
# "Бүгін: 8 желтоқсан 2026", "Сегодня: 08.12.2026", "Today: ...": a label that is the word for today
# (vocab.DAY_WORDS) says the line is the site's clock, wherever it sits ("Сегодня, 14:30", a comma and
# no label, is a fresh story's).
_LABEL = re.compile(r"^([^\W\d_]+)(?:\s+is)?\s*:")


def _todays_clock(text: str) -> bool:
    label = _LABEL.match(text)
    return label is not None and vocab.DAY_WORDS.get(fold(label.group(1))) == 0
# Last resort, on the raw HTML: JSON-LD that failed to parse, RDF dc:date (often inside a comment),
# and the publication keys of JS state objects. A plain substring test gates each regex.
_RAW_KEYS = ("datePublished", "publishDate", "pubDate", "published_at", "publishedAt",
             "date_published", "publish_date", "datePosted", "first_published_at")
_RAW = {key: re.compile(r'"' + key + r'"\s*:\s*"([^"]{8,40})"') for key in _RAW_KEYS}
_RAW["dc:date="] = re.compile(r'\bdc:date="([^"]{8,40})"')
# JSON-LD objects other than the article whose dates are the page's own (Yoast without an Article
# piece, video pages); never Comment, Person, Event, ... objects.
_JSONLD_PAGE_TYPES = frozenset({"WebPage", "ItemPage", "VideoObject", "CreativeWork", "MediaObject"})


@dataclass(frozen=True)
class DateCandidate:
    kind: str     # "published" or "modified"
    source: str   # one of SOURCE_RANK
    text: str     # the raw string as found


@dataclass(frozen=True)
class PageDates:
    published: str | None = None
    published_text: str | None = None
    published_source: str | None = None
    modified: str | None = None
    modified_text: str | None = None
    modified_source: str | None = None


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _jsonld(page) -> list[DateCandidate]:
    out: list[DateCandidate] = []
    objs = [page.jsonld_article] if page.jsonld_article else []
    objs += [o for o in page.jsonld
             if o is not page.jsonld_article and jsonld_types(o) & _JSONLD_PAGE_TYPES]
    for obj in objs:
        for key, kind in (("datePublished", "published"), ("dateCreated", "published"),
                          ("uploadDate", "published"), ("dateModified", "modified")):
            for value in _strings(obj.get(key)):
                out.append(DateCandidate(kind, "jsonld", value))
    return out


def _meta(page) -> list[DateCandidate]:
    out = []
    for keys, kind in ((META_PUBLISHED, "published"), (META_MODIFIED, "modified")):
        for key in keys:
            value = page.meta.get(key)
            if value:
                out.append(DateCandidate(kind, "meta", value))
    return out


def _own_ban(node, article) -> bool:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in ("body", "html"):
        return False            # the page itself: its classes describe the page ("no-sidebars")
    if tag in PAGE_CHROME_TAGS:
        return True
    if tag in ("header", "footer") and (article is None or not _contains(article, node)):
        return True
    cls = (node.get("class") or "") + " " + (node.get("id") or "")
    return cls != " " and _banned_name(cls)


@lru_cache(maxsize=4096)
def _banned_name(name: str) -> bool:
    return bool(PAGE_CHROME_NAME.search(name))


def _banned(el, article, cache: dict | None = None) -> bool:
    """``el`` sits in chrome: a sidebar, widget, top bar, related block, site header or footer.

    Walks up to the article container (inside it, only tags/classes below it count). ``cache``
    memoizes the answer per element, since candidates share most of their ancestors.
    """
    path, node, result = [], el, False
    while node is not None:
        if cache is not None and node in cache:
            result = cache[node]
            break
        if node is article:
            break
        path.append(node)
        if _own_ban(node, article):
            result = True
            break
        node = node.getparent()
    if cache is not None:
        for n in path:
            cache[n] = result
    return result


def _contains(ancestor, node) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _container(h1):
    """The article/main element around ``h1`` (or None)."""
    node = h1.getparent()
    while node is not None:
        itemtype = node.get("itemtype") or ""
        if node.tag in ("article", "main") or node.get("itemprop") == "articleBody" or \
                ("schema.org/" in itemtype and "Article" in itemtype):
            return node
        node = node.getparent()
    return None


_ARTICLE_ITEMS = etree.XPath("//*[contains(@itemtype, 'schema.org/') and contains(@itemtype, 'Article')]")


def _anchor(page):
    """(h1, article) of the story: the first h1 outside chrome (article h1s preferred)."""
    fallback = None
    for h1 in page.tree.iter("h1"):
        article = _container(h1)
        if _banned(h1, article):
            continue
        if article is not None:
            return h1, article
        fallback = fallback or (h1, None)
    if fallback:
        return fallback
    # No usable h1: a lower heading that the page's <title> (or og:title) prints, as Joomla K2's
    # "itemTitle" h2; its date line sits beside it as an h1's would.
    heading = _title_heading(page)
    if heading is not None:
        return heading, _container(heading)
    # No such heading (headline hidden in a span, or only in <title>): the schema.org Article
    # container, else the first <article>/<main> that is not itself chrome.
    for el in _ARTICLE_ITEMS(page.tree):
        if not _banned(el, None):
            return None, el
    for tag in ("article", "main"):
        for el in page.tree.iter(tag):
            if not _banned(el, None):
                return None, el
    return None, None


# A heading this short ("Новости", "Главное") is a rubric however the <title> begins.
_MIN_HEADLINE_CHARS = 15


def _title_heading(page):
    """The first h2 outside chrome whose text the page's <title> or og:title contains (not an h3:
    column names and box titles are h3s that a <title> may repeat)."""
    titles = [collapse_whitespace(t) for t in (page.tree.findtext(".//title"), page.meta.get("og:title")) if t]
    if not titles:
        return None
    for heading in page.tree.iter("h2"):
        text = collapse_whitespace(heading.text_content())
        if len(text) >= _MIN_HEADLINE_CHARS and any(text in t for t in titles) and not _banned(heading, None):
            return heading
    return None


# Any instant will do to tell a relative line ("вчера, 17:36") from a line of no date.
_SOME_CRAWL_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)


def _reads_as_date(text: str) -> bool:
    return normalize_date(text, crawl_time=_SOME_CRAWL_TIME) is not None


def _kind(el, prop: str) -> str:
    cls = (el.get("class") or "").lower()
    if prop == "datemodified" or (("modified" in cls or "updated" in cls)
                                  and not ("published" in cls or "entry-date" in cls)):
        return "modified"
    return "published"


def _machine_value(el, tag: str, prop: str) -> str | None:
    if prop in ("datepublished", "datecreated", "datemodified"):
        return el.get("content") or el.get("datetime") or collapse_whitespace(el.text_content())
    if tag == "time" and el.get("datetime"):
        return el.get("datetime")
    if tag == "abbr" and el.get("title") and "publish" in (el.get("class") or ""):
        return el.get("title")
    for attr in ("data-timestamp", "data-published", "data-time", "data-date"):
        if el.get(attr):
            return el.get(attr)
    return None


def _nearby(h1, article):
    """(distance, element) pairs to read: a window around the h1, then the article container.

    Distance is (0, k) for the k-th element after the h1 and (1, k) for the k-th before it, so
    sorting puts the nearest element under the title first. XPath's ``preceding``/``following``
    axes skip the h1's ancestors and descendants, which never hold the date line.
    """
    out, seen = [], set()

    def add(dist, el):
        if isinstance(el.tag, str) and el not in seen:
            seen.add(el)
            out.append((dist, el))

    if h1 is not None:
        for k, el in enumerate(reversed(h1.xpath(f"preceding::*[position() <= {_WINDOW_BEFORE}]")), 1):
            add((1, k), el)
        for k, el in enumerate(h1.xpath(f"following::*[position() <= {_WINDOW_AFTER}]"), 1):
            add((0, k), el)
    if article is not None:
        after, before = h1 is None, []
        k = 0 if h1 is None else _WINDOW_AFTER
        for el in article.iter():
            if el is h1:
                after, k = True, 0
            elif after:
                k += 1
                add((0, k), el)
            else:
                before.append(el)
        for k, el in enumerate(reversed(before), _WINDOW_BEFORE + 1):
            add((1, k), el)
    return out


@lru_cache(maxsize=4096)
def _hinted_name(name: str) -> bool:
    """A class/id naming a date ("entry-date", "post-time", "дата"); themes repeat the same few
    names on every element, so the answer is remembered per name."""
    return bool(_DATE_HINT.search(name))


def _elements(page):
    """Candidates from ``<time>``/itemprop/``data-*`` attributes and the visible date line.

    Only elements inside the story's article container or in a small window around its ``h1``
    are read, and never those in chrome (:func:`_banned`). Nearest to the ``h1`` first, those after
    it before those above it (date lines sit under the title far more often than over it).
    """
    h1, article = _anchor(page)
    time_cands, visible, cache = [], [], {}
    for distance, el in _nearby(h1, article):
        tag = el.tag
        if tag in ("script", "style", "noscript", "meta", "link"):
            continue
        under_h1 = distance[0] == 0 and distance[1] <= _PLAIN_AFTER
        if not el.attrib and tag != "time" and not under_h1:
            continue                        # most of a story's elements: nothing to read, not a line under the h1
        prop = (el.get("itemprop") or "").lower()
        machine = _machine_value(el, tag, prop)
        hinted = tag == "time" or _hinted_name((el.get("class") or "") + " " + (el.get("id") or ""))
        plain = not hinted and under_h1
        if (machine is None and not hinted and not plain) or _banned(el, article, cache):
            continue
        if machine is not None:
            cls = (el.get("class") or "").lower()
            prio = 0 if prop == "datepublished" else 1 if ("publish" in cls or "entry-date" in cls) else 2
            time_cands.append(((prio,) + distance, DateCandidate(_kind(el, prop), "time", machine.strip())))
        if hinted or plain:
            text = collapse_whitespace(el.text_content())
            if (4 <= len(text) <= (_MAX_VISIBLE if hinted else _MAX_PLAIN) and any(c.isdigit() for c in text)
                    and not _todays_clock(text)):
                visible.append(((0 if hinted else 1,) + distance, DateCandidate(_kind(el, prop), "visible", text)))
    if article is None and len({c.text[:10] for _, c in time_cands}) >= 3:
        return []   # no article container and a run of differently dated <time>s: a listing page
    if h1 is not None and h1.tag != "h1":
        # A lower heading is weaker evidence of the headline than an h1: the lines around it count
        # only when they read as a date (a forum topic's h2 sits over "1 Beitrag • Seite 1 von 1";
        # a line in a language we do not read is left to htmldate, which nothing else blocks then).
        visible = [v for v in visible if _reads_as_date(v[1].text)]
    time_cands.sort(key=lambda x: x[0])
    visible.sort(key=lambda x: x[0])
    return [c for _, c in time_cands] + [c for _, c in visible]


def _scan(page) -> list[DateCandidate]:
    """Last-resort candidates: itemprop=datePublished outside the article, then raw-HTML keys."""
    out = []
    for el in page.tree.xpath("//*[@itemprop='datePublished' or @itemprop='datepublished']"):
        value = el.get("content") or el.get("datetime")
        if value and el.tag != "meta" and not _banned(el, None):
            out.append(DateCandidate("published", "scan", value.strip()))
    html = page.html
    for key, rx in _RAW.items():
        if key in html:
            m = rx.search(html)
            if m:
                out.append(DateCandidate("published", "scan", m.group(1).replace("\\/", "/")))
    return out


def _url(url: str | None) -> list[DateCandidate]:
    for rx in _URL_DATES:
        m = rx.search(url or "")
        if m:
            y, mo, d = m.groups()
            return [DateCandidate("published", "url", f"{y}-{int(mo):02d}-{int(d):02d}")]
    return []


def _machine_sources_agree(cands: list[DateCandidate]) -> bool:
    """JSON-LD and the meta tags give the same publication instant (the common case on CMS pages)."""
    jsonld = {normalize_date(c.text, tz="UTC") for c in cands if c.kind == "published" and c.source == "jsonld"}
    meta = {normalize_date(c.text, tz="UTC") for c in cands if c.kind == "published" and c.source == "meta"}
    return len(jsonld) == 1 and jsonld == meta and None not in jsonld


def _htmldate(page) -> list[DateCandidate]:
    """Last resort, on pages where nothing above found a date: htmldate's markup rules.

    Its month names and markup patterns cover languages and CMSs ours do not (German, French,
    Chinese blogs); ``extensive_search=False`` keeps it to markup and URLs, never free-text dates
    such as a header's "today". Measured on the trafilatura evaluation set: it dates 62 of the
    103 pages this stage leaves undated.
    """
    import htmldate

    try:
        # Our parsed tree, not the HTML string: htmldate copies a tree it is given (cheaper than
        # parsing the page a second time) and leaves ours as it was.
        found = htmldate.find_date(page.tree, url=getattr(page, "url", None), original_date=True,
                                   extensive_search=False)
    except Exception:   # htmldate raises on odd markup; a missing date is the honest answer then
        return []
    return [DateCandidate("published", "htmldate", found)] if found else []


def page_date_candidates(page) -> list[DateCandidate]:
    """Every date candidate of a :class:`crawler.extract.page.Page`, most trusted first.

    When JSON-LD and the meta tags already agree, the element scan could only outvote both with
    three more agreeing sources; it is skipped, which halves the stage's cost on CMS pages.
    """
    machine = _jsonld(page) + _meta(page)
    elements = [] if _machine_sources_agree(machine) else _elements(page)
    out = machine + elements + _url(getattr(page, "url", None))
    if not any(c.kind == "published" and c.source in ("jsonld", "meta", "time") for c in out):
        out += _scan(page)   # only when the page has no machine-readable publication date
    # Pages with several <time> elements were judged above (a listing gives none on purpose).
    if not any(c.kind == "published" for c in out) and len(page.tree.xpath("//time")) < 2:
        out += _htmldate(page)
    seen, unique = set(), []
    for c in out:
        if c not in seen:
            seen.add(c)
            unique.append(c)
    return unique


_TIME_OF_DAY = re.compile(r"\d:\d\d")
_MACHINE_SOURCES = ("jsonld", "meta", "time")
_MAX_CLOCK_SHIFT = timedelta(hours=14)


@lru_cache(maxsize=1024)
def _written_with_offset(text: str, iso: str, crawl=None) -> bool:
    """The value names its own instant (an offset, ``Z``, "2 hours ago" with a crawl time): read in
    another zone it gives the same moment. Wall times ("26 abril, 2022 - 8:10 pm") move with it.
    Remembered: :func:`_page_clock` and :func:`_on_page_clock` ask it of the same candidates."""
    other = normalize_date(text, crawl_time=crawl,
                           tz="Etc/GMT+12" if not iso.endswith("-12:00") else "Etc/GMT-12")
    return other is not None and datetime.fromisoformat(other) == datetime.fromisoformat(iso)


def _page_clock(published: list[tuple[str, DateCandidate]], crawl=None) -> timezone | None:
    """The page's printed clock, when it is not ``tz``'s and a machine value says so.

    A visible "26 abril, 2022 - 8:10 pm" beside ``article:published_time 2022-04-27T02:10:09+00:00``
    is one moment printed on a UTC-6 clock: read in UTC the two differ by exactly six hours, and
    the days they name differ too. A shift of whole quarter hours (every real offset), at most
    14 hours, between the most trusted timed machine value that carries an offset and the most
    trusted timed visible line that does not, gives the page's offset; None when they agree or no
    such pair exists.
    """
    machine = next(((iso, c) for iso, c in published if c.source in _MACHINE_SOURCES
                    and _TIME_OF_DAY.search(c.text) and _written_with_offset(c.text, iso, crawl)), None)
    visible = next(((iso, c) for iso, c in published if c.source == "visible"
                    and _TIME_OF_DAY.search(c.text) and not _written_with_offset(c.text, iso, crawl)), None)
    if machine is None or visible is None:
        return None
    seen = datetime.fromisoformat(visible[0])
    shift = seen.replace(second=0) - datetime.fromisoformat(machine[0]).replace(second=0)
    if not shift or abs(shift) > _MAX_CLOCK_SHIFT or shift % timedelta(minutes=15):
        return None
    return fixed_offset(int((seen.utcoffset() + shift).total_seconds() // 60))


def _on_page_clock(iso: str, cand: DateCandidate, clock: timezone | None, crawl=None) -> tuple[str, str]:
    """(value, day) of a candidate once the page's ``clock`` is known: wall times keep the day and
    time they print, on that clock; values with an offset keep their value and count for the day
    the page's clock shows."""
    if clock is None:
        return iso, iso[:10]
    dt = datetime.fromisoformat(iso)
    if _written_with_offset(cand.text, iso, crawl):
        return iso, dt.astimezone(clock).date().isoformat()
    return iso_text(dt.replace(tzinfo=clock)) or iso, iso[:10]


def choose_dates(candidates, *, lang_hint=None, crawl_time=None, tz=DEFAULT_TZ) -> PageDates:
    """Pick one published and one modified value from ``candidates`` (any order).

    Each candidate is normalized; values after the crawl time are dropped. For *published*, the
    winner is the candidate whose calendar day is backed by the most distinct sources (JSON-LD,
    meta, ``<time>``, visible line, URL, ...), ties going to the more trusted source. Usually every
    source agrees and this is simply the most trusted one; when JSON-LD alone says one day while the
    ``itemprop`` meta, the ``<time>`` element and the visible line all say the next, the majority is
    the publication and the lone value is a stale or shifted copy. *Modified* is the most trusted.

    When the page prints its times on another clock than ``tz`` (a machine value with an offset and
    the visible line differ by a whole offset, :func:`_page_clock`), days are counted on the
    page's clock and a winning wall time is read on it.
    """
    crawl = parse_crawl_time(crawl_time, get_zone(tz)) if crawl_time is not None else None
    latest = crawl + timedelta(minutes=10) if crawl is not None else None   # clock skew margin
    ranked = sorted(candidates, key=lambda c: SOURCE_RANK.get(c.source, 99))
    parsed: dict[str, list[tuple[str, DateCandidate]]] = {"published": [], "modified": []}
    for cand in ranked:
        if cand.kind not in parsed:
            continue
        iso = normalize_date(cand.text, lang_hint=lang_hint, crawl_time=crawl, tz=tz)
        if not iso or (latest is not None and datetime.fromisoformat(iso) > latest):
            continue
        parsed[cand.kind].append((iso, cand))
    pub = None
    if parsed["published"]:
        clock = _page_clock(parsed["published"], crawl)
        dated = [(*_on_page_clock(iso, cand, clock, crawl), cand) for iso, cand in parsed["published"]]
        support: dict[str, set[str]] = {}
        for _, day, cand in dated:
            support.setdefault(day, set()).add(cand.source)
        best_n = max(len(v) for v in support.values())
        pub = next(x for x in dated if len(support[x[1]]) == best_n)
        if not _TIME_OF_DAY.search(pub[2].text):
            # A day-only value (DLE's <time datetime="2024-11-05">) beside a visible line with the
            # same day and a time: the time is the publication's, the day is confirmed.
            pub = next((x for x in dated if x[1] == pub[1] and _TIME_OF_DAY.search(x[2].text)), pub)
    mod = parsed["modified"][0] if parsed["modified"] else None
    return PageDates(
        published=pub[0] if pub else None,
        published_text=pub[2].text if pub else None,
        published_source=pub[2].source if pub else None,
        modified=mod[0] if mod else None,
        modified_text=mod[1].text if mod else None,
        modified_source=mod[1].source if mod else None,
    )

