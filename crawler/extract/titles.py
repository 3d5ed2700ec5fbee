"""The headline by agreement: candidates from independent sources, the site's affix taken off
``<title>``, and never a rubric, a tagline or a column name.

Every page states its headline several times: the profile's title element, the sole ``<h1>``,
JSON-LD ``headline``, ``og:title``, ``twitter:title``, ``<title>`` (with the site's name before or
after it) and a heading or title-classed line at the top of the story. Old layouts put the rubric
("Сельское хозяйство"), a column name or the site's tagline in the one ``<h1>`` and the headline in
a ``<span class="news-title">``; SEO plugins rewrite ``og:title``. So:

* each candidate's *support* is how many other sources agree with it (equal after the letter fold,
  or one containing the other when the shorter is most of the longer; the raw ``<title>`` counts
  when the candidate is most of it);
* a candidate no other source supports is out when it looks like page furniture: it is the site's
  name (``og:site_name``, JSON-LD publisher, the domain), a breadcrumb item, the text of a link to
  another page of the site (menus, rubric and column links), a heading inside a logo/masthead
  box, or an h1 of one or two words on a page whose ``<title>``, its affix off, states a longer
  headline with none of its words (the rubric);
* the first candidate in the usual order (profile, sole h1, JSON-LD, og:title, twitter:title,
  ``<title>``) that is not out is kept when another source supports it, or when it shares most of
  its words with the best-supported candidate (the printed headline beside its SEO rewrite);
  otherwise the best-supported candidate is the headline.

The site's affix is taken off ``<title>`` and ``og:title`` by rule: the title is cut at separators
(``-``, ``–``, ``—``, ``|``, ``•``, ``::``, ``/``, ``«...»`` site names, a colon after a site name),
and a run of segments another source repeats is the headline (a bold line counts when it prints
exactly one run); otherwise the segments at either end that name the site are dropped; otherwise an
end that describes a site (:func:`crawler.chrome.describes_site`) while the other does not; otherwise
the segment longer than the rest together; otherwise (a ``<title>`` alone) a short last segment goes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from crawler.chrome import describes_site
from crawler.extract.page import Page
from crawler.text import clean_text, fold_text

_NON_WORD = re.compile(r"[\W_]+")
# " - ", " | ", " • ", " :: ", " / ", and "|" even without spaces ("Headline|Site").
# (» and › between spaces: DLE's "<headline> » <rubric> » <site>"; a closing guillemet has no space before it)
_SEPARATOR = re.compile(r"\s+[-–—|•/»›]\s+|\s*\|\s*|\s+::\s+|\s*•\s*")
_TITLE_SUFFIX = re.compile(r"\s+[-–—|•:]\s+[^-–—|•:]{2,60}$")
# A heading inside one of these names the site, not the story.
_MASTHEAD = re.compile(r"logo|brand|site-?name|site-?title|sitename|slogan|tagline|masthead|header-title",
                       re.IGNORECASE)
_HEADING_TAGS = ("h1", "h2", "h3")
_TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|headline|zagolovok)(?:$|[\s_-])", re.IGNORECASE)
MAX_HEADINGS = 40
MAX_TITLE_CHARS = 400
# Containment counts as agreement when the shorter text is at least this share of the longer.
CONTAIN_SHARE = 0.6
# The default headline stays beside a better-supported one when this share of its words is in it.
KEEP_OVERLAP = 0.5
# ...and it must be a headline, not a one- or two-word rubric ("News - Site" agrees with an h1 "News").
MIN_SWITCH_WORDS = 3
_META = frozenset({"og", "title", "twitter"})
_ELEMENT_SOURCES = frozenset({"profile", "h1", "first_h1", "heading"})


def norm(text: str | None) -> str:
    """The comparison form: folded letters, punctuation and quotes as single spaces."""
    return _NON_WORD.sub(" ", fold_text(text or "")).strip()


def _agree(a: str, b: str) -> bool:
    """``a`` and ``b`` (normalized) say the same headline."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= CONTAIN_SHARE * len(long_) and f" {short} " in f" {long_} "


_AFTER_LEAD = re.compile(r"\s*[-–—|•:/»«(]")


def _leads(title: str, text: str) -> bool:
    """``title`` is ``text`` and then a separator: the headline with a subtitle or the site after it."""
    return title.startswith(text) and bool(_AFTER_LEAD.match(title, len(text)))


def _stems(text: str) -> set[str]:
    return {w[:5] for w in text.split() if len(w) >= 3}


def _overlap(a: str, b: str) -> float:
    words = _stems(a)
    return len(words & _stems(b)) / len(words) if words else 0.0


@dataclass
class Candidate:
    source: str
    text: str
    key: str                  # normalized
    element: object = None    # the element it was read from, for headings


def site_names(page: Page) -> list[str]:
    """The site's names, normalized: og:site_name, application-name, JSON-LD publisher, the domain."""
    names = [page.meta.get("og:site_name"), page.meta.get("application-name")]
    for obj in page.jsonld:
        publisher = obj.get("publisher")
        if isinstance(publisher, dict):
            names.append(publisher.get("name") if isinstance(publisher.get("name"), str) else None)
        if "WebSite" in (obj.get("@type") if isinstance(obj.get("@type"), list) else [obj.get("@type")]):
            names.append(obj.get("name") if isinstance(obj.get("name"), str) else None)
    host = (urlsplit(page.url).hostname or "").removeprefix("www.")
    if host:
        names += [host, host.split(".")[0]]
    out = []
    for name in names:
        key = norm(name)
        if key and key not in out:
            out.append(key)
    return out


def _names_site(segment: str, sites: list[str]) -> bool:
    """A title segment that names the site: its name, part of its name ("KP.RU" of smol.kp.ru), or a
    short segment that opens or closes with it ("Газета «Рабочий путь»")."""
    key = norm(segment)
    if not key:
        return True
    squashed = key.replace(" ", "")
    for site in sites:
        site_sq = site.replace(" ", "")
        if key == site or squashed == site_sq or (len(squashed) >= 4 and squashed in site_sq):
            return True
        if len(site_sq) >= 6 and len(squashed) <= 3 * len(site_sq) \
                and (key.startswith(site + " ") or key.endswith(" " + site)):
            return True
    return False


def _is_site(key: str, sites: list[str]) -> bool:
    squashed = key.replace(" ", "")
    return any(key == site or squashed == site.replace(" ", "") for site in sites)


def _segments(title: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty piece of ``title`` between separators."""
    spans, pos = [], 0
    for m in _SEPARATOR.finditer(title):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(title)))
    return [(a, b) for a, b in spans if title[a:b].strip()]


def _runs(title: str) -> set[str]:
    """Normalized runs of one or more consecutive segments of ``title``, short of the whole."""
    spans = _segments(title)
    return {norm(title[spans[i][0]:spans[j][1]]) for i in range(len(spans)) for j in range(i, len(spans))
            if (i, j) != (0, len(spans) - 1)}


def strip_affix(title: str, sites: list[str], evidence: list[str], *, fallback_suffix: bool) -> str:
    """``title`` without the site's constant prefix or suffix (see the module docstring)."""
    spans = _segments(title)
    parts = [title[a:b] for a, b in spans]
    if len(parts) > 1:
        # a run of segments another source says (the longest, when several do)
        found = None
        for size in range(len(parts) - 1, 0, -1):
            for start in range(0, len(parts) - size + 1):
                text = title[spans[start][0]:spans[start + size - 1][1]].strip()
                # a text the title says twice is its constant part ("X | Site | Site"), not the story
                if norm(text) in evidence and title.count(text) == 1 and (found is None or len(text) > len(found)):
                    found = text
            if found:
                return found
        # the segments at either end that name the site
        first, last = 0, len(parts)
        while last - first > 1 and (_names_site(parts[last - 1], sites)
                                    or last < len(parts) and describes_site(parts[last - 1], at_end=True)):
            last -= 1       # the site, and a rubric before it ("<headline> » Жаңалықтар » <site>")
        while last - first > 1 and _names_site(parts[first], sites):
            first += 1
        if (first, last) != (0, len(parts)):
            return title[spans[first][0]:spans[last - 1][1]].strip()
    # "Site: headline"
    head, colon, rest = title.partition(": ")
    if colon and rest and _names_site(head, sites):
        return rest.strip()
    if not fallback_suffix:
        return title
    if len(parts) > 1:
        # one end of the title describes a site and the other does not ("<headline> - Официальный
        # интернет-ресурс акимата района"): that end is the site's name, however long, and so are
        # the segments next to it that describe one too ("<headline> » Жаңалықтар » Жұлдыз газеті")
        first, last = 0, len(parts)
        if not describes_site(parts[0]):
            while last - first > 1 and describes_site(parts[last - 1], at_end=True):
                last -= 1
        elif not describes_site(parts[-1], at_end=True):
            while last - first > 1 and describes_site(parts[first]):
                first += 1
        if (first, last) != (0, len(parts)):
            return title[spans[first][0]:spans[last - 1][1]].strip()
        # no segment is known: the headline is the one much longer than the rest together
        # ("Официальный сайт - <headline>", "<headline> | <site>")
        longest = max(parts, key=len)
        if len(longest) > sum(len(p) for p in parts if p is not longest):
            return longest.strip()
    return _TITLE_SUFFIX.sub("", title)


def _page_paths(page: Page) -> set[str]:
    paths = set()
    for url in (page.url, page.canonical_url, page.meta.get("og:url")):
        if url:
            paths.add(urlsplit(urljoin(page.url, url)).path.rstrip("/"))
    return paths


def _furniture_texts(page: Page) -> set[str]:
    """Normalized texts of links to other pages of the site: menus, rubric and column links, the
    breadcrumb trail above the current page (its last item, the page itself, is no such link)."""
    own = _page_paths(page)
    host = urlsplit(page.url).hostname
    out: set[str] = set()
    for a in page.tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        target = urlsplit(urljoin(page.url, href))
        if target.hostname and host and target.hostname.removeprefix("www.") != host.removeprefix("www."):
            continue
        if target.path.rstrip("/") in own:
            continue
        text = a.text_content()
        if len(text) <= MAX_TITLE_CHARS:
            key = norm(text)
            if key:
                out.add(key)
    return out


def _in_masthead(el) -> bool:
    """``el`` or a box around it names the site (``<h1 class="site-title">`` on a story page)."""
    for anc in itertools.chain((el,), el.iterancestors()):
        names = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if names.strip() and _MASTHEAD.search(names):
            return True
    return False


_BLOCKS = frozenset({"p", "div", "td", "li", "center"})
MAX_BOLD_LINES = 40


def _bold_lines(page: Page) -> list[str]:
    """Normalized texts of bold lines (a ``<b>``/``<strong>`` that is all of its block's text: table
    layouts print the headline so) outside the page's header, navigation, footer and masthead:
    evidence for which part of ``<title>`` is the headline, never a candidate of its own."""
    out = []
    for el in page.tree.iter("b", "strong"):
        parent = el.getparent()
        # the bold element is all its block holds: its only child, no text before or after it
        # (checked without reading the block's text: a bold word in a long cell is common)
        if parent is None or parent.tag not in _BLOCKS or el.getprevious() is not None \
                or el.getnext() is not None or (parent.text or "").strip() or (el.tail or "").strip():
            continue
        text = clean_text(el.text_content())
        if not text or len(text) > MAX_TITLE_CHARS:
            continue
        if next(el.iterancestors("header", "nav", "footer"), None) is not None or _in_masthead(el):
            continue
        out.append(norm(text))
        if len(out) >= MAX_BOLD_LINES:
            break
    return out


def _headings(page: Page) -> list:
    out = []
    for el in page.tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _HEADING_TAGS or (el.tag in ("div", "span", "p", "td", "b", "strong", "a", "font")
                                       and _TITLE_CLASS.search(el.get("class") or "")):
            out.append(el)
            if len(out) >= MAX_HEADINGS:
                break
    return out


def choose_title(page: Page, profile_title: str | None, sole_h1: str | None) -> str | None:
    """The headline (see the module docstring); None when the page states none."""
    sites = site_names(page)
    art = page.jsonld_article or {}
    title_el = page.tree.find(".//title")
    raw_title = clean_text(title_el.text_content()) if title_el is not None else ""
    raw_og = clean_text(page.meta.get("og:title"))
    raw_tw = clean_text(page.meta.get("twitter:title"))
    headline = art.get("headline") if isinstance(art.get("headline"), str) else None

    # The common case, decided without reading the page's headings: what the page says first (the
    # profile's title, else the sole h1) is the JSON-LD headline or the og:title word for word.
    # The full vote below would keep it too (it has support); this is 2 ms a page less.
    first = clean_text(profile_title or sole_h1)
    if first:
        key = norm(first)
        if key and not _is_site(key, sites) and any(key == norm(clean_text(x)) for x in (headline, raw_og) if x):
            return first

    heading_els = _headings(page)
    heading_texts = []
    h1s = list(page.tree.iter("h1"))
    first_h1 = next((t for t in (clean_text(el.text_content()) for el in h1s) if t), None)
    for el in heading_els:
        # an h1 is a candidate of its own; a title box around or inside it is the same statement
        if el.tag == "h1" or next(el.iter("h1"), None) is not None or next(el.iterancestors("h1"), None) is not None:
            continue
        text = clean_text(el.text_content())
        if text and len(text) <= MAX_TITLE_CHARS:
            heading_texts.append((text, el))

    # evidence for affix stripping: what the other sources say
    plain = [norm(x) for x in (profile_title, sole_h1, headline, first_h1) if x]
    plain += [norm(t) for t, _ in heading_texts]
    if raw_title and _segments(raw_title)[1:]:
        # only a <title> of several segments needs it, and a bold line is weak evidence: it counts
        # when exactly one run of the title's segments is printed bold (the site's name in bold in
        # the header and the headline in bold above the story say nothing)
        runs = _runs(raw_title)
        bold = {line for line in _bold_lines(page) if line in runs}
        if len(bold) == 1:
            plain += bold
    og = strip_affix(raw_og, sites, plain + [norm(raw_title)], fallback_suffix=False) if raw_og else ""
    tw = strip_affix(raw_tw, sites, plain + [norm(raw_title)], fallback_suffix=False) if raw_tw else ""
    title = strip_affix(raw_title, sites, plain + [norm(og), norm(tw)], fallback_suffix=True) if raw_title else ""

    cands: list[Candidate] = []
    for source, text in (("profile", profile_title), ("h1", sole_h1), ("jsonld", headline), ("og", og),
                         ("first_h1", None if sole_h1 else first_h1), ("title", title), ("twitter", tw)):
        text = clean_text(text)
        if text:
            cands.append(Candidate(source, text, norm(text)))
    for text, el in heading_texts:
        cands.append(Candidate("heading", text, norm(text), el))
    if not cands:
        return None

    raw_title_key = norm(raw_title)

    def family(source: str) -> str:
        # <title>, og:title and twitter:title are one SEO field more often than not: they do not
        # vouch for each other
        return "meta" if source in _META else source

    def support(c: Candidate) -> int:
        sources = set()
        for other in cands:
            if family(other.source) in sources or family(other.source) == family(c.source):
                continue
            if _agree(c.key, other.key):
                sources.add(family(other.source))
        if "meta" not in sources and family(c.source) != "meta" and raw_title_key and c.key \
                and f" {c.key} " in f" {raw_title_key} " and (len(c.key) >= 0.5 * len(raw_title_key)
                                                               or _leads(raw_title, c.text)
                                                               and len(c.key.split()) >= MIN_SWITCH_WORDS):
            # the raw <title> is this headline with the site or a subtitle after it
            sources.add("meta")
        return len(sources)

    supports = {id(c): support(c) for c in cands}
    furniture = None
    # The headline the <title> states once the site's affix is off it (a title that was only the
    # site's name, as old sites print on every page, states none).
    titled = norm(title) if title and title != raw_title and len(norm(title).split()) >= MIN_SWITCH_WORDS else ""

    def out(c: Candidate) -> bool:
        """The site's name, always; page furniture (a heading no other source repeats that is
        a menu, rubric or breadcrumb link's text, or sits in the masthead), for what is read from
        the page's elements."""
        nonlocal furniture
        if not c.key or _is_site(c.key, sites):
            return True
        if supports[id(c)] or c.source not in _ELEMENT_SOURCES:
            return False
        if furniture is None:
            furniture = _furniture_texts(page)
        if c.key in furniture:
            return True
        if c.source in ("h1", "first_h1") and titled and len(c.key.split()) < MIN_SWITCH_WORDS \
                and not _overlap(c.key, titled):
            # a one- or two-word h1 nothing repeats, over a page whose <title> states a headline
            # with none of its words: the rubric ("Новости", "Жаңалықтар", "Сельское хозяйство")
            return True
        if c.source in ("h1", "first_h1"):
            return any(_in_masthead(el) for el in h1s if clean_text(el.text_content()) == c.text)
        return False

    # the usual order: profile, sole h1, JSON-LD, og:title, the first of several h1, <title>
    usual = [c for c in cands if c.source not in ("heading", "twitter")]
    default = next((c for c in usual if not out(c)), None)
    if default is not None and usual and default is not usual[0] and not supports[id(default)] \
            and not (default.source == "title" and clean_text(raw_title) != default.text
                     and len(default.key.split()) >= MIN_SWITCH_WORDS) and default.source not in ("jsonld", "og"):
        # past the furniture only to an unsupported line that is no headline statement of its own
        # (a <title> we could not take the site's name off): what the page said first, as before
        default = usual[0]
    best = max((c for c in cands if supports[id(c)] and not out(c) and len(c.key.split()) >= MIN_SWITCH_WORDS),
               key=lambda c: supports[id(c)], default=None)
    if default is None:
        # nothing but furniture: the agreed statement, else what the page said first (as before)
        return best.text if best else (usual[0].text if usual else None)
    if supports[id(default)] or best is None or best.key == default.key:
        return default.text
    if _overlap(default.key, best.key) >= KEEP_OVERLAP:
        return default.text
    # the best-supported statement, in its most complete wording among those that agree
    return _spelling(best, cands)


def _spelling(best: Candidate, cands: list[Candidate]) -> str:
    """Of the candidates that agree with ``best``, the first in source order (a heading last)."""
    order = ("profile", "h1", "jsonld", "og", "first_h1", "title", "twitter", "heading")
    agreeing = [c for c in cands if c.key == best.key or _agree(c.key, best.key)]
    agreeing.sort(key=lambda c: order.index(c.source))
    return agreeing[0].text if agreeing else best.text
